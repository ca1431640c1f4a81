package org.repcon.spec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads experiment specs from YAML with SnakeYAML's safe constructor (no class instantiation). Duplicate keys
 * are rejected, mapping keys are always strings ({@code on:} stays {@code "on"}), timestamps stay strings, and
 * an empty document is an empty spec (all defaults). All failures are {@link SpecException}s naming the source.
 */
public final class SpecLoader {
    private SpecLoader() {}

    /** Loads {@code file}; a missing or unreadable file, malformed YAML or a non-mapping top level is a {@link SpecException}. */
    public static Spec load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new SpecException("", "spec file not found: " + file, e);
        } catch (IOException e) {
            throw new SpecException("", "cannot read spec file " + file + ": " + e, e);
        }
        return parse(text, file.toString());
    }

    /** Loads {@code file} and then applies {@code --set} overrides (see {@link Overrides}). */
    public static Spec load(Path file, List<String> overrides) {
        Spec spec = load(file);
        Overrides.apply(spec, overrides);
        return spec;
    }

    /** Parses YAML text; {@code sourceName} (a file name, "--spec", ...) is used in error messages. */
    public static Spec parse(String yaml, String sourceName) {
        Object root;
        try {
            root = YamlSupport.loader().load(yaml);
        } catch (MarkedYAMLException e) {
            throw new SpecException("", "invalid YAML in " + sourceName + where(e) + ": " + problem(e), e);
        } catch (YAMLException e) {
            throw new SpecException("", "invalid YAML in " + sourceName + ": " + e.getMessage(), e);
        }
        if (root == null) return Spec.empty();
        if (!(root instanceof Map<?, ?> map)) {
            throw new SpecException("", sourceName + ": the top level must be a mapping of keys to values, got " + Scalars.describe(root));
        }
        @SuppressWarnings("unchecked")
        Map<String, ?> tree = (Map<String, ?>) map;
        try {
            return Spec.of(tree);
        } catch (SpecException e) { // e.g. a non-scalar key such as "? [a, b]"
            throw new SpecException(e.path(), e.detail() + " (in " + sourceName + ")", e);
        }
    }

    private static String where(MarkedYAMLException e) {
        Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
        return m == null ? "" : " at line " + (m.getLine() + 1) + ", column " + (m.getColumn() + 1);
    }

    private static String problem(MarkedYAMLException e) {
        String p = e.getProblem() != null ? e.getProblem().strip() : "malformed YAML";
        // e.g. context "expected a single document in the stream", problem "but found another document"
        return p.startsWith("but ") && e.getContext() != null ? e.getContext().strip() + ", " + p : p;
    }
}
