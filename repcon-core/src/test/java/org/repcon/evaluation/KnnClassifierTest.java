package org.repcon.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class KnnClassifierTest {
    @Test
    void agreesWithBruteForceReference() {
        Random rng = new Random(2);
        double[][] train = noisyBlobs(rng, 700, 6, 3, 1.0);
        int[] trainY = labelsOf(700, 3);
        double[][] test = noisyBlobs(rng, 160, 6, 3, 1.0);
        for (int k : new int[] {1, 4, 5, 9}) {
            int[] expected = bruteForce(train, trainY, test, k);
            assertArrayEquals(expected, new KnnClassifier(k).predict(train, trainY, test), "k = " + k);
            // the blobs overlap, so predictions are not trivially all correct
            assertTrue(IntStream.range(0, test.length).anyMatch(i -> expected[i] != i % 3), "k = " + k);
        }
    }

    @Test
    void subsampleIsSeededAndMatchesReferenceOnTheSubset() {
        Random rng = new Random(3);
        double[][] train = noisyBlobs(rng, 600, 4, 4, 1.5);
        int[] trainY = labelsOf(600, 4);
        double[][] test = noisyBlobs(rng, 100, 4, 4, 1.5);
        int[] idx = KnnClassifier.subsampleIndices(600, 200, 7);
        assertArrayEquals(idx, KnnClassifier.subsampleIndices(600, 200, 7));
        assertEquals(200, Arrays.stream(idx).distinct().count());
        assertTrue(idx[0] >= 0 && idx[199] < 600);
        double[][] sub = Arrays.stream(idx).mapToObj(i -> train[i]).toArray(double[][]::new);
        int[] subY = Arrays.stream(idx).map(i -> trainY[i]).toArray();
        int[] expected = bruteForce(sub, subY, test, 5);
        assertArrayEquals(expected, new KnnClassifier().withTrainSubsample(200, 7).predict(train, trainY, test));
    }

    @Test
    void classTieGoesToTheNearestNeighbourClass() {
        // 1-D: neighbours of 0 in order 1 (class 1), 2 (class 0), 3 (class 0), 4 (class 1): 2 votes each
        double[][] train = {{3}, {100}, {2}, {4}, {1}};
        int[] trainY = {0, 2, 0, 1, 1};
        assertArrayEquals(new int[] {1}, new KnnClassifier(4).predict(train, trainY, new double[][] {{0}}));
        // 3 neighbours: class 0 has the majority although class 1 is nearest
        assertArrayEquals(new int[] {0}, new KnnClassifier(3).predict(train, trainY, new double[][] {{0}}));
        assertEquals(7, KnnClassifier.majority(new int[] {7, 3, 3, 7}, new int[8]));
        assertEquals(3, KnnClassifier.majority(new int[] {7, 3, 3}, new int[8]));
    }

    @Test
    void separatedBlobsAreClassifiedPerfectly() {
        Random rng = new Random(4);
        double[][] train = noisyBlobs(rng, 300, 8, 5, 0.3);
        double[][] test = noisyBlobs(rng, 100, 8, 5, 0.3);
        assertEquals(1.0, new KnnClassifier().accuracy(train, labelsOf(300, 5), test, labelsOf(100, 5)), 0);
    }

    @Test
    void badInputIsRejected() {
        double[][] train = {{0, 1}, {1, 0}, {2, 2}};
        int[] y = {0, 1, 0};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new KnnClassifier(4).predict(train, y, train));
        assertTrue(e.getMessage().contains("k = 4"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new KnnClassifier(1).predict(train, new int[2], train));
        assertThrows(IllegalArgumentException.class,
                () -> new KnnClassifier(1).predict(train, y, new double[][] {{1, 2, 3}}));
        assertThrows(IllegalArgumentException.class,
                () -> new KnnClassifier(1).accuracy(train, y, train, new int[] {0}));
        assertThrows(IllegalArgumentException.class, () -> new KnnClassifier(0));
        assertThrows(IllegalArgumentException.class, () -> KnnClassifier.subsampleIndices(3, 4, 1));
    }

    /** Point i belongs to class i % classes, centred at 3 e_(class mod dims), with Gaussian noise of std sigma. */
    static double[][] noisyBlobs(Random rng, int n, int dims, int classes, double sigma) {
        double[][] x = new double[n][dims];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < dims; k++) {
                x[i][k] = sigma * rng.nextGaussian() + (k == (i % classes) % dims ? 3 : 0);
            }
        }
        return x;
    }

    static int[] labelsOf(int n, int classes) {
        return IntStream.range(0, n).map(i -> i % classes).toArray();
    }

    /** Plain reference: sort all train points by (distance, index), majority of the first k, ties to the nearest. */
    static int[] bruteForce(double[][] train, int[] trainY, double[][] test, int k) {
        int[] out = new int[test.length];
        for (int t = 0; t < test.length; t++) {
            double[] a = test[t];
            Integer[] order = IntStream.range(0, train.length).boxed().toArray(Integer[]::new);
            double[] d = new double[train.length];
            for (int j = 0; j < train.length; j++) {
                for (int i = 0; i < a.length; i++) {
                    d[j] += (a[i] - train[j][i]) * (a[i] - train[j][i]);
                }
            }
            Arrays.sort(order, Comparator.<Integer>comparingDouble(j -> d[j]).thenComparingInt(j -> j));
            int[] count = new int[64];
            int best = 0;
            for (int c = 0; c < k; c++) {
                best = Math.max(best, ++count[trainY[order[c]]]);
            }
            for (int c = 0; c < k; c++) {
                if (count[trainY[order[c]]] == best) {
                    out[t] = trainY[order[c]];
                    break;
                }
            }
        }
        return out;
    }
}
