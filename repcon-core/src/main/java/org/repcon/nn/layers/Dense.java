package org.repcon.nn.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import java.util.Random;
import org.repcon.nn.Parameters;

/**
 * Fully connected layer as PyTorch's {@code nn.Linear}: {@code y = x W^T + b}, {@code x [B, in] -> y [B, out]}.
 * Parameters {@code <name>.weight [out, in]} (PyTorch's layout, unlike {@link org.repcon.nn.Mlp}'s
 * {@code [in, out]}) and {@code <name>.bias [out]}, initialised from {@code U(-1/sqrt(in), 1/sqrt(in))}, weight
 * first, from {@code new Random(seed)}.
 */
public final class Dense implements Layer {
    private final NDArray weight;
    private final NDArray bias;
    private final int in;

    private Dense(NDArray weight, NDArray bias, int in) {
        this.weight = weight;
        this.bias = bias;
        this.in = in;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public NDArray forward(NDArray x, boolean training) {
        if (x.getShape().dimension() != 2 || x.getShape().get(1) != in) {
            throw new IllegalArgumentException("Dense expects [B, " + in + "], got " + x.getShape());
        }
        return bias == null ? Linear.linear(x, weight).singletonOrThrow() : Linear.linear(x, weight, bias).singletonOrThrow();
    }

    /** The weight {@code [out, in]}. */
    public NDArray weight() {
        return weight;
    }

    /** The bias {@code [out]}, or null. */
    public NDArray bias() {
        return bias;
    }

    /** Builder: {@code set*} required, {@code opt*} optional. */
    public static final class Builder {
        private String name;
        private int in = -1;
        private int out = -1;
        private boolean withBias = true;
        private long seed;

        /** Parameter name prefix, e.g. {@code encoder.dense}. */
        public Builder setName(String name) {
            this.name = name;
            return this;
        }

        public Builder setUnits(int in, int out) {
            this.in = in;
            this.out = out;
            return this;
        }

        public Builder optBias(boolean withBias) {
            this.withBias = withBias;
            return this;
        }

        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        public Dense build(Parameters parameters) {
            if (name == null || in <= 0 || out <= 0) {
                throw new IllegalStateException("setName and setUnits are required (positive)");
            }
            Random rng = new Random(seed);
            double bound = Init.defaultBound(in);
            NDArray w = parameters.add(name + ".weight", new Shape(out, in), Init.uniform(out * in, bound, rng));
            NDArray b = withBias ? parameters.add(name + ".bias", new Shape(out), Init.uniform(out, bound, rng)) : null;
            return new Dense(w, b, in);
        }
    }
}
