package org.repcon.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Applies {@code --set path=value} overrides to a raw spec tree before it is read.
 *
 * <p>Paths are dotted keys with optional list indices: {@code network.width}, {@code training.stages[1].steps}
 * or equivalently {@code training.stages.1.steps}. Values are parsed as YAML, so {@code seed=7} is an int,
 * {@code lr=1e-3} a double, {@code hidden=[20,20]} a list and {@code init={kind: xavier}} a mapping.
 * Missing intermediate mappings are created; an index out of range, an index into a mapping, or a path through
 * a scalar is a {@link SpecException} naming the path.
 */
public final class Overrides {
    private static final Pattern SEGMENT = Pattern.compile("([^\\[\\]]+)((?:\\[\\d{1,9}])*)");
    private static final Pattern INDEX = Pattern.compile("\\[(\\d{1,9})]");
    private static final Pattern DIGITS = Pattern.compile("\\d{1,9}");

    private Overrides() {}

    /** Applies each assignment in order to the spec's raw tree. Call before reading the spec. */
    public static void apply(Spec spec, List<String> assignments) {
        apply(spec.rawTree(), assignments);
    }

    /** Applies each assignment in order to {@code tree}. */
    public static void apply(Map<String, Object> tree, List<String> assignments) {
        for (String a : assignments) {
            apply(tree, a);
        }
    }

    /** Applies one {@code path=value} assignment to {@code tree}. */
    @SuppressWarnings("unchecked")
    public static void apply(Map<String, Object> tree, String assignment) {
        int eq = assignment.indexOf('=');
        if (eq < 0) throw new SpecException("", "invalid --set '" + assignment + "': expected key=value, e.g. training.lr=1e-3");
        String dotted = assignment.substring(0, eq).strip();
        List<Object> steps = parsePath(dotted, assignment);
        Object value = YamlTrees.copy(parseValue(dotted, assignment.substring(eq + 1)), dotted);

        Object node = tree;
        String path = "";
        for (int i = 0; i < steps.size(); i++) {
            Object step = steps.get(i);
            boolean last = i == steps.size() - 1;
            if (node instanceof Map<?, ?> raw) {
                Map<String, Object> map = (Map<String, Object>) raw;
                if (step instanceof Integer idx) {
                    throw new SpecException(path, "cannot apply index [" + idx + "] from --set " + dotted + ": this is a mapping, not a list");
                }
                String key = (String) step;
                path = SpecPaths.join(path, key);
                if (last) {
                    map.put(key, value);
                    return;
                }
                if (map.get(key) == null) {
                    Object next = steps.get(i + 1);
                    if (next instanceof Integer || DIGITS.matcher((String) next).matches()) {
                        throw new SpecException(path, "cannot index into a missing list (--set " + dotted + ")");
                    }
                    map.put(key, new LinkedHashMap<String, Object>());
                }
                node = map.get(key);
            } else if (node instanceof List<?> raw) {
                List<Object> list = (List<Object>) raw;
                if (step instanceof String s && !DIGITS.matcher(s).matches()) {
                    throw new SpecException(path, "cannot look up key '" + s + "' from --set " + dotted + ": this is a list, use an index");
                }
                int idx = step instanceof Integer n ? n : Integer.parseInt((String) step);
                path = SpecPaths.index(path, idx);
                if (idx >= list.size()) {
                    throw new SpecException(path, "index out of range (the list has " + list.size() + " elements)");
                }
                if (last) {
                    list.set(idx, value);
                    return;
                }
                node = list.get(idx);
            } else {
                throw new SpecException(path, "cannot set " + dotted + ": the value here is " + Scalars.describe(node) + ", not a mapping or list");
            }
        }
    }

    /** Steps: String keys (digit-only keys index lists) and Integer bracket indices. */
    private static List<Object> parsePath(String dotted, String assignment) {
        List<Object> steps = new ArrayList<>();
        for (String segment : dotted.split("\\.", -1)) {
            Matcher m = SEGMENT.matcher(segment.strip());
            if (!m.matches()) {
                throw new SpecException("", "invalid --set '" + assignment + "': bad key path '" + dotted + "'");
            }
            steps.add(m.group(1).strip());
            Matcher idx = INDEX.matcher(m.group(2));
            while (idx.find()) {
                steps.add(Integer.parseInt(idx.group(1)));
            }
        }
        return steps;
    }

    private static Object parseValue(String dotted, String text) {
        try {
            return YamlSupport.loader().load(text);
        } catch (MarkedYAMLException e) {
            throw new SpecException(dotted, "invalid --set value '" + text + "': " + e.getProblem(), e);
        } catch (YAMLException e) {
            throw new SpecException(dotted, "invalid --set value '" + text + "': " + e.getMessage(), e);
        }
    }
}
