package org.repcon.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class FrechetDistanceTest {

    private static double[][] gaussian(Random r, int n, double[] mean, double[] sd) {
        double[][] x = new double[n][mean.length];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < mean.length; j++) {
                x[i][j] = mean[j] + sd[j] * r.nextGaussian();
            }
        }
        return x;
    }

    @Test
    void identicalSetsAreAtDistanceZero() {
        double[][] x = gaussian(new Random(1), 500, new double[] {1, -2, 0.5}, new double[] {1, 2, 0.3});
        assertEquals(0, FrechetDistance.between(x, x), 1e-9);
    }

    /** Diagonal covariances commute: d^2 = |dmu|^2 + sum (s_a - s_b)^2 with s the standard deviations. */
    @Test
    void matchesTheClosedFormForDiagonalGaussians() {
        Random r = new Random(2);
        double[][] a = gaussian(r, 200_000, new double[] {0, 0, 0, 0}, new double[] {1, 2, 0.5, 1});
        double[][] b = gaussian(r, 200_000, new double[] {1, 0, -1, 0}, new double[] {1, 1, 0.5, 3});
        double expected = (1 + 1) + (0 + 1 + 0 + 4);
        assertEquals(expected, FrechetDistance.between(a, b), 0.05);
    }

    /** A full (non-commuting) case in 2-D against the direct formula with the 2x2 matrix square root. */
    @Test
    void matchesTheFormulaForCorrelatedCovariances() {
        // rows drawn exactly: the sample statistics are what the formula sees, so compute them from the samples
        Random r = new Random(3);
        int n = 5000;
        double[][] a = new double[n][2];
        double[][] b = new double[n][2];
        for (int i = 0; i < n; i++) {
            double u = r.nextGaussian();
            double v = r.nextGaussian();
            a[i] = new double[] {u, 0.8 * u + 0.6 * v};
            double p = r.nextGaussian();
            double q = r.nextGaussian();
            b[i] = new double[] {2 * p + 1, -0.5 * p + q};
        }
        double[][] cA = FrechetDistance.covariance(a, FrechetDistance.mean(a));
        double[][] cB = FrechetDistance.covariance(b, FrechetDistance.mean(b));
        double[] muA = FrechetDistance.mean(a);
        double[] muB = FrechetDistance.mean(b);
        // sqrt of a 2x2 PSD matrix M with s = sqrt(det M), t = sqrt(tr M + 2 s): sqrt(M) = (M + s I) / t,
        // and Tr sqrt(cA cB) = sqrt(tr(cA cB) + 2 sqrt(det(cA cB))) for 2x2
        double[][] p = {{cA[0][0] * cB[0][0] + cA[0][1] * cB[1][0], cA[0][0] * cB[0][1] + cA[0][1] * cB[1][1]},
                {cA[1][0] * cB[0][0] + cA[1][1] * cB[1][0], cA[1][0] * cB[0][1] + cA[1][1] * cB[1][1]}};
        double det = p[0][0] * p[1][1] - p[0][1] * p[1][0];
        double traceRoot = Math.sqrt(p[0][0] + p[1][1] + 2 * Math.sqrt(det));
        double expected = Math.pow(muA[0] - muB[0], 2) + Math.pow(muA[1] - muB[1], 2) + cA[0][0] + cA[1][1]
                + cB[0][0] + cB[1][1] - 2 * traceRoot;
        assertEquals(expected, FrechetDistance.between(a, b), 1e-9 * expected);
    }

    @Test
    void refusesMismatchedOrTooSmallSets() {
        assertThrows(IllegalArgumentException.class,
                () -> FrechetDistance.between(new double[][] {{1, 2}, {3, 4}}, new double[][] {{1}, {2}}));
        assertThrows(IllegalArgumentException.class,
                () -> FrechetDistance.between(new double[][] {{1, 2}}, new double[][] {{1, 2}, {3, 4}}));
    }
}
