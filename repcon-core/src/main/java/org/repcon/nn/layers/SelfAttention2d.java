package org.repcon.nn.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.repcon.nn.Parameters;
import org.repcon.nn.Scalars;

/**
 * Self-attention over the H*W positions of a feature map with a residual, as DDPM's {@code AttnBlock} (Ho et al.
 * 2020), optionally with several heads. With {@code h = GroupNorm(x)}, 1x1 convolutions {@code q = W_q h + b_q},
 * {@code k}, {@code v} likewise, each split along channels into {@code heads} blocks of {@code d = C / heads}:
 * <pre>
 * A_m[i, j] = softmax_j( sum_c q_m[c, i] k_m[c, j] / sqrt(d) )          i, j in the L = H W positions, head m
 * o_m[c, i] = sum_j A_m[i, j] v_m[c, j]
 * y = x + W_out o + b_out                                              (W_out a 1x1 convolution)
 * </pre>
 *
 * <p>Shapes: {@code x [B, C, H, W] -> y [B, C, H, W]}; memory and time grow with {@code B heads L^2}, so it belongs
 * at a low resolution. Parameters {@code <name>.norm.gamma/beta [C]}, {@code <name>.q/k/v/out.weight [C, C, 1, 1]}
 * and {@code .bias [C]} (PyTorch's default initialisation, each layer's seed drawn in that order from
 * {@code new Random(seed)}).
 */
public final class SelfAttention2d implements Layer {
    private final GroupNorm norm;
    private final Conv2d q;
    private final Conv2d k;
    private final Conv2d v;
    private final Conv2d out;
    private final int channels;
    private final int heads;

    private SelfAttention2d(GroupNorm norm, Conv2d q, Conv2d k, Conv2d v, Conv2d out, int channels, int heads) {
        this.norm = norm;
        this.q = q;
        this.k = k;
        this.v = v;
        this.out = out;
        this.channels = channels;
        this.heads = heads;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public NDArray forward(NDArray x, boolean training) {
        Shape s = x.getShape();
        if (s.dimension() != 4 || s.get(1) != channels) {
            throw new IllegalArgumentException("SelfAttention2d expects [B, " + channels + ", H, W], got " + s);
        }
        long b = s.get(0);
        long positions = s.get(2) * s.get(3);
        long d = channels / heads;
        NDArray h = norm.forward(x, training);
        NDArray qh = q.forward(h, training).reshape(b, heads, d, positions);
        NDArray kh = k.forward(h, training).reshape(b, heads, d, positions);
        NDArray vh = v.forward(h, training).reshape(b, heads, d, positions);
        NDArray scores = Scalars.times(qh.transpose(0, 1, 3, 2).matMul(kh), 1 / Math.sqrt(d)); // [B, heads, L, L]
        NDArray attention = scores.softmax(3);
        NDArray o = vh.matMul(attention.transpose(0, 1, 3, 2)).reshape(s); // [B, heads, d, L] -> [B, C, H, W]
        return x.add(out.forward(o, training));
    }

    public int heads() {
        return heads;
    }

    /** Builder: {@code set*} required, {@code opt*} optional. */
    public static final class Builder {
        private String name;
        private int channels = -1;
        private int heads = 1;
        private int groups = -1;
        private long seed;

        public Builder setName(String name) {
            this.name = name;
            return this;
        }

        public Builder setChannels(int channels) {
            this.channels = channels;
            return this;
        }

        /** Groups of the input normalisation (must divide the channels). */
        public Builder setGroups(int groups) {
            this.groups = groups;
            return this;
        }

        /** Attention heads, default 1 (DDPM's); must divide the channels. */
        public Builder optHeads(int heads) {
            this.heads = heads;
            return this;
        }

        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        public SelfAttention2d build(Parameters parameters) {
            if (name == null || channels <= 0 || groups <= 0) {
                throw new IllegalStateException("setName, setChannels and setGroups are required (positive)");
            }
            if (heads <= 0 || channels % heads != 0) {
                throw new IllegalStateException(name + ": " + heads + " heads do not divide " + channels + " channels");
            }
            GroupNorm norm = GroupNorm.builder().setName(name + ".norm").setChannels(channels).setGroups(groups).build(parameters);
            Random rng = new Random(seed);
            Conv2d[] projections = new Conv2d[4];
            String[] names = {"q", "k", "v", "out"};
            for (int i = 0; i < 4; i++) {
                projections[i] = Conv2d.builder().setName(name + "." + names[i]).setChannels(channels, channels).setKernel(1)
                        .optSeed(rng.nextLong()).build(parameters);
            }
            return new SelfAttention2d(norm, projections[0], projections[1], projections[2], projections[3], channels, heads);
        }
    }
}
