package org.repcon.diffusion.sampling;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.repcon.diffusion.NoiseModel;
import org.repcon.diffusion.process.GaussianDiffusion;
import org.repcon.diffusion.process.ReverseProcessBuilder;
import org.repcon.training.progress.TaskProgress;

/**
 * Deterministic DDIM sampling (Song et al. 2021, eta = 0) on a subsequence tau of S of the T timesteps,
 * tau_i = floor(i T / S), i = 0 .. S-1, visited from the largest down:
 * <pre>
 * x0_hat   = (x_t - sqrt(1 - alphaBar_t) eps_theta(x_t, t)) / sqrt(alphaBar_t),  clipped to [-clip, clip] if clip > 0
 * eps      = (x_t - sqrt(alphaBar_t) x0_hat) / sqrt(1 - alphaBar_t)      (= eps_theta without clipping)
 * x_prev   = sqrt(alphaBar_prev) x0_hat + sqrt(1 - alphaBar_prev) eps    (alphaBar_prev = 1 after tau_0)
 * </pre>
 * as improved-diffusion's {@code ddim_sample}. Sampling from noise starts at T - 1, which {@link #timesteps} adds to
 * the subsequence (so S + 1 model evaluations unless T - 1 is already a tau_i).
 */
public final class DdimSampler implements Sampler {
    private final GaussianDiffusion diffusion;
    private final int steps;
    private final double clip;
    private final DataType type;

    private DdimSampler(Builder b) {
        this.diffusion = b.diffusion();
        this.steps = b.steps;
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
        return timesteps(t).length;
    }

    /** The visited timesteps at or below {@code from}, descending: floor(i T / S) and {@code from} itself. */
    public int[] timesteps(int from) {
        int total = diffusion.steps();
        TreeSet<Integer> set = new TreeSet<>();
        for (int i = 0; i < steps; i++) {
            int t = (int) ((long) i * total / steps);
            if (t <= from) {
                set.add(t);
            }
        }
        set.add(from);
        return set.descendingSet().stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    public Samples run(NoiseModel model, NDManager manager, double[] xt, Shape shape, int t, SplittableRandom rng, int recordEvery,
            TaskProgress progress) {
        if (t < 0 || t >= diffusion.steps()) {
            throw new IllegalArgumentException("timestep " + t + " is outside [0, " + diffusion.steps() + ")");
        }
        var s = diffusion.schedule();
        return ReverseStep.loop(model, manager, xt, shape, timesteps(t), type, recordEvery, progress, (x, epsHat, step, next) -> {
            int[] ts = ReverseStep.same(x, step);
            NDArray x0 = diffusion.predictX0(x, ts, epsHat);
            NDArray eps = epsHat;
            if (clip > 0) {
                x0 = x0.clip(-clip, clip);
                eps = x.sub(x0.mul(GaussianDiffusion.coefficient(x0, ts, i -> Math.sqrt(s.alphaBar(i)))))
                        .mul(GaussianDiffusion.coefficient(x, ts, i -> 1 / Math.sqrt(1 - s.alphaBar(i))));
            }
            double prev = next < 0 ? 1.0 : s.alphaBar(next);
            return x0.mul(GaussianDiffusion.coefficient(x0, ts, i -> Math.sqrt(prev)))
                    .add(eps.mul(GaussianDiffusion.coefficient(eps, ts, i -> Math.sqrt(1 - prev))));
        });
    }

    /** S. */
    public int steps() {
        return steps;
    }

    /** Builder: {@code setDiffusion} and {@code setSteps} required; {@code opt*} optional. */
    public static final class Builder extends ReverseProcessBuilder<Builder> {
        private int steps;

        private Builder() {
            super(0);
        }

        @Override
        protected Builder self() {
            return this;
        }

        /** S, the number of model evaluations (1 .. T). */
        public Builder setSteps(int steps) {
            this.steps = steps;
            return this;
        }

        public DdimSampler build() {
            if (steps < 1 || steps > diffusion().steps()) {
                throw new IllegalArgumentException("DDIM steps must be in [1, T = " + diffusion().steps() + "], got " + steps);
            }
            return new DdimSampler(this);
        }
    }
}
