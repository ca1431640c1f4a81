package org.repcon.diffusion.toy;

import java.util.SplittableRandom;

/**
 * Generated 2-D distributions for the diffusion toy ({@code data.datasets}), each roughly centred with unit-order
 * spread, since a diffusion process starts from N(0, I):
 * <pre>
 * MOONS: two interleaved half circles (as scikit-learn's make_moons): a = U(0, pi), upper (cos a, sin a),
 *        lower (1 - cos a, 0.5 - sin a), each with prob. 1/2, plus N(0, noise^2 I); then (p - (0.5, 0.25)) / 0.8
 * RING:  a = U(0, 2 pi), r = 1 + noise z, (r cos a, r sin a)
 * </pre>
 */
public enum ToyDistribution {
    MOONS {
        @Override
        double[] draw(SplittableRandom rng, double noise) {
            double a = rng.nextDouble() * Math.PI;
            boolean upper = rng.nextBoolean();
            double x = upper ? Math.cos(a) : 1 - Math.cos(a);
            double y = upper ? Math.sin(a) : 0.5 - Math.sin(a);
            x += noise * rng.nextGaussian();
            y += noise * rng.nextGaussian();
            return new double[] {(x - 0.5) / 0.8, (y - 0.25) / 0.8};
        }
    },
    RING {
        @Override
        double[] draw(SplittableRandom rng, double noise) {
            double a = rng.nextDouble() * 2 * Math.PI;
            double r = 1 + noise * rng.nextGaussian();
            return new double[] {r * Math.cos(a), r * Math.sin(a)};
        }
    };

    /** One point. */
    abstract double[] draw(SplittableRandom rng, double noise);

    /** {@code n} points [n][2], seeded. */
    public double[][] sample(int n, double noise, long seed) {
        if (n < 0 || noise < 0) {
            throw new IllegalArgumentException("need n >= 0 and noise >= 0, got " + n + " and " + noise);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] points = new double[n][];
        for (int i = 0; i < n; i++) {
            points[i] = draw(rng, noise);
        }
        return points;
    }

    /** The spec name, e.g. {@code moons}. */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
