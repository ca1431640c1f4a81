package org.repcon.diffusion.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * MMD^2 and the sliced Wasserstein distance between Gaussian samples against their closed forms, at the toy's
 * sample size (2,000 points in 2-D). For P = N(0, s^2 I), Q = N(m, s^2 I) in d dimensions and the RBF kernel of
 * bandwidth h: MMD^2 = 2 (h^2 / (h^2 + 2 s^2))^{d/2} (1 - exp(-|m|^2 / (2 (h^2 + 2 s^2)))); each slice compares
 * N(0, s^2) with N(theta . m, s^2), so SW_2^2 = E_theta (theta . m)^2 = |m|^2 / d.
 */
class DistanceMetricsTest {

    /** n draws of N(mean, sd^2 I), shifted so that their sample mean is exactly {@code mean} (less sampling error). */
    private static double[][] gaussian(int n, double[] mean, double sd, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] x = new double[n][mean.length];
        double[] m = new double[mean.length];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < mean.length; j++) {
                x[i][j] = sd * rng.nextGaussian();
                m[j] += x[i][j] / n;
            }
        }
        for (double[] row : x) {
            for (int j = 0; j < mean.length; j++) {
                row[j] += mean[j] - m[j];
            }
        }
        return x;
    }

    @Test
    void mmdOfShiftedGaussiansMatchesTheClosedForm() {
        double s = 0.5;
        double h = 0.8;
        double[][] p = gaussian(2000, new double[] {0, 0}, s, 1);
        for (double shift : new double[] {0.0, 0.3, 1.0}) {
            double[][] q = gaussian(2000, new double[] {shift, 0}, s, 2);
            double c = h * h + 2 * s * s;
            double exact = 2 * (h * h / c) * (1 - Math.exp(-shift * shift / (2 * c)));
            assertEquals(exact, Mmd.squared(p, q, h), 0.004, "shift " + shift); // sampling error ~1e-3
        }
    }

    @Test
    void medianBandwidthIsTheMedianPairwiseDistance() {
        assertEquals(2.0, Mmd.medianBandwidth(new double[][] {{0, 0}, {1, 0}, {3, 0}}), 1e-15); // distances 1, 2, 3
        assertEquals(3.0, Mmd.medianBandwidth(new double[][] {{0}, {1}, {3}, {6}}), 1e-15); // 1 3 6 2 5 3: sorted 1 2 3 3 5 6
    }

    @Test
    void slicedWassersteinOfShiftedGaussiansMatchesTheClosedForm() {
        double[][] p = gaussian(2000, new double[] {0, 0}, 1, 3);
        for (double shift : new double[] {0.5, 1.0, 2.0}) {
            double[][] q = gaussian(2000, new double[] {shift, 0}, 1, 4);
            double exact = shift / Math.sqrt(2);
            double sw = SlicedWasserstein.distance(p, q, 500, 7);
            assertEquals(exact, sw, 0.05 * exact + 0.03, "shift " + shift);
        }
        double same = SlicedWasserstein.distance(p, gaussian(2000, new double[] {0, 0}, 1, 5), 500, 7);
        assertTrue(same < 0.08, "two samples of one distribution: " + same);
        assertEquals(0, SlicedWasserstein.distance(p, p, 50, 7), 0);
    }
}
