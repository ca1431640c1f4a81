package org.repcon.nn.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import org.repcon.nn.Parameters;

/**
 * Layer normalisation over all non-batch axes, as PyTorch's {@code nn.LayerNorm(normalizedShape)}: for each
 * sample b, {@code y = (x - mean_b) / sqrt(var_b + eps) * gamma + beta}, mean and (biased) variance over the
 * sample's {@code prod(normalizedShape)} values; {@code gamma} and {@code beta} are elementwise, of shape
 * {@code normalizedShape}.
 *
 * <p>Shapes: {@code x [B, normalizedShape...]} (e.g. {@code [B, C, H, W]} with {@code normalizedShape = [C, H, W]},
 * or {@code [B, D]} with {@code [D]}) to the same shape. Parameters {@code <name>.gamma} (ones) and
 * {@code <name>.beta} (zeros). Same in training and evaluation.
 */
public final class LayerNorm implements Layer {
    private final NDArray gamma;
    private final NDArray beta;
    private final Shape normalizedShape;
    private final double eps;

    private LayerNorm(NDArray gamma, NDArray beta, Shape normalizedShape, double eps) {
        this.gamma = gamma;
        this.beta = beta;
        this.normalizedShape = normalizedShape;
        this.eps = eps;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public NDArray forward(NDArray x, boolean training) {
        Shape s = x.getShape();
        if (s.dimension() != normalizedShape.dimension() + 1 || !s.slice(1).equals(normalizedShape)) {
            throw new IllegalArgumentException("LayerNorm expects [B, " + normalizedShape + "], got " + s);
        }
        return ai.djl.nn.norm.LayerNorm.layerNorm(x, normalizedShape, gamma, beta, (float) eps).singletonOrThrow();
    }

    /** Builder: {@code set*} required, {@code opt*} optional. */
    public static final class Builder {
        private String name;
        private long[] shape;
        private double eps = 1e-5;

        public Builder setName(String name) {
            this.name = name;
            return this;
        }

        /** The per-sample shape, e.g. {@code (C, H, W)}. */
        public Builder setShape(long... shape) {
            this.shape = shape.clone();
            return this;
        }

        public Builder optEpsilon(double eps) {
            this.eps = eps;
            return this;
        }

        public LayerNorm build(Parameters parameters) {
            if (name == null || shape == null || shape.length == 0 || Arrays.stream(shape).anyMatch(d -> d <= 0)) {
                throw new IllegalStateException("setName and setShape are required (positive)");
            }
            if (!(eps > 0)) {
                throw new IllegalStateException("eps must be positive");
            }
            Shape s = new Shape(shape);
            int n = Math.toIntExact(s.size());
            double[] ones = new double[n];
            Arrays.fill(ones, 1);
            NDArray g = parameters.add(name + ".gamma", s, ones);
            NDArray b = parameters.add(name + ".beta", s, new double[n]);
            return new LayerNorm(g, b, s, eps);
        }
    }
}
