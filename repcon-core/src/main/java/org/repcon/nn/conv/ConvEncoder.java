package org.repcon.nn.conv;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.repcon.nn.Parameters;
import org.repcon.nn.layers.ActivationLayer;
import org.repcon.nn.layers.Conv2d;
import org.repcon.nn.layers.Dense;
import org.repcon.nn.layers.Flatten;
import org.repcon.nn.layers.Layer;
import org.repcon.nn.layers.Sequential;

/**
 * Convolutional encoder {@code x [B, C, H, W] -> z}. With hidden widths {@code c_0 .. c_{n-1}} (default 32, 64):
 * for each k, conv 3x3 {@code c_{k-1} -> c_k} (c_{-1} = C) stride 2 padding 1, normalisation (if any), ReLU;
 * then
 * <ul>
 *   <li>{@link LatentSpace#VECTOR}: flatten, dense {@code c_{n-1} h w -> m D}, z {@code [B, m D]};</li>
 *   <li>{@link LatentSpace#MATRIX}: conv 1x1 {@code c_{n-1} -> m D}, z {@code [B, m D, h, w]};</li>
 * </ul>
 * with {@code h = H / 2^n}, {@code w = W / 2^n} and m the output multiplier (1; 2 for a VAE's mean and
 * log-variance, concatenated along axis 1). The default is the reference architecture
 * (conv 3x3 C-32 s2, ReLU, conv 3x3 32-64 s2, ReLU, flatten, dense to D).
 *
 * <p>Parameters {@code <name>.conv<k>.*}, {@code <name>.norm<k>.*}, {@code <name>.dense.*} (vector) or
 * {@code <name>.head.*} (matrix); each layer's seed is drawn in order from {@code new Random(seed)}.
 */
public final class ConvEncoder implements Layer {
    private final Sequential net;
    private final Shape image;
    private final Shape output;

    private ConvEncoder(Sequential net, Shape image, Shape output) {
        this.net = net;
        this.image = image;
        this.output = output;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public NDArray forward(NDArray x, boolean training) {
        if (x.getShape().dimension() != 4 || !x.getShape().slice(1).equals(image)) {
            throw new IllegalArgumentException("encoder expects images [B, " + image + "], got " + x.getShape());
        }
        return net.forward(x, training);
    }

    /** Output shape without the batch axis: {@code [m D]} or {@code [m D, h, w]}. */
    public Shape outputShape() {
        return output;
    }

    /** Builder: {@code set*} required, {@code opt*} optional. */
    public static final class Builder {
        private int channels = -1;
        private int height = -1;
        private int width = -1;
        private int latent = -1;
        private int[] hidden = {32, 64};
        private Normalization normalization = Normalization.NONE;
        private LatentSpace space = LatentSpace.VECTOR;
        private int multiplier = 1;
        private String name = "encoder";
        private long seed;

        /** Input images {@code [C, H, W]}; H and W divisible by {@code 2^n}. */
        public Builder setImageShape(int channels, int height, int width) {
            this.channels = channels;
            this.height = height;
            this.width = width;
            return this;
        }

        /** Latent size D. */
        public Builder setLatentSize(int latent) {
            this.latent = latent;
            return this;
        }

        /** Widths of the stride-2 convolutions, default {@code 32, 64}. */
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

        /** Output {@code m D} features (or channels) instead of D; 2 for a VAE's mean and log-variance. */
        public Builder optOutputMultiplier(int multiplier) {
            this.multiplier = multiplier;
            return this;
        }

        /** Parameter name prefix, default {@code encoder}. */
        public Builder optName(String name) {
            this.name = name;
            return this;
        }

        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        public ConvEncoder build(Parameters parameters) {
            // validates shapes before any parameter is added
            ConvShape.validate(channels, height, width, latent, ConvShape.widths(hidden), normalization, space);
            if (multiplier < 1) {
                throw new IllegalStateException("output multiplier must be >= 1, got " + multiplier);
            }
            Random rng = new Random(seed);
            Sequential.Builder net = Sequential.builder();
            int in = channels;
            int h = height;
            int w = width;
            for (int k = 0; k < hidden.length; k++) {
                net.add(Conv2d.builder().setName(name + ".conv" + k).setChannels(in, hidden[k]).setKernel(3)
                        .optStride(2).optPadding(1).optSeed(rng.nextLong()).build(parameters));
                h /= 2;
                w /= 2;
                Layer norm = normalization.create(parameters, name + ".norm" + k, hidden[k], h, w);
                if (norm != null) {
                    net.add(norm);
                }
                net.add(ActivationLayer.relu());
                in = hidden[k];
            }
            int out = multiplier * latent;
            Shape output;
            if (space == LatentSpace.VECTOR) {
                net.add(Flatten.create());
                net.add(Dense.builder().setName(name + ".dense").setUnits(in * h * w, out).optSeed(rng.nextLong())
                        .build(parameters));
                output = new Shape(out);
            } else {
                net.add(Conv2d.builder().setName(name + ".head").setChannels(in, out).setKernel(1).optSeed(rng.nextLong())
                        .build(parameters));
                output = new Shape(out, h, w);
            }
            return new ConvEncoder(net.build(), new Shape(channels, height, width), output);
        }
    }
}
