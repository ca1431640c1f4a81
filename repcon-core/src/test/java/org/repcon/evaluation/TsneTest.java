package org.repcon.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TsneTest {
    @Test
    void conditionalRowsHaveTheRequestedPerplexity() {
        Random rng = new Random(1);
        double[] dist = new double[40];
        for (int j = 0; j < dist.length; j++) {
            dist[j] = 50 * rng.nextDouble();
        }
        double[] p = new double[40];
        for (double perp : new double[] {2, 5, 20}) {
            Tsne.conditionalRow(dist, 7, perp, p);
            double h = 0;
            double sum = 0;
            for (double v : p) {
                sum += v;
                h -= v > 0 ? v * Math.log(v) : 0;
            }
            assertEquals(0, p[7], 0);
            assertEquals(1, sum, 1e-12);
            assertEquals(perp, Math.exp(h), 1e-3 * perp);
        }
    }

    @Test
    void jointAffinitiesAreSymmetricAndSumToOne() {
        double[][] x = gaussianClusters(30, 4, 3, 2);
        double[] p = Tsne.jointAffinities(x, 10);
        int n = x.length;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                assertEquals(p[i * n + j], p[j * n + i], 0);
                sum += p[i * n + j];
            }
        }
        assertEquals(1, sum, n * n * 1e-12); // up to the 1e-12 floor
    }

    @Test
    void gradientMatchesFiniteDifferencesOfKl() {
        Random rng = new Random(5);
        int n = 12;
        int dims = 2;
        double[] p = new double[n * n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double v = rng.nextDouble();
                p[i * n + j] = v;
                p[j * n + i] = v;
                total += 2 * v;
            }
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= total;
        }
        double[] y = new double[n * dims];
        for (int k = 0; k < y.length; k++) {
            y[k] = rng.nextGaussian();
        }
        double[] g = Tsne.klGradient(p, y, n, dims);
        double h = 1e-6;
        for (int k = 0; k < y.length; k++) {
            double[] yp = y.clone();
            double[] ym = y.clone();
            yp[k] += h;
            ym[k] -= h;
            double fd = (Tsne.klDivergence(p, yp, n, dims) - Tsne.klDivergence(p, ym, n, dims)) / (2 * h);
            assertEquals(fd, g[k], 1e-7, "coordinate " + k);
        }
    }

    @Test
    void separatesThreeClustersWithDefaults() {
        double[][] x = gaussianClusters(40, 10, 3, 7);
        int[] labels = labels(40, 3);
        TsneResult r = Tsne.builder().optPerplexity(15).optSeed(11).build().fit(x);
        assertEquals(x.length, r.embedding().length);
        assertEquals(2, r.embedding()[0].length);
        assertEquals(1.0, nearestNeighbourAgreement(r.embedding(), labels), 0);
        // distances within clusters are much smaller than between clusters
        assertTrue(meanDistance(r.embedding(), labels, true) * 3 < meanDistance(r.embedding(), labels, false));
        int[] its = r.klIterations();
        assertEquals(0, its[0]);
        assertEquals(1000, its[its.length - 1]);
        assertTrue(r.klDivergence() < 0.5 * r.klHistory()[0], "KL " + Arrays.toString(r.klHistory()));
        // the recorded KL (parallel row sums) equals the plain reference formula
        double[] y = Arrays.stream(r.embedding()).flatMapToDouble(Arrays::stream).toArray();
        assertEquals(Tsne.klDivergence(Tsne.jointAffinities(x, 15), y, x.length, 2), r.klDivergence(), 1e-10);
    }

    @Test
    void klDecreasesMonotonicallyAfterExaggerationWithASmallerRate() {
        double[][] x = gaussianClusters(40, 10, 3, 7);
        TsneResult r = Tsne.builder().optPerplexity(15).optSeed(11).optLearningRate(50).build().fit(x);
        int[] its = r.klIterations();
        double[] kl = r.klHistory();
        int end = Arrays.binarySearch(its, 250);
        assertTrue(kl[kl.length - 1] < kl[end], "KL " + Arrays.toString(kl));
        for (int i = end + 2; i < kl.length; i++) { // one interval after the change of phase
            assertTrue(kl[i] <= kl[i - 1], "KL " + Arrays.toString(kl));
        }
        assertEquals(1.0, nearestNeighbourAgreement(r.embedding(), labels(40, 3)), 0);
    }

    @Test
    void deterministicBySeedAndIndependentOfThreads() {
        double[][] x = gaussianClusters(15, 5, 3, 9);
        Tsne.Builder b = Tsne.builder().optPerplexity(8).optIterations(300).optSeed(4);
        double[][] a = b.optThreads(2).build().fit(x).embedding();
        double[][] again = b.optThreads(2).build().fit(x).embedding();
        double[][] single = b.optThreads(1).build().fit(x).embedding();
        double[][] other = b.optSeed(5).build().fit(x).embedding();
        for (int i = 0; i < x.length; i++) {
            assertArrayEquals(a[i], again[i], 0);
            assertArrayEquals(a[i], single[i], 0);
        }
        assertFalse(Arrays.equals(a[0], other[0]));
    }

    @Test
    void badInputIsRejected() {
        double[][] x = gaussianClusters(5, 3, 2, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tsne.builder().optPerplexity(9).build().fit(x));
        assertTrue(e.getMessage().contains("perplexity"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Tsne.builder().optPerplexity(0.5));
        assertThrows(IllegalArgumentException.class, () -> Tsne.builder().optThreads(0));
        assertThrows(IllegalArgumentException.class,
                () -> Tsne.builder().build().fit(new double[][] {{1, 2}, {3}}));
    }

    /** {@code per} points per cluster around centres 10 e_c (std 1), clusters in label order. */
    static double[][] gaussianClusters(int per, int dims, int clusters, long seed) {
        Random rng = new Random(seed);
        double[][] x = new double[per * clusters][dims];
        for (int c = 0; c < clusters; c++) {
            for (int i = 0; i < per; i++) {
                for (int k = 0; k < dims; k++) {
                    x[c * per + i][k] = rng.nextGaussian() + (k == c ? 10 : 0);
                }
            }
        }
        return x;
    }

    static int[] labels(int per, int clusters) {
        int[] y = new int[per * clusters];
        for (int i = 0; i < y.length; i++) {
            y[i] = i / per;
        }
        return y;
    }

    /** Share of points whose nearest other point has the same label. */
    static double nearestNeighbourAgreement(double[][] e, int[] labels) {
        int agree = 0;
        for (int i = 0; i < e.length; i++) {
            int best = -1;
            double bd = Double.POSITIVE_INFINITY;
            for (int j = 0; j < e.length; j++) {
                double d = dist(e[i], e[j]);
                if (j != i && d < bd) {
                    bd = d;
                    best = j;
                }
            }
            agree += labels[best] == labels[i] ? 1 : 0;
        }
        return agree / (double) e.length;
    }

    private static double meanDistance(double[][] e, int[] labels, boolean within) {
        double s = 0;
        int c = 0;
        for (int i = 0; i < e.length; i++) {
            for (int j = i + 1; j < e.length; j++) {
                if ((labels[i] == labels[j]) == within) {
                    s += dist(e[i], e[j]);
                    c++;
                }
            }
        }
        return s / c;
    }

    private static double dist(double[] a, double[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            s += (a[k] - b[k]) * (a[k] - b[k]);
        }
        return Math.sqrt(s);
    }
}
