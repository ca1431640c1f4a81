package org.repcon.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LinearProbeTest {
    @Test
    void separableBlobsAreClassifiedPerfectly() {
        Random rng = new Random(1);
        double[][] train = KnnClassifierTest.noisyBlobs(rng, 400, 8, 4, 0.5);
        double[][] test = KnnClassifierTest.noisyBlobs(rng, 200, 8, 4, 0.5);
        ProbeResult r = LinearProbe.fit(train, KnnClassifierTest.labelsOf(400, 4), test,
                KnnClassifierTest.labelsOf(200, 4), 0);
        assertEquals(1.0, r.trainAccuracy(), 0);
        assertEquals(1.0, r.testAccuracy(), 0);
        assertEquals(4, r.classes());
    }

    @Test
    void randomLabelsGiveChanceAccuracy() {
        Random rng = new Random(2);
        double[][] train = gaussian(rng, 600, 8);
        double[][] test = gaussian(rng, 2000, 8);
        int[] trainY = rng.ints(600, 0, 4).toArray();
        int[] testY = rng.ints(2000, 0, 4).toArray();
        ProbeResult r = LinearProbe.fit(train, trainY, test, testY, 0);
        // chance 0.25, standard error 0.0097 with 2,000 test points
        assertTrue(Math.abs(r.testAccuracy() - 0.25) < 0.05, "test accuracy " + r.testAccuracy());
    }

    @Test
    void reachesTheMinimumOfAPlainJavaReference() {
        Random rng = new Random(3);
        double[][] train = KnnClassifierTest.noisyBlobs(rng, 60, 2, 3, 1.5);
        int[] y = KnnClassifierTest.labelsOf(60, 3);
        double l2 = 0.1;
        double reference = referenceMinimum(train, y, 3, l2);
        ProbeResult r = LinearProbe.fit(train, y, train, y, 5, l2, 300);
        assertEquals(reference, r.trainLoss(), 1e-5);
        assertEquals(r.trainAccuracy(), r.testAccuracy(), 0);
    }

    @Test
    void badInputIsRejected() {
        double[][] z = {{0, 1}, {1, 0}, {2, 2}};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LinearProbe.fit(z, new int[] {1, 1, 1}, z, new int[] {0, 1, 1}, 0));
        assertTrue(e.getMessage().contains("single class"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> LinearProbe.fit(z, new int[] {0, 1}, z, new int[] {0, 1, 1}, 0));
        assertTrue(e.getMessage().contains("trainY"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> LinearProbe.fit(z, new int[] {0, 1, 0}, new double[][] {{1}}, new int[] {0}, 0));
        assertThrows(IllegalArgumentException.class,
                () -> LinearProbe.fit(z, new int[] {0, -1, 0}, z, new int[] {0, 1, 1}, 0));
    }

    private static double[][] gaussian(Random rng, int n, int d) {
        double[][] x = new double[n][d];
        for (double[] row : x) {
            for (int i = 0; i < d; i++) {
                row[i] = rng.nextGaussian();
            }
        }
        return x;
    }

    /**
     * Minimum of mean cross-entropy + l2/2 ||W||^2 on standardised features, by 20,000 plain gradient-descent steps
     * (step 0.5; strongly convex, so this converges far below the tolerance used).
     */
    private static double referenceMinimum(double[][] z, int[] y, int k, double l2) {
        int n = z.length;
        int d = z[0].length;
        double[][] x = new double[n][d];
        for (int i = 0; i < d; i++) {
            double m = 0;
            for (double[] row : z) {
                m += row[i] / n;
            }
            double v = 0;
            for (double[] row : z) {
                v += (row[i] - m) * (row[i] - m) / n;
            }
            for (int s = 0; s < n; s++) {
                x[s][i] = (z[s][i] - m) / Math.sqrt(v);
            }
        }
        double[][] w = new double[d][k];
        double[] b = new double[k];
        double loss = 0;
        for (int step = 0; step < 20_000; step++) {
            double[][] gw = new double[d][k];
            double[] gb = new double[k];
            loss = 0;
            for (int s = 0; s < n; s++) {
                double[] logit = b.clone();
                for (int c = 0; c < k; c++) {
                    for (int i = 0; i < d; i++) {
                        logit[c] += x[s][i] * w[i][c];
                    }
                }
                double max = Math.max(logit[0], Math.max(logit[1], logit[2]));
                double sum = 0;
                for (int c = 0; c < k; c++) {
                    sum += Math.exp(logit[c] - max);
                }
                loss -= (logit[y[s]] - max - Math.log(sum)) / n;
                for (int c = 0; c < k; c++) {
                    double r = Math.exp(logit[c] - max) / sum - (c == y[s] ? 1 : 0);
                    gb[c] += r / n;
                    for (int i = 0; i < d; i++) {
                        gw[i][c] += x[s][i] * r / n;
                    }
                }
            }
            for (int i = 0; i < d; i++) {
                for (int c = 0; c < k; c++) {
                    loss += 0.5 * l2 * w[i][c] * w[i][c];
                    w[i][c] -= 0.5 * (gw[i][c] + l2 * w[i][c]);
                }
            }
            for (int c = 0; c < k; c++) {
                b[c] -= 0.5 * gb[c];
            }
        }
        return loss;
    }
}
