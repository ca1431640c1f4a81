package org.repcon.diffusion.sampling;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import org.repcon.diffusion.NoiseModel;
import org.repcon.diffusion.process.GaussianDiffusion;
import org.repcon.diffusion.process.ModelVariance;
import org.repcon.diffusion.process.NoiseDraws;
import org.repcon.diffusion.process.ReverseProcessBuilder;
import org.repcon.training.progress.TaskProgress;

/**
 * Ancestral sampling (Ho et al. 2020, algorithm 2), t = T-1 .. 0:
 * <pre>
 * x0_hat  = (x_t - sqrt(1 - alphaBar_t) eps_theta(x_t, t)) / sqrt(alphaBar_t),  clipped to [-clip, clip] if clip > 0
 * x_{t-1} = c1_t x0_hat + c2_t x_t + sigma_t z,   z ~ N(0, I), no noise at t = 0
 * </pre>
 * with sigma_t^2 from {@link ModelVariance}. Without clipping the mean equals
 * {@code (x_t - beta_t / sqrt(1 - alphaBar_t) eps_theta) / sqrt(alpha_t)}.
 */
public final class DdpmSampler implements Sampler {
    private final GaussianDiffusion diffusion;
    private final ModelVariance variance;
    private final double clip;
    private final DataType type;

    private DdpmSampler(Builder b) {
        this.diffusion = b.diffusion();
        this.variance = b.variance();
        this.clip = b.clip();
        this.type = b.type();
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public int lastTimestep() {
        return diffusion.steps() - 1;
    }

    @Override
    public int stepsFrom(int t) {
        return t + 1;
    }

    @Override
    public Samples run(NoiseModel model, NDManager manager, double[] xt, Shape shape, int t, SplittableRandom rng, int recordEvery,
            TaskProgress progress) {
        if (t < 0 || t >= diffusion.steps()) {
            throw new IllegalArgumentException("timestep " + t + " is outside [0, " + diffusion.steps() + ")");
        }
        int[] timesteps = new int[t + 1];
        for (int i = 0; i <= t; i++) {
            timesteps[i] = t - i;
        }
        int size = Math.toIntExact(shape.size());
        return ReverseStep.loop(model, manager, xt, shape, timesteps, type, recordEvery, progress, (x, eps, step, next) -> {
            NDArray mean = diffusion.modelMean(x, ReverseStep.same(x, step), eps, clip);
            if (step == 0) {
                return mean;
            }
            double sigma = Math.exp(0.5 * variance.logVariance(diffusion.schedule(), step));
            NDArray z = x.getManager().create(NoiseDraws.gaussians(rng, size), shape).toType(type, false);
            return mean.add(z.mul(GaussianDiffusion.coefficient(z, ReverseStep.same(z, step), i -> sigma)));
        });
    }

    /** Builder: {@code setDiffusion} required; {@code opt*} optional. */
    public static final class Builder extends ReverseProcessBuilder<Builder> {
        private Builder() {
            super(0);
        }

        @Override
        protected Builder self() {
            return this;
        }

        /** sigma_t^2 of the reverse process (default {@link ModelVariance#FIXED_LARGE}, Ho et al.'s CIFAR-10 choice). */
        public Builder optVariance(ModelVariance variance) {
            return variance(variance);
        }

        public DdpmSampler build() {
            diffusion();
            return new DdpmSampler(this);
        }
    }
}
