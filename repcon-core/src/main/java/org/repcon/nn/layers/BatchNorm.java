package org.repcon.nn.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import org.repcon.nn.Parameters;
import org.repcon.nn.Scalars;

/**
 * Batch normalisation over channel axis 1 (PyTorch's {@code BatchNorm1d} for {@code [B, C]},
 * {@code BatchNorm2d} for {@code [B, C, H, W]}; any rank >= 2 works the same way):
 * {@code y = (x - mean_c) / sqrt(var_c + eps) * gamma_c + beta_c}.
 *
 * <p>Training: {@code mean_c} and {@code var_c} are the batch's (biased variance, over every axis but 1, n values
 * per channel), and the running statistics are updated in place as in PyTorch:
 * {@code running_mean = (1 - m) running_mean + m mean_c},
 * {@code running_var = (1 - m) running_var + m var_c n / (n - 1)}, momentum {@code m = 0.1}.
 * Evaluation: the running statistics are used and nothing changes.
 *
 * <p>Parameters {@code <name>.gamma [C]} (ones) and {@code <name>.beta [C]} (zeros); buffers
 * {@code <name>.running_mean [C]} (zeros) and {@code <name>.running_var [C]} (ones), saved with the parameters.
 */
public final class BatchNorm implements Layer {
    private final NDArray gamma;
    private final NDArray beta;
    private final NDArray runningMean;
    private final NDArray runningVar;
    private final int channels;
    private final double momentum;
    private final double eps;

    private BatchNorm(Parameters p, String name, int channels, double momentum, double eps) {
        double[] ones = new double[channels];
        Arrays.fill(ones, 1);
        Shape shape = new Shape(channels);
        this.gamma = p.add(name + ".gamma", shape, ones);
        this.beta = p.add(name + ".beta", shape, new double[channels]);
        this.runningMean = p.addBuffer(name + ".running_mean", shape, new double[channels]);
        this.runningVar = p.addBuffer(name + ".running_var", shape, ones);
        this.channels = channels;
        this.momentum = momentum;
        this.eps = eps;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public NDArray forward(NDArray x, boolean training) {
        Shape s = x.getShape();
        if (s.dimension() < 2 || s.get(1) != channels) {
            throw new IllegalArgumentException("BatchNorm expects [B, " + channels + ", ...], got " + s);
        }
        long[] statShape = new long[s.dimension()];
        Arrays.fill(statShape, 1);
        statShape[1] = channels;
        Shape stat = new Shape(statShape);
        NDArray mean;
        NDArray var;
        if (training) {
            int[] axes = new int[s.dimension() - 1];
            axes[0] = 0;
            for (int i = 2; i < s.dimension(); i++) {
                axes[i - 1] = i;
            }
            long n = s.size() / channels;
            if (n < 2) {
                throw new IllegalArgumentException("BatchNorm in training needs more than 1 value per channel, got " + s);
            }
            // (PtNDArray.mean takes one axis only: sum over all of them, then divide)
            mean = Scalars.times(x.sum(axes, true), 1.0 / n);
            var = Scalars.times(x.sub(mean).square().sum(axes, true), 1.0 / n);
            NDArray batchMean = mean.stopGradient().reshape(channels);
            NDArray batchVar = Scalars.times(var.stopGradient().reshape(channels), n / (n - 1.0));
            update(runningMean, batchMean);
            update(runningVar, batchVar);
        } else {
            mean = ParameterViews.reshape(runningMean, x, stat);
            var = ParameterViews.reshape(runningVar, x, stat);
        }
        NDArray normalised = x.sub(mean).div(var.add(eps).sqrt());
        return normalised.mul(ParameterViews.reshape(gamma, x, stat)).add(ParameterViews.reshape(beta, x, stat));
    }

    /** {@code running = (1 - m) running + m batch}, in place; the temporaries belong to {@code batch}'s step. */
    private void update(NDArray running, NDArray batch) {
        running.muli(Scalars.constant(batch, 1 - momentum)).addi(Scalars.times(batch, momentum));
    }

    /** The running mean buffer {@code [C]}. */
    public NDArray runningMean() {
        return runningMean;
    }

    /** The running (unbiased) variance buffer {@code [C]}. */
    public NDArray runningVar() {
        return runningVar;
    }

    /** Builder: {@code set*} required, {@code opt*} optional (PyTorch defaults). */
    public static final class Builder {
        private String name;
        private int channels = -1;
        private double momentum = 0.1;
        private double eps = 1e-5;

        public Builder setName(String name) {
            this.name = name;
            return this;
        }

        public Builder setChannels(int channels) {
            this.channels = channels;
            return this;
        }

        /** Weight of the new batch statistic in the running average (PyTorch's convention, default 0.1). */
        public Builder optMomentum(double momentum) {
            this.momentum = momentum;
            return this;
        }

        public Builder optEpsilon(double eps) {
            this.eps = eps;
            return this;
        }

        public BatchNorm build(Parameters parameters) {
            if (name == null || channels <= 0) {
                throw new IllegalStateException("setName and setChannels are required (positive)");
            }
            if (!(momentum >= 0 && momentum <= 1) || !(eps > 0)) {
                throw new IllegalStateException("momentum must be in [0, 1] and eps positive");
            }
            return new BatchNorm(parameters, name, channels, momentum, eps);
        }
    }
}
