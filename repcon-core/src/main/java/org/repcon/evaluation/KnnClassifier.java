package org.repcon.evaluation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.Random;
import org.repcon.engine.Engines;

/**
 * k-nearest-neighbour classification of test latents against (optionally a seeded subsample of) train latents, the
 * non-parametric companion of {@link LinearProbe}.
 *
 * <p>The neighbours of a test point {@code a} are the k train points {@code b_j} with the smallest Euclidean distance
 * {@code ||a - b_j||}, ties broken by the lower train index. The prediction is the majority class among them; a tie
 * between classes goes to the tied class whose member is nearest.
 *
 * <p><b>Computation.</b> Test points are processed in chunks of about 2^24 / N_train rows. For each chunk, DJL/PyTorch
 * computes in float32 {@code s_j = ||b_j||^2 - 2 a . b_j} (the squared distance minus the constant {@code ||a||^2})
 * for all train points and keeps the {@code 2k + 10} smallest ({@code topK}); these candidates are then re-ranked by
 * their exact double-precision distance in Java, so rounding in the float32 stage only matters for points that are
 * within float32 rounding of the k-th neighbour and beyond the candidate margin.
 */
public final class KnnClassifier {
    /** Default number of neighbours. */
    public static final int DEFAULT_K = 5;
    private static final long CHUNK_ELEMENTS = 1L << 24;

    private final int k;
    private final int subsample;
    private final long seed;

    /** k = 5, the whole train set. */
    public KnnClassifier() {
        this(DEFAULT_K);
    }

    /** k neighbours, the whole train set. */
    public KnnClassifier(int k) {
        this(k, 0, 0);
    }

    private KnnClassifier(int k, int subsample, long seed) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1: " + k);
        }
        this.k = k;
        this.subsample = subsample;
        this.seed = seed;
    }

    /**
     * The same classifier using only {@code size} train points drawn without replacement with {@code seed}
     * ({@link #subsampleIndices}); a train set of at most {@code size} points is used whole.
     */
    public KnnClassifier withTrainSubsample(int size, long seed) {
        if (size < 1) {
            throw new IllegalArgumentException("subsample size must be >= 1: " + size);
        }
        return new KnnClassifier(k, size, seed);
    }

    public int k() {
        return k;
    }

    /** Share of test points whose predicted class equals {@code testY}. */
    public double accuracy(double[][] trainZ, int[] trainY, double[][] testZ, int[] testY) {
        ArgumentChecks.labels(testY, testZ.length, "testY", "testZ");
        int[] pred = predict(trainZ, trainY, testZ);
        int correct = 0;
        for (int i = 0; i < pred.length; i++) {
            if (pred[i] == testY[i]) {
                correct++;
            }
        }
        return correct / (double) pred.length;
    }

    /** Predicted class of each test point. */
    public int[] predict(double[][] trainZ, int[] trainY, double[][] testZ) {
        ArgumentChecks.sameColumns(trainZ, "trainZ", testZ, "testZ");
        int maxLabel = ArgumentChecks.labels(trainY, trainZ.length, "trainY", "trainZ");
        int[] use = subsample > 0 && subsample < trainZ.length
                ? subsampleIndices(trainZ.length, subsample, seed) : identity(trainZ.length);
        int n = use.length;
        if (k > n) {
            throw new IllegalArgumentException("k = " + k + " exceeds the " + n + " train points");
        }
        int d = trainZ[0].length;
        float[] b = new float[n * d];
        float[] bNorm = new float[n];
        for (int j = 0; j < n; j++) {
            double s = 0;
            for (int i = 0; i < d; i++) {
                float v = (float) trainZ[use[j]][i];
                b[j * d + i] = v;
                s += (double) v * v;
            }
            bNorm[j] = (float) s;
        }
        int candidates = Math.min(n, 2 * k + 10);
        int chunk = (int) Math.max(1, Math.min(testZ.length, CHUNK_ELEMENTS / n));
        int[] pred = new int[testZ.length];
        int[] votes = new int[maxLabel + 1];
        Engines.start();
        try (NDManager base = NDManager.newBaseManager()) {
            NDArray bt = base.create(b, new Shape(n, d)).transpose();
            NDArray bn = base.create(bNorm, new Shape(n));
            for (int start = 0; start < testZ.length; start += chunk) {
                int rows = Math.min(chunk, testZ.length - start);
                long[] idx;
                try (NDManager sub = base.newSubManager(); NDScope scope = new NDScope()) {
                    float[] a = new float[rows * d];
                    for (int r = 0; r < rows; r++) {
                        for (int i = 0; i < d; i++) {
                            a[r * d + i] = (float) testZ[start + r][i];
                        }
                    }
                    NDArray scores = sub.create(a, new Shape(rows, d)).matMul(bt).mul(-2).add(bn);
                    NDList top = scores.topK(candidates, 1, false, false);
                    idx = top.get(1).toLongArray();
                }
                for (int r = 0; r < rows; r++) {
                    pred[start + r] = vote(testZ[start + r], trainZ, trainY, use, idx, r * candidates, candidates,
                            votes);
                }
            }
        }
        return pred;
    }

    /** Exact re-ranking of one test point's candidates, then the vote. */
    private int vote(double[] a, double[][] trainZ, int[] trainY, int[] use, long[] idx, int off, int count,
            int[] votes) {
        Integer[] order = new Integer[count];
        double[] dist = new double[count];
        int[] train = new int[count];
        for (int c = 0; c < count; c++) {
            train[c] = use[(int) idx[off + c]];
            double[] bj = trainZ[train[c]];
            double s = 0;
            for (int i = 0; i < a.length; i++) {
                double diff = a[i] - bj[i];
                s += diff * diff;
            }
            dist[c] = s;
            order[c] = c;
        }
        Arrays.sort(order, (x, y) -> dist[x] != dist[y] ? Double.compare(dist[x], dist[y])
                : Integer.compare(train[x], train[y]));
        int[] nearest = new int[k];
        for (int c = 0; c < k; c++) {
            nearest[c] = trainY[train[order[c]]];
        }
        return majority(nearest, votes);
    }

    /**
     * Majority class of neighbour labels sorted nearest first; a tie goes to the tied class that occurs first.
     *
     * @param votes scratch array of length at least {@code max label + 1}
     */
    static int majority(int[] sortedLabels, int[] votes) {
        int best = 0;
        for (int y : sortedLabels) {
            best = Math.max(best, ++votes[y]);
        }
        int winner = -1;
        for (int y : sortedLabels) {
            if (winner < 0 && votes[y] == best) {
                winner = y;
            }
        }
        for (int y : sortedLabels) {
            votes[y] = 0;
        }
        return winner;
    }

    /**
     * {@code size} distinct indices from {@code [0, n)} by a seeded partial Fisher-Yates shuffle
     * ({@link Random}{@code (seed)}), in ascending order.
     */
    public static int[] subsampleIndices(int n, int size, long seed) {
        if (size < 1 || size > n) {
            throw new IllegalArgumentException("subsample size must be in [1, " + n + "], got " + size);
        }
        int[] perm = identity(n);
        Random rng = new Random(seed);
        for (int i = 0; i < size; i++) {
            int j = i + rng.nextInt(n - i);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        int[] out = Arrays.copyOf(perm, size);
        Arrays.sort(out);
        return out;
    }

    private static int[] identity(int n) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = i;
        }
        return out;
    }
}
