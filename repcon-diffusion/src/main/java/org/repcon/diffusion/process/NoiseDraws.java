package org.repcon.diffusion.process;

import java.util.SplittableRandom;

/**
 * The random numbers of one training step: a timestep t ~ U{0 .. T-1} and a noise vector eps ~ N(0, I) per sample,
 * drawn from a generator seeded by (seed, step) alone, so a resumed run draws what the uninterrupted one drew.
 *
 * @param timesteps [N], 0-based
 * @param noise N x values-per-sample standard normal numbers, row-major
 */
public record NoiseDraws(int[] timesteps, double[] noise) {

    /** The draws of step {@code step} for {@code n} samples of {@code valuesPerSample} values each, T timesteps. */
    public static NoiseDraws of(long seed, long step, int n, int valuesPerSample, int steps) {
        SplittableRandom rng = new SplittableRandom(mix(seed, step));
        int[] t = new int[n];
        for (int i = 0; i < n; i++) {
            t[i] = rng.nextInt(steps);
        }
        return new NoiseDraws(t, gaussians(rng, Math.multiplyExact(n, valuesPerSample)));
    }

    /** {@code count} standard normal numbers from {@code rng}. */
    public static double[] gaussians(SplittableRandom rng, int count) {
        double[] eps = new double[count];
        for (int i = 0; i < count; i++) {
            eps[i] = rng.nextGaussian();
        }
        return eps;
    }

    /** A well-mixed seed for the pair (seed, step) (SplitMix64's finaliser). */
    public static long mix(long seed, long step) {
        long z = seed * 0x9E3779B97F4A7C15L + step + 0x632BE59BD9B4E019L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
