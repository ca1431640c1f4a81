package org.repcon.nn.conv;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.repcon.nn.Parameters;
import org.repcon.nn.layers.ActivationLayer;
import org.repcon.nn.layers.Conv2d;
import org.repcon.nn.layers.Dense;
import org.repcon.nn.layers.Layer;
import org.repcon.nn.layers.Reshape;
import org.repcon.nn.layers.Sequential;
import org.repcon.nn.layers.UpsampledConv2d;

/**
 * Convolutional decoder {@code z -> x [B, C, H, W]} in [0, 1], mirroring {@link ConvEncoder} with nearest
 * upsampling and ordinary convolutions (no transposed convolution). With hidden widths {@code c_0 .. c_{n-1}},
 * {@code h = H / 2^n}, {@code w = W / 2^n}:
 * <ul>
 *   <li>{@link LatentSpace#VECTOR}: z {@code [B, D]}, dense {@code D -> c_{n-1} h w}, ReLU, reshape to
 *       {@code [c_{n-1}, h, w]};</li>
 *   <li>{@link LatentSpace#MATRIX}: z {@code [B, D, h, w]}, conv 1x1 {@code D -> c_{n-1}}, normalisation, ReLU;</li>
 * </ul>
 * then for k = n-1 .. 1: upsample x2, conv 3x3 {@code c_k -> c_{k-1}} padding 1, normalisation, ReLU; finally
 * upsample x2, conv 3x3 {@code c_0 -> C} padding 1, sigmoid. The default is the reference architecture
 * (dense D to 64 h w, ReLU, reshape, up x2, conv 64-32, ReLU, up x2, conv 32-C, sigmoid).
 *
 * <p>Parameters {@code <name>.dense.*} or {@code <name>.head.*}, {@code <name>.conv<j>.*} and
 * {@code <name>.norm<j>.*} (j counts from the first 3x3 convolution); seeds drawn in order from
 * {@code new Random(seed)}.
 */
public final class ConvDecoder implements Layer {
    private final Sequential net;
    private final Shape latent;

    private ConvDecoder(Sequential net, Shape latent) {
        this.net = net;
        this.latent = latent;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public NDArray forward(NDArray z, boolean training) {
        if (z.getShape().dimension() != latent.dimension() + 1 || !z.getShape().slice(1).equals(latent)) {
            throw new IllegalArgumentException("decoder expects z [B, " + latent + "], got " + z.getShape());
        }
        return net.forward(z, training);
    }

    /** Builder: {@code set*} required, {@code opt*} optional. */
    public static final class Builder {
        private int channels = -1;
        private int height = -1;
        private int width = -1;
        private int latentSize = -1;
        private int[] hidden = {32, 64};
        private Normalization normalization = Normalization.NONE;
        private LatentSpace space = LatentSpace.VECTOR;
        private String name = "decoder";
        private long seed;

        /** Output images {@code [C, H, W]}; H and W divisible by {@code 2^n}. */
        public Builder setImageShape(int channels, int height, int width) {
            this.channels = channels;
            this.height = height;
            this.width = width;
            return this;
        }

        /** Latent size D. */
        public Builder setLatentSize(int latentSize) {
            this.latentSize = latentSize;
            return this;
        }

        /** The encoder's widths {@code c_0 .. c_{n-1}} (the decoder runs them backwards), default {@code 32, 64}. */
        public Builder optHiddenChannels(int... hidden) {
            this.hidden = hidden.clone();
            return this;
        }

        public Builder optNormalization(Normalization normalization) {
            this.normalization = normalization;
            return this;
        }

        public Builder optLatentSpace(LatentSpace space) {
            this.space = space;
            return this;
        }

        /** Parameter name prefix, default {@code decoder}. */
        public Builder optName(String name) {
            this.name = name;
            return this;
        }

        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        public ConvDecoder build(Parameters parameters) {
            ConvShape.validate(channels, height, width, latentSize, ConvShape.widths(hidden), normalization, space);
            Random rng = new Random(seed); // validated before any parameter is added
            int n = hidden.length;
            int h = height >> n;
            int w = width >> n;
            Shape latent = space == LatentSpace.VECTOR ? new Shape(latentSize) : new Shape(latentSize, h, w);
            int top = hidden[n - 1];
            Sequential.Builder net = Sequential.builder();
            if (space == LatentSpace.VECTOR) {
                net.add(Dense.builder().setName(name + ".dense").setUnits(latentSize, top * h * w).optSeed(rng.nextLong())
                        .build(parameters));
                net.add(ActivationLayer.relu());
                net.add(Reshape.of(top, h, w));
            } else {
                net.add(Conv2d.builder().setName(name + ".head").setChannels(latentSize, top).setKernel(1)
                        .optSeed(rng.nextLong()).build(parameters));
                Layer norm = normalization.create(parameters, name + ".head_norm", top, h, w);
                if (norm != null) {
                    net.add(norm);
                }
                net.add(ActivationLayer.relu());
            }
            for (int k = n - 1, j = 0; k >= 0; k--, j++) {
                h *= 2;
                w *= 2;
                boolean last = k == 0;
                int out = last ? channels : hidden[k - 1];
                // nearest x2 then conv 3x3, computed on the small map (same parameters and outputs, 4x less memory traffic)
                net.add(UpsampledConv2d.of(Conv2d.builder().setName(name + ".conv" + j).optSeed(rng.nextLong()), hidden[k], out, parameters));
                if (last) {
                    net.add(ActivationLayer.sigmoid());
                } else {
                    Layer norm = normalization.create(parameters, name + ".norm" + j, out, h, w);
                    if (norm != null) {
                        net.add(norm);
                    }
                    net.add(ActivationLayer.relu());
                }
            }
            return new ConvDecoder(net.build(), latent);
        }
    }
}
