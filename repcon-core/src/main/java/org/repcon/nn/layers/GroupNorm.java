package org.repcon.nn.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import org.repcon.nn.FusedOps;
import org.repcon.nn.Parameters;

/**
 * Group normalisation (Wu and He 2018), as PyTorch's {@code nn.GroupNorm(groups, channels, eps)}: the C channels
 * are split into G consecutive groups of C/G channels; for each sample b and group g, over the group's
 * {@code n = (C/G) * H * W} values,
 * <pre>
 * y[b, c, i, j] = (x[b, c, i, j] - mean_{b,g}) / sqrt(var_{b,g} + eps) * gamma[c] + beta[c],   g = c / (C/G)
 * </pre>
 * with the biased variance. G = 1 is a layer norm over {@code [C, H, W]} with a per-channel affine; G = C an
 * instance norm.
 *
 * <p>Shapes: {@code x [B, C, ...]} (any number of spatial axes, also none) to the same shape. Parameters
 * {@code <name>.gamma [C]} (ones) and {@code <name>.beta [C]} (zeros). Same in training and evaluation.
 *
 * <p>DJL 0.36's PyTorch engine has no group-norm op; this runs libtorch's {@code native_group_norm} (one kernel
 * forward and one backward, the affine included, as {@code torch.nn.GroupNorm}) through {@link FusedOps#groupNorm}.
 * Before, it was libtorch's layer norm over the view {@code [B, G, n]} and an evaluation-mode batch norm for the
 * affine: about twice the time forward + backward at the U-Net's shapes ({@code benchmarks/diffusion/Breakdown.java}
 * measures both).
 */
public final class GroupNorm implements Layer {
    private final NDArray gamma;
    private final NDArray beta;
    private final int channels;
    private final int groups;
    private final double eps;

    private GroupNorm(NDArray gamma, NDArray beta, int channels, int groups, double eps) {
        this.gamma = gamma;
        this.beta = beta;
        this.channels = channels;
        this.groups = groups;
        this.eps = eps;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public NDArray forward(NDArray x, boolean training) {
        Shape s = x.getShape();
        if (s.dimension() < 2 || s.get(1) != channels) {
            throw new IllegalArgumentException("GroupNorm expects [B, " + channels + ", ...], got " + s);
        }
        return FusedOps.groupNorm(x, groups, gamma, beta, eps);
    }

    public int groups() {
        return groups;
    }

    /** Builder: {@code set*} required, {@code opt*} optional. */
    public static final class Builder {
        private String name;
        private int channels = -1;
        private int groups = -1;
        private double eps = 1e-5;

        public Builder setName(String name) {
            this.name = name;
            return this;
        }

        public Builder setChannels(int channels) {
            this.channels = channels;
            return this;
        }

        /** Number of groups G; must divide the channel count. */
        public Builder setGroups(int groups) {
            this.groups = groups;
            return this;
        }

        /** Added to the variance, default 1e-5 (PyTorch's). */
        public Builder optEpsilon(double eps) {
            this.eps = eps;
            return this;
        }

        public GroupNorm build(Parameters parameters) {
            if (name == null || channels <= 0 || groups <= 0) {
                throw new IllegalStateException("setName, setChannels and setGroups are required (positive)");
            }
            if (channels % groups != 0) {
                throw new IllegalStateException(name + ": " + groups + " groups do not divide " + channels + " channels");
            }
            if (!(eps > 0)) {
                throw new IllegalStateException("eps must be positive");
            }
            double[] ones = new double[channels];
            Arrays.fill(ones, 1);
            NDArray g = parameters.add(name + ".gamma", new Shape(channels), ones);
            NDArray b = parameters.add(name + ".beta", new Shape(channels), new double[channels]);
            return new GroupNorm(g, b, channels, groups, eps);
        }
    }
}
