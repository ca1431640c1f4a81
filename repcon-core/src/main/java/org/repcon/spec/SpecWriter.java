package org.repcon.spec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes a (resolved) spec tree as block-style YAML, keys in insertion order, lists of scalars inline.
 * The output re-loads with {@link SpecLoader} to the same values.
 */
public final class SpecWriter {
    private SpecWriter() {}

    /** The spec's tree, including recorded defaults, as YAML. */
    public static String toYaml(Spec spec) {
        return toYaml(spec.rawTree());
    }

    /** A tree of maps, lists and scalars as YAML. */
    public static String toYaml(Map<String, ?> tree) {
        return YamlSupport.dumper().dump(tree);
    }

    /** Writes the spec's tree to {@code file} atomically (temp file in the same directory, then move). */
    public static void write(Spec spec, Path file) throws IOException {
        write(spec.rawTree(), file);
    }

    /** Writes a tree to {@code file} atomically, creating parent directories as needed. */
    public static void write(Map<String, ?> tree, Path file) throws IOException {
        org.repcon.io.AtomicFiles.write(file, toYaml(tree).getBytes(StandardCharsets.UTF_8));
    }
}
