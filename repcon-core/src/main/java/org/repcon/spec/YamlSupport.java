package org.repcon.spec;

import java.util.Collection;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;

/** SnakeYAML configuration shared by loading, overrides and writing. Yaml instances are not thread-safe: one per call. */
final class YamlSupport {
    private YamlSupport() {}

    /** Safe loader (no arbitrary classes), duplicate keys rejected, mapping keys always strings, timestamps kept as strings. */
    static Yaml loader() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setAllowRecursiveKeys(false);
        DumperOptions dump = new DumperOptions();
        return new Yaml(new SpecConstructor(options), new Representer(dump), dump, options);
    }

    /** Block-style dumper; lists of scalars are written inline ({@code hidden: [20, 20]}). */
    static Yaml dumper() {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setIndicatorIndent(2);
        options.setIndentWithIndicator(true);
        options.setWidth(120);
        return new Yaml(new SafeConstructor(new LoaderOptions()), new SpecRepresenter(options), options);
    }

    private static final class SpecConstructor extends SafeConstructor {
        SpecConstructor(LoaderOptions options) {
            super(options);
            // "date: 2024-01-01" stays the string the user wrote instead of becoming a java.util.Date.
            yamlConstructors.put(Tag.TIMESTAMP, new ConstructYamlStr());
        }

        @Override
        protected void constructMapping2ndStep(MappingNode node, Map<Object, Object> mapping) {
            // Keys are names, never numbers or YAML 1.1 booleans ("on:", "no:", "1:" stay strings).
            for (NodeTuple t : node.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode key && !Tag.MERGE.equals(key.getTag())) {
                    key.setTag(Tag.STR);
                }
            }
            super.constructMapping2ndStep(node, mapping);
        }
    }

    private static final class SpecRepresenter extends Representer {
        SpecRepresenter(DumperOptions options) {
            super(options);
        }

        @Override
        protected Node representSequence(Tag tag, Iterable<?> sequence, DumperOptions.FlowStyle style) {
            boolean scalars = true;
            for (Object o : sequence) {
                scalars &= !(o instanceof Map || o instanceof Collection);
            }
            return super.representSequence(tag, sequence, scalars ? DumperOptions.FlowStyle.FLOW : DumperOptions.FlowStyle.BLOCK);
        }
    }
}
