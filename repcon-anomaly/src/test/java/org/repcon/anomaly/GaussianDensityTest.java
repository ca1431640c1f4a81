package org.repcon.anomaly;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class GaussianDensityTest {

    /** 2-D: -log N by the explicit inverse and determinant of the shrunk 2x2 covariance. */
    @Test
    void matchesTheClosedFormIn2d() {
        Random r = new Random(4);
        double[][] x = new double[50][2];
        for (double[] row : x) {
            double a = r.nextGaussian();
            row[0] = 1 + 2 * a;
            row[1] = -1 + a + 0.5 * r.nextGaussian();
        }
        double lambda = 0.2;
        double m0 = 0;
        double m1 = 0;
        for (double[] row : x) {
            m0 += row[0] / x.length;
            m1 += row[1] / x.length;
        }
        double s00 = 0;
        double s01 = 0;
        double s11 = 0;
        for (double[] row : x) {
            s00 += (row[0] - m0) * (row[0] - m0) / (x.length - 1);
            s01 += (row[0] - m0) * (row[1] - m1) / (x.length - 1);
            s11 += (row[1] - m1) * (row[1] - m1) / (x.length - 1);
        }
        double tr = (s00 + s11) / 2;
        double a = (1 - lambda) * s00 + lambda * tr;
        double b = (1 - lambda) * s01;
        double d = (1 - lambda) * s11 + lambda * tr;
        double det = a * d - b * b;
        GaussianDensity g = GaussianDensity.fit(x, lambda);
        assertArrayEquals(new double[] {m0, m1}, g.mean(), 1e-12);
        for (double[] p : new double[][] {{0, 0}, {3, 1}, {-2, 0.5}}) {
            double u = p[0] - m0;
            double v = p[1] - m1;
            double q = (d * u * u - 2 * b * u * v + a * v * v) / det;
            double expected = 0.5 * q + 0.5 * Math.log(det) + Math.log(2 * Math.PI);
            assertEquals(expected, g.negativeLogDensity(p), 1e-10);
        }
    }

    /** 1-D without shrinkage: the normal density with the sample mean and variance. */
    @Test
    void oneDimensionIsTheNormalDensity() {
        double[][] x = {{1}, {2}, {4}};
        GaussianDensity g = GaussianDensity.fit(x, 0);
        double mean = 7.0 / 3;
        double var = ((1 - mean) * (1 - mean) + (2 - mean) * (2 - mean) + (4 - mean) * (4 - mean)) / 2;
        double at = 5;
        assertEquals(0.5 * (at - mean) * (at - mean) / var + 0.5 * Math.log(2 * Math.PI * var), g.score(new double[][] {{at}})[0], 1e-12);
    }

    @Test
    void shrinkageRescuesCollinearFeatures() {
        double[][] x = {{1, 2}, {2, 4}, {3, 6}};
        assertThrows(IllegalArgumentException.class, () -> GaussianDensity.fit(x, 0));
        GaussianDensity.fit(x, 0.1); // positive definite
        assertThrows(IllegalArgumentException.class, () -> GaussianDensity.fit(new double[][] {{1}}, 0.1));
    }
}
