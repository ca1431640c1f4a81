package org.repcon.nn.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.repcon.nn.Parameters;

/**
 * Two-dimensional convolution (cross-correlation, as PyTorch's {@code nn.Conv2d}) on NCHW batches:
 * {@code y[b, o, i, j] = bias[o] + sum_{c, u, v} w[o, c, u, v] * xpad[b, c, s i + u, s j + v]}, where
 * {@code xpad} is {@code x} zero-padded by {@code p} on each side and {@code s} the stride.
 *
 * <p>Shapes: {@code x [B, in, H, W] -> y [B, out, H', W']}, {@code H' = floor((H + 2p - k) / s) + 1} (likewise
 * W'). Parameters {@code <name>.weight [out, in, k, k]} and {@code <name>.bias [out]}, both initialised from
 * {@code U(-1/sqrt(in k k), 1/sqrt(in k k))} (PyTorch's default), weight first, from {@code new Random(seed)}.
 * Computed by {@link ConvolutionBackend#forType} (libtorch's kernel, or repcon's float64 lowering on a CPU whose
 * float32 kernels failed the start-up check).
 *
 * <pre>{@code
 * Conv2d conv = Conv2d.builder().setName("enc.conv0").setChannels(1, 32).setKernel(3)
 *         .optStride(2).optPadding(1).optSeed(7).build(parameters);
 * }</pre>
 */
public final class Conv2d implements Layer {
    private final NDArray weight;
    private final NDArray bias;
    private final int in;
    private final int stride;
    private final int padding;

    private Conv2d(NDArray weight, NDArray bias, int in, int stride, int padding) {
        this.weight = weight;
        this.bias = bias;
        this.in = in;
        this.stride = stride;
        this.padding = padding;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public NDArray forward(NDArray x, boolean training) {
        if (x.getShape().dimension() != 4 || x.getShape().get(1) != in) {
            throw new IllegalArgumentException("Conv2d expects [B, " + in + ", H, W], got " + x.getShape());
        }
        return ConvolutionBackend.forType(x.getDataType()).conv2d(x, weight, bias, stride, padding);
    }

    /** The weight {@code [out, in, k, k]}. */
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
        private int kernel = -1;
        private int stride = 1;
        private int padding;
        private boolean withBias = true;
        private long seed;

        /** Parameter name prefix, e.g. {@code encoder.conv0}. */
        public Builder setName(String name) {
            this.name = name;
            return this;
        }

        public Builder setChannels(int in, int out) {
            this.in = in;
            this.out = out;
            return this;
        }

        /** Square kernel size k. */
        public Builder setKernel(int kernel) {
            this.kernel = kernel;
            return this;
        }

        public Builder optStride(int stride) {
            this.stride = stride;
            return this;
        }

        /** Zero padding on each side. */
        public Builder optPadding(int padding) {
            this.padding = padding;
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

        public Conv2d build(Parameters parameters) {
            if (name == null || in <= 0 || out <= 0 || kernel <= 0) {
                throw new IllegalStateException("setName, setChannels and setKernel are required (positive)");
            }
            if (stride <= 0 || padding < 0) {
                throw new IllegalStateException("stride must be positive and padding non-negative");
            }
            Random rng = new Random(seed);
            double bound = Init.defaultBound(in * kernel * kernel);
            NDArray w = parameters.add(name + ".weight", new Shape(out, in, kernel, kernel),
                    Init.uniform(out * in * kernel * kernel, bound, rng));
            NDArray b = withBias ? parameters.add(name + ".bias", new Shape(out), Init.uniform(out, bound, rng)) : null;
            ConvolutionBackend.forType(parameters.dataType()); // decides the float32 backend now, outside any training step
            return new Conv2d(w, b, in, stride, padding);
        }
    }
}
