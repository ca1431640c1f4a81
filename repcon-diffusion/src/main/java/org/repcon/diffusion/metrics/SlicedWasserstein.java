package org.repcon.diffusion.metrics;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The sliced 2-Wasserstein distance between two samples of equal size n (Rabin et al. 2011; Bonneel et al. 2015):
 * <pre>
 * SW_2(x, y) = sqrt( 1/P sum_p 1/n sum_i (sort(theta_p . x)_i - sort(theta_p . y)_i)^2 )
 * </pre>
 * over P random directions theta_p uniform on the unit sphere (seeded), in the units of the data. In one dimension
 * the sorted matching is the optimal transport, so each slice is exact.
 */
public final class SlicedWasserstein {
    private SlicedWasserstein() {}

    /** SW_2 between {@code x} and {@code y} (both [n][d], same n >= 1) over {@code projections} directions. */
    public static double distance(double[][] x, double[][] y, int projections, long seed) {
        if (x.length != y.length || x.length == 0) {
            throw new IllegalArgumentException("sliced Wasserstein needs two samples of the same, non-zero size, got "
                    + x.length + " and " + y.length);
        }
        if (projections < 1) {
            throw new IllegalArgumentException("need at least one projection, got " + projections);
        }
        int n = x.length;
        int d = x[0].length;
        SplittableRandom rng = new SplittableRandom(seed);
        double total = 0;
        double[] px = new double[n];
        double[] py = new double[n];
        for (int p = 0; p < projections; p++) {
            double[] theta = new double[d];
            double norm = 0;
            for (int k = 0; k < d; k++) {
                theta[k] = rng.nextGaussian();
                norm += theta[k] * theta[k];
            }
            norm = Math.sqrt(norm);
            for (int i = 0; i < n; i++) {
                px[i] = dot(theta, x[i]) / norm;
                py[i] = dot(theta, y[i]) / norm;
            }
            Arrays.sort(px);
            Arrays.sort(py);
            double s = 0;
            for (int i = 0; i < n; i++) {
                double diff = px[i] - py[i];
                s += diff * diff;
            }
            total += s / n;
        }
        return Math.sqrt(total / projections);
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            s += a[k] * b[k];
        }
        return s;
    }
}
