package org.repcon.data;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Deterministic shuffled minibatches that need no saved state, so that training can resume at any step.
 *
 * <p>Epoch e uses the permutation {@code perm_e} of {0, ..., size - 1} drawn by a Fisher-Yates shuffle from a
 * generator seeded by (seed, e) alone. Global step s (counted from 0) belongs to epoch {@code e = s / b} and takes
 * chunk {@code k = s mod b} of it, with b = {@link #batchesPerEpoch()}: indices
 * {@code perm_e[k * batchSize, min((k + 1) * batchSize, size))}. With {@code dropLast} the last, smaller chunk of an
 * epoch is skipped (b = floor(size / batchSize)); otherwise it is a smaller batch (b = ceil(size / batchSize)).
 *
 * <p>The current epoch's permutation is cached; not thread-safe.
 */
public final class MiniBatches {
    private final int size;
    private final int batchSize;
    private final long seed;
    private final boolean dropLast;
    private final int batchesPerEpoch;
    private long cachedEpoch = -1;
    private int[] cachedPermutation;

    /**
     * @param size number of items (> 0)
     * @param batchSize items per batch (> 0; with {@code dropLast} at most {@code size})
     * @param seed the shuffle seed
     * @param dropLast skip the last, incomplete batch of each epoch
     */
    public MiniBatches(int size, int batchSize, long seed, boolean dropLast) {
        if (size <= 0 || batchSize <= 0) {
            throw new IllegalArgumentException("size and batch size must be positive, got " + size + " and " + batchSize);
        }
        if (dropLast && batchSize > size) {
            throw new IllegalArgumentException("batch size " + batchSize + " exceeds the " + size + " items, and the last "
                    + "incomplete batch is dropped: no batch is left. Use a batch size of at most " + size + ".");
        }
        this.size = size;
        this.batchSize = batchSize;
        this.seed = seed;
        this.dropLast = dropLast;
        this.batchesPerEpoch = dropLast ? size / batchSize : (size + batchSize - 1) / batchSize;
    }

    public int size() {
        return size;
    }

    public int batchSize() {
        return batchSize;
    }

    /** floor(size / batchSize) with {@code dropLast}, else ceil(size / batchSize). */
    public int batchesPerEpoch() {
        return batchesPerEpoch;
    }

    /** The epoch of global step {@code step}: step / batchesPerEpoch. */
    public long epoch(long step) {
        checkStep(step);
        return step / batchesPerEpoch;
    }

    /** The item indices of global step {@code step} (>= 0); a new array. */
    public int[] indices(long step) {
        checkStep(step);
        long epoch = step / batchesPerEpoch;
        int chunk = (int) (step % batchesPerEpoch);
        int[] perm = cached(epoch);
        int from = chunk * batchSize;
        int to = Math.min(from + batchSize, size);
        return Arrays.copyOfRange(perm, from, to);
    }

    /** The permutation of epoch {@code epoch}; a new array. */
    public int[] permutation(long epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must be >= 0, got " + epoch);
        }
        return cached(epoch).clone();
    }

    private int[] cached(long epoch) {
        if (epoch != cachedEpoch) {
            cachedPermutation = shuffle(size, generatorSeed(seed, epoch));
            cachedEpoch = epoch;
        }
        return cachedPermutation;
    }

    private void checkStep(long step) {
        if (step < 0) {
            throw new IllegalArgumentException("step must be >= 0, got " + step);
        }
    }

    /** Fisher-Yates shuffle of 0..n-1. */
    private static int[] shuffle(int n, long generatorSeed) {
        SplittableRandom rng = new SplittableRandom(generatorSeed);
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** A seed for (seed, epoch): SplitMix64's finaliser of the seed, combined with the epoch and mixed again. */
    static long generatorSeed(long seed, long epoch) {
        return mix(mix(seed) + 0x9E3779B97F4A7C15L * (epoch + 1));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
