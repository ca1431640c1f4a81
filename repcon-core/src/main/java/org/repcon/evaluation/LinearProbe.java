package org.repcon.evaluation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.repcon.engine.Engines;
import org.repcon.optim.lbfgs.IterationResult;
import org.repcon.optim.lbfgs.Lbfgs;

/**
 * Linear probe: multinomial logistic regression on frozen latents, the standard measure of how linearly decodable the
 * labels are from a representation.
 *
 * <p>Features are standardised with the training mean and (population) standard deviation,
 * {@code x = (z - mean) / std} (a constant feature, std &lt; 1e-12, is only centred). With weights {@code W [D, K]}
 * and bias {@code b [K]}, {@code p(k | x) = softmax(x W + b)_k} and the objective is
 * <pre>
 *   L(W, b) = -(1/N) sum_n ln p(y_n | x_n) + (l2 / 2) ||W||_F^2         (the bias is not penalised)
 *   dL/dW = (1/N) X^T (P - Y) + l2 W,   dL/db = (1/N) sum_n (p_n - y_n)   (Y one-hot)
 * </pre>
 * minimised full-batch by L-BFGS ({@link Lbfgs}, strong-Wolfe line search) from {@code W ~ N(0, 0.01^2)} (seeded),
 * {@code b = 0}. Matrix products run in DJL/PyTorch in float32; the optimiser works in double. The objective is
 * strictly convex, so the seed only matters within the optimiser's tolerance. A sample is predicted as
 * {@code argmax_k (x W + b)_k}.
 */
public final class LinearProbe {
    /** Default L2 weight {@code l2}. */
    public static final double DEFAULT_L2 = 1e-4;
    /** Default iteration cap of L-BFGS. */
    public static final int DEFAULT_MAX_ITERATIONS = 300;

    private LinearProbe() {
    }

    /** {@link #fit(double[][], int[], double[][], int[], long, double, int)} with the defaults. */
    public static ProbeResult fit(double[][] trainZ, int[] trainY, double[][] testZ, int[] testY, long seed) {
        return fit(trainZ, trainY, testZ, testY, seed, DEFAULT_L2, DEFAULT_MAX_ITERATIONS);
    }

    /**
     * Trains on {@code (trainZ, trainY)} and scores on both sets.
     *
     * @param trainZ {@code [N][D]} training latents
     * @param trainY class index of each training latent (at least two distinct classes)
     * @param testZ {@code [M][D]} test latents
     * @param testY class index of each test latent
     * @param seed seed of the initial weights
     * @param l2 weight of the L2 penalty, {@code >= 0}
     * @param maxIterations L-BFGS iteration cap, {@code >= 1}
     */
    public static ProbeResult fit(double[][] trainZ, int[] trainY, double[][] testZ, int[] testY, long seed,
            double l2, int maxIterations) {
        ArgumentChecks.sameColumns(trainZ, "trainZ", testZ, "testZ");
        int maxTrain = ArgumentChecks.labels(trainY, trainZ.length, "trainY", "trainZ");
        int maxTest = ArgumentChecks.labels(testY, testZ.length, "testY", "testZ");
        if (!(l2 >= 0) || Double.isInfinite(l2)) {
            throw new IllegalArgumentException("l2 must be finite and >= 0: " + l2);
        }
        if (maxIterations < 1) {
            throw new IllegalArgumentException("maxIterations must be >= 1: " + maxIterations);
        }
        if (java.util.Arrays.stream(trainY).distinct().limit(2).count() < 2) {
            throw new IllegalArgumentException("trainY has a single class: a probe needs at least two");
        }
        int d = trainZ[0].length;
        int k = Math.max(maxTrain, maxTest) + 1;
        double[] mean = new double[d];
        double[] scale = new double[d];
        standardisation(trainZ, mean, scale);

        Engines.start();
        try (NDManager base = NDManager.newBaseManager()) {
            NDArray xTrain = base.create(features(trainZ, mean, scale), new Shape(trainZ.length, d));
            NDArray xTrainT = xTrain.transpose();
            NDArray yTrain = base.create(oneHot(trainY, k), new Shape(trainY.length, k));
            int n = trainZ.length;
            double[] theta = new double[d * k + k];
            Random rng = new Random(seed);
            for (int i = 0; i < d * k; i++) {
                theta[i] = 0.01 * rng.nextGaussian();
            }
            Lbfgs lbfgs = Lbfgs.builder().optHistorySize(20).optToleranceGrad(1e-6).optToleranceChange(1e-10)
                    .build();
            double[] lossOut = new double[1];
            int it = 0;
            while (it < maxIterations) {
                IterationResult r = lbfgs.iterate(theta, (x, g) -> objective(base, xTrain, xTrainT, yTrain, n, d, k,
                        l2, x, g));
                it++;
                lossOut[0] = r.loss();
                if (r.converged()) {
                    break;
                }
            }
            double trainAcc = accuracy(base, xTrain, trainY, theta, d, k);
            double testAcc;
            try (NDManager sub = base.newSubManager()) {
                NDArray xTest = sub.create(features(testZ, mean, scale), new Shape(testZ.length, d));
                testAcc = accuracy(sub, xTest, testY, theta, d, k);
            }
            return new ProbeResult(trainAcc, testAcc, k, it, lossOut[0]);
        }
    }

