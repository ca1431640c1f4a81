package org.repcon.diffusion.process;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.repcon.diffusion.schedule.NoiseSchedule;
import org.repcon.nn.Scalars;

/**
 * The DDPM forward process and the reverse-process means built on it (Ho et al. 2020), on arrays of samples
 * {@code [N, ...]} (vectors [N, D] or images [N, C, H, W]) with one timestep per sample ({@code int[] t}, 0-based):
 * <pre>
 * q(x_t | x_0):         x_t = sqrt(alphaBar_t) x_0 + sqrt(1 - alphaBar_t) eps,   eps ~ N(0, I)
 * x_0 from eps:         x0_hat = (x_t - sqrt(1 - alphaBar_t) eps_hat) / sqrt(alphaBar_t)
 * posterior mean:       mu(x_0, x_t) = c1_t x_0 + c2_t x_t
 * </pre>
 * The per-sample coefficients are made from the schedule's float64 values in the data's type and broadcast over
 * all but the first axis. Nothing here closes arrays: results belong to the inputs' managers.
 */
public final class GaussianDiffusion {
    private final NoiseSchedule schedule;

    public GaussianDiffusion(NoiseSchedule schedule) {
        this.schedule = schedule;
    }

    public NoiseSchedule schedule() {
        return schedule;
    }

    /** T. */
    public int steps() {
        return schedule.steps();
    }

    /** x_t = sqrt(alphaBar_t) x_0 + sqrt(1 - alphaBar_t) eps, all [N, ...]. */
    public NDArray qSample(NDArray x0, int[] t, NDArray eps) {
        return x0.mul(coefficient(x0, t, i -> Math.sqrt(schedule.alphaBar(i))))
                .add(eps.mul(coefficient(eps, t, i -> Math.sqrt(1 - schedule.alphaBar(i)))));
    }

    /** x0_hat = sqrt(1 / alphaBar_t) x_t - sqrt(1 / alphaBar_t - 1) eps_hat. */
    public NDArray predictX0(NDArray xt, int[] t, NDArray eps) {
        return xt.mul(coefficient(xt, t, i -> Math.sqrt(1 / schedule.alphaBar(i))))
                .sub(eps.mul(coefficient(eps, t, i -> Math.sqrt(1 / schedule.alphaBar(i) - 1))));
    }

    /** The posterior mean of q(x_{t-1} | x_t, x_0): c1_t x_0 + c2_t x_t. */
    public NDArray posteriorMean(NDArray x0, NDArray xt, int[] t) {
        return x0.mul(coefficient(x0, t, schedule::posteriorMeanCoef1)).add(xt.mul(coefficient(xt, t, schedule::posteriorMeanCoef2)));
    }

    /**
     * The reverse-process mean mu_theta(x_t, t) from a predicted noise: the posterior mean at x0_hat, x0_hat clipped
     * to [-clip, clip] first when {@code clip > 0} (Ho et al.'s {@code clip_denoised} for data in [-1, 1]).
     */
    public NDArray modelMean(NDArray xt, int[] t, NDArray epsHat, double clip) {
        NDArray x0 = predictX0(xt, t, epsHat);
        if (clip > 0) {
            x0 = x0.clip(-clip, clip);
        }
        return posteriorMean(x0, xt, t);
    }

    /** A [N, 1, ..., 1] array (rank of {@code like}, its type and manager) of {@code f(t_n)}, safe under autograd. */
    public static NDArray coefficient(NDArray like, int[] t, java.util.function.IntToDoubleFunction f) {
        Shape shape = like.getShape();
        if (shape.get(0) != t.length) {
            throw new IllegalArgumentException(t.length + " timesteps for a batch of " + shape.get(0) + " (shape " + shape + ")");
        }
        double[] values = new double[t.length];
        for (int n = 0; n < t.length; n++) {
            values[n] = f.applyAsDouble(t[n]);
        }
        long[] dims = new long[shape.dimension()];
        java.util.Arrays.fill(dims, 1);
        dims[0] = t.length;
        NDManager manager = like.getManager();
        return Scalars.owned(manager.create(values, new Shape(dims)), like.getDataType());
    }

    /** The timesteps as an int32 [N] array for a {@link org.repcon.diffusion.NoiseModel}. */
    public static NDArray timesteps(NDManager manager, int[] t) {
        return manager.create(t);
    }
}
