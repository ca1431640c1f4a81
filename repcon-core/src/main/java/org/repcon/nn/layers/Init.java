package org.repcon.nn.layers;

import java.util.Random;

/**
 * PyTorch's default initialisation of {@code nn.Linear} and {@code nn.Conv2d}, computed in Java from an
 * explicit seed: {@code kaiming_uniform_(a = sqrt(5))} for the weight and the bias rule, which both come to
 * {@code U(-1/sqrt(fanIn), 1/sqrt(fanIn))}, with {@code fanIn = in} (dense) or {@code in * k * k} (convolution).
 */
public final class Init {
    private Init() {}

    /** The bound {@code 1 / sqrt(fanIn)} of the default initialisation. */
    public static double defaultBound(int fanIn) {
        if (fanIn <= 0) {
            throw new IllegalArgumentException("fan-in must be positive, got " + fanIn);
        }
        return 1 / Math.sqrt(fanIn);
    }

    /** {@code n} values drawn in order from {@code U(-bound, bound)}. */
    public static double[] uniform(int n, double bound, Random rng) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = (2 * rng.nextDouble() - 1) * bound;
        }
        return v;
    }
}
