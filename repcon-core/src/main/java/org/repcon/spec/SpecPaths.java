package org.repcon.spec;

/** Dotted paths to a value in a spec ({@code model.channels[1]}), as used in error messages and overrides. */
final class SpecPaths {
    private SpecPaths() {}

    static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    static String index(String path, int i) {
        return path + "[" + i + "]";
    }
}
