package org.repcon.tracking.data;

/**
 * The generator seeds of the tracker experiment's image sets, all derived from the run's seed s so that no two
 * sets of one run share an image ({@link TrackImageGenerator}: image (seed, index) depends on both alone):
 * <pre>
 *   train:                 s
 *   test:                  s + 1
 *   extra noise level i:   s + 2 + i
 *   validation:            SplitMix64(s XOR "validate"), a stream of its own
 * </pre>
 * The validation seed is not s + something: with consecutive seeds (s, s + 1, ... as a multi-seed run uses them)
 * one run's validation set would otherwise be another run's training or test set. {@link #validation} checks that
 * it differs from every other seed of the run, and the hash makes it differ from small seeds of other runs too.
 */
public final class TrackSplits {
    /** "validate" in ASCII: tags the validation stream. */
    private static final long VALIDATION_TAG = 0x76616C6964617465L;

    private TrackSplits() {}

    public static long train(long seed) {
        return seed;
    }

    public static long test(long seed) {
        return seed + 1;
    }

    /** The seed of the test set at extra noise level {@code level} (0, 1, ...). */
    public static long extraNoise(long seed, int level) {
        if (level < 0) {
            throw new IllegalArgumentException("extra noise level index must be >= 0, got " + level);
        }
        return seed + 2 + level;
    }

    /**
     * The validation seed of a run of seed {@code seed} with {@code extraLevels} extra noise levels.
     *
     * @throws IllegalStateException if it equals the seed of another of the run's sets (never seen: the hash would
     *     have to land on s .. s + 1 + extraLevels)
     */
    public static long validation(long seed, int extraLevels) {
        long v = mix(seed ^ VALIDATION_TAG);
        long d = v - seed; // v is a seed of the run's other sets iff 0 <= v - s <= 1 + extraLevels
        if (d >= 0 && d <= 1L + extraLevels) {
            throw new IllegalStateException("the validation seed of seed " + seed + " equals another set's seed " + v);
        }
        return v;
    }

    /** SplitMix64's finaliser. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
