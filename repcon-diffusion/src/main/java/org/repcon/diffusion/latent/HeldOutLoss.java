package org.repcon.diffusion.latent;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import org.repcon.diffusion.NoiseModel;
import org.repcon.diffusion.process.EpsilonLoss;
import org.repcon.diffusion.process.GaussianDiffusion;
import org.repcon.diffusion.process.NoiseDraws;

/**
 * L_simple of a trained noise model on held-out vectors [n][D], per timestep bucket: for bucket k, every vector gets a
 * t drawn uniformly within the bucket's range and fresh noise (seeded), and the bucket's value is
 * {@code mean over vectors and coordinates of (eps_theta(x_t, t) - eps)^2}.
 */
final class HeldOutLoss {
    private static final int BATCH = 2048;

    private HeldOutLoss() {}

    static double[] perBucket(NoiseModel model, GaussianDiffusion diffusion, double[][] points, int buckets, DataType type,
            NDManager root, long seed) {
        int steps = diffusion.steps();
        int d = points[0].length;
        double[] result = new double[buckets];
        SplittableRandom rng = new SplittableRandom(seed);
        for (int k = 0; k < buckets; k++) {
            int lo = EpsilonLoss.bucketStart(k, buckets, steps);
            int hi = EpsilonLoss.bucketStart(k + 1, buckets, steps);
            double sum = 0;
            for (int from = 0; from < points.length; from += BATCH) {
                int n = Math.min(BATCH, points.length - from);
                int[] t = new int[n];
                double[] flat = new double[n * d];
                for (int i = 0; i < n; i++) {
                    t[i] = lo + rng.nextInt(Math.max(1, hi - lo));
                    System.arraycopy(points[from + i], 0, flat, i * d, d);
                }
                double[] eps = NoiseDraws.gaussians(rng, n * d);
                try (NDScope scope = new NDScope(); NDManager m = root.newSubManager()) {
                    NDArray x0 = m.create(flat, new Shape(n, d)).toType(type, false);
                    NDArray noise = m.create(eps, new Shape(n, d)).toType(type, false);
                    NDArray xt = diffusion.qSample(x0, t, noise);
                    NDArray predicted = model.predictNoise(xt, GaussianDiffusion.timesteps(m, t), false);
                    sum += predicted.sub(noise).square().sum().toType(DataType.FLOAT64, false).getDouble();
                }
            }
            result[k] = sum / ((double) points.length * d);
        }
        return result;
    }
}
