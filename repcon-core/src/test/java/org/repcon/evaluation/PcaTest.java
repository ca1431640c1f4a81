package org.repcon.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class PcaTest {
    private static final double R = 1 / Math.sqrt(2);

    @Test
    void handTwoDimensionalExample() {
        // mean 0; sum x^2 = sum y^2 = 8.02, sum xy = 7.98; C = [[8.02, 7.98], [7.98, 8.02]] / 3
        double[][] z = {{-2, -2}, {2, 2}, {-0.1, 0.1}, {0.1, -0.1}};
        Pca pca = Pca.fit(z);
        assertArrayEquals(new double[] {16 / 3.0, 0.04 / 3.0}, pca.variances(), 1e-12);
        assertArrayEquals(new double[] {R, R}, pca.component(0), 1e-12);
        assertArrayEquals(new double[] {R, -R}, pca.component(1), 1e-12); // largest entry (first of equals) > 0
        assertArrayEquals(new double[] {16 / 16.04, 0.04 / 16.04}, pca.explainedVarianceRatio(), 1e-12);
        double[][] p = pca.project(z, 2);
        assertArrayEquals(new double[] {2 * Math.sqrt(2), 0}, p[1], 1e-12);
        assertArrayEquals(new double[] {0, -0.2 * R}, p[2], 1e-12);
        assertEquals(1, Pca.fitProject(z, 1)[0].length);
    }

    @Test
    void componentsAreOrthonormalEigenvectorsOfTheCovariance() {
        Random rng = new Random(3);
        int n = 500;
        int d = 6;
        double[][] z = new double[n][d];
        for (double[] row : z) {
            double a = rng.nextGaussian();
            double b = rng.nextGaussian();
            for (int i = 0; i < d; i++) {
                row[i] = (i + 1) * a + (i % 2 == 0 ? b : -b) + 0.1 * rng.nextGaussian() + 5;
            }
        }
        double[][] cov = covariance(z);
        Pca pca = Pca.fit(z);
        double[] lambda = pca.variances();
        double trace = 0;
        for (int i = 0; i < d; i++) {
            trace += cov[i][i];
        }
        double sum = 0;
        for (int k = 0; k < d; k++) {
            sum += lambda[k];
            if (k > 0) {
                assertEquals(true, lambda[k] <= lambda[k - 1]);
            }
            double[] v = pca.component(k);
            for (int j = 0; j < d; j++) {
                double dot = 0;
                for (int i = 0; i < d; i++) {
                    dot += v[i] * pca.component(j)[i];
                }
                assertEquals(k == j ? 1 : 0, dot, 1e-12, "v" + k + " . v" + j);
            }
            for (int i = 0; i < d; i++) { // C v = lambda v
                double cv = 0;
                for (int j = 0; j < d; j++) {
                    cv += cov[i][j] * v[j];
                }
                assertEquals(lambda[k] * v[i], cv, 1e-9 * trace);
            }
        }
        assertEquals(trace, sum, 1e-9 * trace);
        // projections onto different components are uncorrelated, with the component's variance
        double[][] p = pca.project(z, 3);
        double[][] pc = covariance(p);
        assertEquals(lambda[0], pc[0][0], 1e-9 * trace);
        assertEquals(0, pc[0][1], 1e-9 * trace);
        assertEquals(0, pc[1][2], 1e-9 * trace);
    }

    @Test
    void jacobiOnKnownMatrix() {
        SymmetricEigen e = SymmetricEigen.of(new double[][] {{2, 1, 0}, {1, 2, 0}, {0, 0, 5}});
        assertArrayEquals(new double[] {5, 3, 1}, e.values(), 1e-14);
        assertArrayEquals(new double[] {0, 0, 1}, abs(e.vectors()[0]), 1e-14);
        assertArrayEquals(new double[] {R, R, 0}, abs(e.vectors()[1]), 1e-14);
        assertThrows(IllegalArgumentException.class, () -> SymmetricEigen.of(new double[][] {{1, 2}, {0, 1}}));
    }

    @Test
    void badInputIsRejected() {
        Pca pca = Pca.fit(new double[][] {{0, 1, 2}, {1, 0, 2}, {3, 1, 1}});
        assertThrows(IllegalArgumentException.class, () -> pca.project(new double[][] {{1, 2}}, 1));
        assertThrows(IllegalArgumentException.class, () -> pca.project(new double[][] {{1, 2, 3}}, 4));
        assertThrows(IllegalArgumentException.class, () -> pca.project(new double[][] {{1, 2, 3}}, 0));
        assertThrows(IllegalArgumentException.class, () -> Pca.fit(new double[][] {{1, 2}}));
    }

    private static double[] abs(double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Math.abs(v[i]);
        }
        return out;
    }

    /** Plain two-pass sample covariance, 1/(N-1). */
    private static double[][] covariance(double[][] z) {
        int d = z[0].length;
        double[] m = new double[d];
        for (double[] row : z) {
            for (int i = 0; i < d; i++) {
                m[i] += row[i] / z.length;
            }
        }
        double[][] c = new double[d][d];
        for (double[] row : z) {
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    c[i][j] += (row[i] - m[i]) * (row[j] - m[j]) / (z.length - 1);
                }
            }
        }
        return c;
    }
}
