package org.repcon.autoencoders;

/** Deterministic seed derivation (SplitMix64 finaliser), so independent streams never share a generator state. */
final class Seeds {
    private Seeds() {}

    /** A well-mixed seed for stream {@code (seed, index)}. */
    static long mix(long seed, long index) {
        long z = seed + (index + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** {@code prefix + "." + name}, or just {@code name} for an empty prefix. */
    static String name(String prefix, String name) {
        return prefix == null || prefix.isEmpty() ? name : prefix + "." + name;
    }
}
