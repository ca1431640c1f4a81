package org.repcon.diffusion.likelihood;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.repcon.diffusion.NoiseModel;
import org.repcon.diffusion.process.GaussianDiffusion;
import org.repcon.diffusion.process.ModelVariance;
import org.repcon.diffusion.process.NoiseDraws;
import org.repcon.diffusion.process.ReverseProcessBuilder;
import org.repcon.diffusion.schedule.NoiseSchedule;
import org.repcon.likelihood.DiscretizedGaussian;
import org.repcon.training.progress.TaskProgress;

/**
 * The variational bound on the negative log-likelihood, in bits per dimension, as Ho et al. 2020 compute it
 * ({@code calc_bpd_loop}): for each image x_0 (8-bit values scaled to [-1, 1]) and every timestep t = 0 .. T-1 (0-based),
 * one draw x_t ~ q(x_t | x_0) and
 * <pre>
 * L_0     = -log P(x_0 | x_1-step mean)       the discretised Gaussian decoder at t = 0 ({@link DiscretizedGaussian}),
 *                                             mean mu_theta(x_0', 0), log sigma = log sigma_0^2 / 2
 * L_t     = KL(q(x_{t-1} | x_t, x_0) || p_theta(x_{t-1} | x_t)),  t = 1 .. T-1  ({@link GaussianKl}; q's log variance
 *                                             the clipped posterior one, p's from {@link ModelVariance})
 * L_prior = KL(q(x_{T-1} | x_0) || N(0, I))
 * bpd     = (L_0 + sum_t L_t + L_prior) / (D ln 2)     each term averaged over the D values of the image
 * </pre>
 * where mu_theta is the posterior mean at x0_hat (clipped to [-1, 1] by default, Ho et al.'s {@code clip_denoised}).
 * All T terms are evaluated (T model evaluations per batch of images). The draws are seeded.
 */
public final class VariationalBound {
    private final GaussianDiffusion diffusion;
    private final ModelVariance variance;
    private final double clip;
    private final DataType type;

    private VariationalBound(Builder b) {
        this.diffusion = b.diffusion();
        this.variance = b.variance();
        this.clip = b.clip();
        this.type = b.type();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The bound's terms per image.
     *
     * @param terms [N][T] in bits per dimension: terms[n][0] the decoder's, terms[n][t] the KL term L_t
     * @param prior [N] bits per dimension of the prior term
     * @param bitsPerDim [N] the total
     */
    public record Result(double[][] terms, double[] prior, double[] bitsPerDim) {
        /** The mean of the total over the images. */
        public double meanBitsPerDim() {
            return Arrays.stream(bitsPerDim).average().orElse(Double.NaN);
        }
    }

    /**
     * Evaluates the bound for images {@code x0} (values on the 8-bit grid of [-1, 1], row-major [N, ...]).
     *
     * @param manager the arrays of each timestep are created under it and freed after it
     */
    public Result evaluate(NoiseModel model, NDManager manager, double[] x0, Shape shape, long seed) {
        return evaluate(model, manager, x0, shape, seed, TaskProgress.NONE);
    }

    /** {@link #evaluate}, advancing {@code progress} by N after each of the T timesteps (model evaluations of N images). */
    public Result evaluate(NoiseModel model, NDManager manager, double[] x0, Shape shape, long seed, TaskProgress progress) {
        int n = Math.toIntExact(shape.get(0));
        if (x0.length != shape.size()) {
            throw new IllegalArgumentException(x0.length + " values for images of shape " + shape);
        }
        for (double v : x0) {
            if (!(v >= -1 - 1e-9 && v <= 1 + 1e-9)) {
                throw new IllegalArgumentException("image values must be in [-1, 1] (8-bit data scaled), got " + v);
            }
            double level = (v + 1) * 127.5;
            if (Math.abs(level - Math.rint(level)) > 1e-6) {
                throw new IllegalArgumentException("image values must be 8-bit levels v / 127.5 - 1 (the decoder's bins), got " + v
                        + " (level " + level + ")");
            }
        }
        NoiseSchedule s = diffusion.schedule();
        int steps = s.steps();
        double ln2 = Math.log(2);
        double[][] terms = new double[n][steps];
        SplittableRandom rng = new SplittableRandom(seed);
        for (int t = 0; t < steps; t++) {
            double[] noise = NoiseDraws.gaussians(rng, x0.length);
            int[] ts = new int[n];
            Arrays.fill(ts, t);
            try (NDScope scope = new NDScope(); NDManager m = manager.newSubManager()) {
                NDArray start = m.create(x0, shape);
                NDArray x = start.toType(type, false);
                NDArray eps = m.create(noise, shape).toType(type, false);
                NDArray xt = diffusion.qSample(x, ts, eps);
                NDArray epsHat = model.predictNoise(xt, GaussianDiffusion.timesteps(m, ts), false);
                NDArray modelMean = diffusion.modelMean(xt.toType(DataType.FLOAT64, false), ts, epsHat.toType(DataType.FLOAT64, false), clip);
                double logVar = variance.logVariance(s, t);
                NDArray perValue;
                if (t == 0) {
                    perValue = DiscretizedGaussian.logProbability(start, modelMean, m.create(0.5 * logVar)).neg();
                } else {
                    NDArray trueMean = diffusion.posteriorMean(start, xt.toType(DataType.FLOAT64, false), ts);
                    perValue = GaussianKl.kl(trueMean, m.create(s.posteriorLogVarianceClipped(t)), modelMean, m.create(logVar));
                }
                double[] perImage = perValue.reshape(n, -1).mean(new int[] {1}).toDoubleArray();
                for (int i = 0; i < n; i++) {
                    terms[i][t] = perImage[i] / ln2;
                }
            }
            progress.advance(n);
        }
        double[] prior = priorBitsPerDim(x0, n);
        double[] total = new double[n];
        for (int i = 0; i < n; i++) {
            total[i] = prior[i];
            for (int t = 0; t < steps; t++) {
                total[i] += terms[i][t];
            }
        }
        return new Result(terms, prior, total);
    }

    /** KL(N(sqrt(alphaBar_{T-1}) x_0, 1 - alphaBar_{T-1}) || N(0, 1)) averaged over each image's values, in bits. */
    private double[] priorBitsPerDim(double[] x0, int n) {
        NoiseSchedule s = diffusion.schedule();
        double abar = s.alphaBar(s.steps() - 1);
        int per = x0.length / n;
        double[] prior = new double[n];
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int j = 0; j < per; j++) {
                sum += GaussianKl.kl(Math.sqrt(abar) * x0[i * per + j], Math.log(1 - abar), 0, 0);
            }
            prior[i] = sum / per / Math.log(2);
        }
        return prior;
    }

    /** Builder: {@code setDiffusion} required; {@code opt*} optional. */
    public static final class Builder extends ReverseProcessBuilder<Builder> {
        private Builder() {
            super(1);
        }

        @Override
        protected Builder self() {
            return this;
        }

        /** sigma_t^2 of the model (default {@link ModelVariance#FIXED_LARGE}). */
        public Builder optVariance(ModelVariance variance) {
            return variance(variance);
        }

        public VariationalBound build() {
            diffusion();
            return new VariationalBound(this);
        }
    }
}
