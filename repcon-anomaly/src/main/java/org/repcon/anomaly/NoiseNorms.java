package org.repcon.anomaly;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.List;
import org.repcon.data.ImageSet;
import org.repcon.diffusion.DiffusionModel;
import org.repcon.diffusion.ImageScale;
import org.repcon.diffusion.TrainedDiffusion;
import org.repcon.diffusion.process.GaussianDiffusion;

/**
 * The MSMA feature vector of an image (Mahmood et al. 2021, "Multiscale score matching for out-of-distribution
 * detection"): the norms of the model's score at the clean image for L noise levels. For a DDPM with epsilon
 * prediction the level sigma (noise-to-signal ratio, in the units of the [-1, 1] data) is the timestep t whose
 * sqrt((1 - alphaBar_t) / alphaBar_t) is closest to sigma ({@code NoiseSchedule.timestepForNoise}); the clean image
 * seen at that level is the noise-free mean of q(x_t | x_0), and the feature is
 * <pre>
 * f_l(x_0) = || eps_theta(sqrt(alphaBar_t) x_0, t) ||_2      (over the D = C H W values)
 * </pre>
 * which is the norm of the score sqrt(1 - alphaBar_t) grad log p_t up to the constant factor of each level (the density
 * model on top absorbs it). Deterministic: no noise is drawn. Features [N][L].
 */
public final class NoiseNorms {
    private NoiseNorms() {}

    /** The features of {@code images} ([0, 1] pixels) under a loaded diffusion model. */
    public static double[][] of(TrainedDiffusion d, ImageSet images, List<Double> sigmas) {
        d.requireShape(images);
        return of(d.model(), d.run().manager(), ImageScale.toModel(images.pixels()), sigmas);
    }

    /**
     * The features of {@code x0} (values in the model's space, row-major [N, ...shape]) at each noise level.
     *
     * @throws IllegalArgumentException if no level is given or one is not positive
     */
    public static double[][] of(DiffusionModel m, NDManager manager, float[] x0, List<Double> sigmas) {
        if (sigmas.isEmpty()) {
            throw new IllegalArgumentException("give at least one noise level for the score norms");
        }
        int[] timesteps = sigmas.stream().mapToInt(s -> m.diffusion().schedule().timestepForNoise(s)).toArray();
        int per = m.size();
        if (x0.length == 0 || x0.length % per != 0) {
            throw new IllegalArgumentException("expected a positive multiple of " + per + " values, got " + x0.length);
        }
        int n = x0.length / per;
        double[][] out = new double[n][timesteps.length];
        long[] one = m.shape().getShape();
        for (int from = 0; from < n; from += m.chunk()) {
            int b = Math.min(m.chunk(), n - from);
            long[] dims = new long[one.length + 1];
            dims[0] = b;
            System.arraycopy(one, 0, dims, 1, one.length);
            for (int l = 0; l < timesteps.length; l++) {
                int t = timesteps[l];
                int[] ts = new int[b];
                Arrays.fill(ts, t);
                try (NDScope scope = new NDScope(); NDManager sub = manager.newSubManager()) {
                    NDArray x = sub.create(Arrays.copyOfRange(x0, from * per, (from + b) * per), new Shape(dims)).toType(m.type(), false);
                    NDArray xt = x.mul(Math.sqrt(m.diffusion().schedule().alphaBar(t)));
                    NDArray eps = m.model().predictNoise(xt, GaussianDiffusion.timesteps(sub, ts), false).toType(DataType.FLOAT64, false);
                    double[] sq = eps.square().reshape(b, per).sum(new int[] {1}).toDoubleArray();
                    for (int i = 0; i < b; i++) {
                        out[from + i][l] = Math.sqrt(sq[i]);
                    }
                }
            }
        }
        return out;
    }
}