    /** Loss and gradient at {@code theta = [W (row-major D x K), b]}; all temporaries are freed on return. */
    private static double objective(NDManager base, NDArray x, NDArray xT, NDArray y, int n, int d, int k, double l2,
            double[] theta, double[] gradOut) {
        try (NDManager sub = base.newSubManager(); NDScope scope = new NDScope()) {
            float[] wf = new float[d * k];
            float[] bf = new float[k];
            for (int i = 0; i < wf.length; i++) {
                wf[i] = (float) theta[i];
            }
            for (int i = 0; i < k; i++) {
                bf[i] = (float) theta[d * k + i];
            }
            NDArray w = sub.create(wf, new Shape(d, k));
            NDArray b = sub.create(bf, new Shape(k));
            NDArray logp = x.matMul(w).add(b).logSoftmax(1);
            double ce = -logp.mul(y).sum().getFloat() / n;
            NDArray residual = logp.exp().sub(y);
            float[] gw = xT.matMul(residual).toFloatArray();
            float[] gb = residual.sum(new int[] {0}).toFloatArray();
            double reg = 0;
            for (int i = 0; i < d * k; i++) {
                reg += theta[i] * theta[i];
                gradOut[i] = gw[i] / n + l2 * theta[i];
            }
            for (int i = 0; i < k; i++) {
                gradOut[d * k + i] = gb[i] / n;
            }
            return ce + 0.5 * l2 * reg;
        }
    }

    private static double accuracy(NDManager manager, NDArray x, int[] labels, double[] theta, int d, int k) {
        try (NDManager sub = manager.newSubManager(); NDScope scope = new NDScope()) {
            float[] wf = new float[d * k];
            float[] bf = new float[k];
            for (int i = 0; i < wf.length; i++) {
                wf[i] = (float) theta[i];
            }
            for (int i = 0; i < k; i++) {
                bf[i] = (float) theta[d * k + i];
            }
            long[] pred = x.matMul(sub.create(wf, new Shape(d, k))).add(sub.create(bf, new Shape(k)))
                    .argMax(1).toLongArray();
            int correct = 0;
            for (int i = 0; i < labels.length; i++) {
                if (pred[i] == labels[i]) {
                    correct++;
                }
            }
            return correct / (double) labels.length;
        }
    }

    /** Training mean and population standard deviation per feature (1 where the deviation is below 1e-12). */
    static void standardisation(double[][] z, double[] mean, double[] scale) {
        double[] var = LatentStatistics.columnVariances(z, mean.length);
        for (double[] row : z) {
            for (int i = 0; i < mean.length; i++) {
                mean[i] += row[i];
            }
        }
        for (int i = 0; i < mean.length; i++) {
            mean[i] /= z.length;
            double sd = Math.sqrt(var[i]);
            scale[i] = sd < 1e-12 ? 1 : sd;
        }
    }

    private static float[] features(double[][] z, double[] mean, double[] scale) {
        int d = mean.length;
        float[] out = new float[z.length * d];
        for (int n = 0; n < z.length; n++) {
            for (int i = 0; i < d; i++) {
                out[n * d + i] = (float) ((z[n][i] - mean[i]) / scale[i]);
            }
        }
        return out;
    }

    private static float[] oneHot(int[] y, int k) {
        float[] out = new float[y.length * k];
        for (int n = 0; n < y.length; n++) {
            out[n * k + y[n]] = 1;
        }
        return out;
    }
}
