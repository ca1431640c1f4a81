package org.repcon.nn.unet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import org.repcon.nn.Activation;
import org.repcon.nn.Parameters;
import org.repcon.nn.layers.Conv2d;
import org.repcon.nn.layers.GroupNorm;
import org.repcon.nn.layers.SelfAttention2d;
import org.repcon.nn.layers.UpsampledConv2d;

/**
 * A small U-Net for noise prediction, laid out as DDPM's (Ho et al. 2020; diffusers' {@code UNet2DModel}):
 * {@code eps_hat = UNet(x_t, t)}, {@code x [N, C, H, W]}, {@code t [N]} to {@code [N, C, H, W]}.
 *
 * <p>With base width b, multipliers {@code m_0 .. m_{L-1}} and r residual blocks per level:
 * <pre>
 * temb = W_1 SiLU(W_0 sinusoidal_b(t) + b_0) + b_1          [N, 4b]; every block gets SiLU(temb)
 * h = conv3x3(x) to b channels;                              skips = [h]
 * level i = 0 .. L-1:  r residual blocks to b m_i channels, each output pushed to skips;
 *                      if i < L-1: conv3x3 stride 2 (H, W halve), output pushed to skips
 * middle:              residual block, self-attention (optional), residual block        (lowest resolution)
 * level i = L-1 .. 0:  r+1 residual blocks to b m_i channels, each on concat(h, skips.pop()) along channels;
 *                      if i > 0: nearest x2 upsampling + conv3x3
 * eps_hat = conv3x3( SiLU( norm(h) ) ) to C channels
 * </pre>
 * Residual blocks are {@link ResidualBlock}s (norm, SiLU, conv, time projection added or as scale-shift, norm, SiLU,
 * dropout, conv, 1x1 skip where the width changes); the norm is a {@link GroupNorm} (or layer norm, one group).
 * H and W must be divisible by {@code 2^(L-1)} (28 with 3 levels: 28, 14, 7).
 *
 * <p>Parameter names (stable, for saving and loading by name; {@code <p>} the name prefix, default {@code unet}):
 * {@code <p>.time.dense0/1}, {@code <p>.conv_in}, {@code <p>.down.<i>.res.<j>.*}, {@code <p>.down.<i>.downsample},
 * {@code <p>.mid.res0}, {@code <p>.mid.attn}, {@code <p>.mid.res1}, {@code <p>.up.<i>.res.<j>.*},
 * {@code <p>.up.<i>.upsample.conv}, {@code <p>.norm_out}, {@code <p>.conv_out}, each with {@code .weight}/{@code .bias}
 * (convolutions, dense) or {@code .gamma}/{@code .beta} (norms); created in that order, each layer's seed drawn in
 * order from {@code new Random(seed)}.
 *
 * <pre>{@code
 * UNet unet = UNet.builder().setInputChannels(1).optBaseChannels(32).optChannelMultipliers(1, 2, 2)
 *         .optResidualBlocks(2).optAttention(true).optSeed(7).build(parameters);
 * NDArray epsHat = unet.forward(xt, t, true);
 * }</pre>
 */
public final class UNet {
    private final TimeEmbedding timeEmbedding;
    private final Conv2d convIn;
    private final List<List<ResidualBlock>> down;
    private final List<Conv2d> downsample;
    private final ResidualBlock mid0;
    private final SelfAttention2d attention;
    private final ResidualBlock mid1;
    private final List<List<ResidualBlock>> up;
    private final List<UpsampledConv2d> upsample;
    private final GroupNorm normOut;
    private final Conv2d convOut;
    private final int channels;
    private final int levels;

    private UNet(Builder b, Parameters p) {
        Random rng = new Random(b.seed);
        String n = b.name;
        UNetSettings s = new UNetSettings(b.normalization, b.groups, b.dropout, b.scaleShift);
        int embedding = 4 * b.base;
        this.channels = b.channels;
        this.levels = b.multipliers.length;
        this.timeEmbedding = new TimeEmbedding(p, n + ".time", b.base, embedding, b.maxPeriod, rng);
        this.convIn = Conv2d.builder().setName(n + ".conv_in").setChannels(b.channels, b.base).setKernel(3).optPadding(1)
                .optSeed(rng.nextLong()).build(p);
        Deque<Integer> skipWidths = new ArrayDeque<>();
        skipWidths.push(b.base);
        int ch = b.base;
        this.down = new ArrayList<>();
        this.downsample = new ArrayList<>();
        for (int i = 0; i < levels; i++) {
            int width = b.base * b.multipliers[i];
            List<ResidualBlock> blocks = new ArrayList<>();
            for (int j = 0; j < b.blocks; j++) {
                blocks.add(new ResidualBlock(p, n + ".down." + i + ".res." + j, ch, width, embedding, s, rng));
                ch = width;
                skipWidths.push(ch);
            }
            down.add(blocks);
            if (i < levels - 1) {
                downsample.add(Conv2d.builder().setName(n + ".down." + i + ".downsample").setChannels(ch, ch).setKernel(3)
                        .optStride(2).optPadding(1).optSeed(rng.nextLong()).build(p));
                skipWidths.push(ch);
            }
        }
        this.mid0 = new ResidualBlock(p, n + ".mid.res0", ch, ch, embedding, s, rng);
        this.attention = b.attention ? SelfAttention2d.builder().setName(n + ".mid.attn").setChannels(ch)
                .setGroups(b.normalization.groups(b.groups)).optHeads(b.heads).optSeed(rng.nextLong()).build(p) : null;
        this.mid1 = new ResidualBlock(p, n + ".mid.res1", ch, ch, embedding, s, rng);
        List<List<ResidualBlock>> upByLevel = new ArrayList<>();
        List<UpsampledConv2d> upsampleByLevel = new ArrayList<>();
        for (int i = levels - 1; i >= 0; i--) {
            int width = b.base * b.multipliers[i];
            List<ResidualBlock> blocks = new ArrayList<>();
            for (int j = 0; j <= b.blocks; j++) {
                blocks.add(new ResidualBlock(p, n + ".up." + i + ".res." + j, ch + skipWidths.pop(), width, embedding, s, rng));
                ch = width;
            }
            upByLevel.add(blocks);
            upsampleByLevel.add(i > 0 ? UpsampledConv2d.of(Conv2d.builder().setName(n + ".up." + i + ".upsample.conv")
                    .optSeed(rng.nextLong()), ch, ch, p) : null);
        }
        this.up = upByLevel;
        this.upsample = upsampleByLevel;
        this.normOut = b.normalization.create(p, n + ".norm_out", ch, b.groups);
        this.convOut = Conv2d.builder().setName(n + ".conv_out").setChannels(ch, b.channels).setKernel(3).optPadding(1)
                .optSeed(rng.nextLong()).build(p);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The predicted noise.
     *
     * @param x noisy images {@code [N, C, H, W]}, H and W divisible by {@code 2^(levels-1)}
     * @param t timesteps {@code [N]} (any numeric type; not differentiated)
     * @param training true in a training step (dropout)
     * @return {@code [N, C, H, W]} in x's data type
     */
    public NDArray forward(NDArray x, NDArray t, boolean training) {
        Shape s = x.getShape();
        if (s.dimension() != 4 || s.get(1) != channels) {
            throw new IllegalArgumentException("UNet expects images [N, " + channels + ", H, W], got " + s);
        }
        long factor = 1L << (levels - 1);
        if (s.get(2) % factor != 0 || s.get(3) % factor != 0) {
            throw new IllegalArgumentException("UNet with " + levels + " levels halves the image " + (levels - 1)
                    + " times: H and W must be divisible by " + factor + ", got " + s.get(2) + "x" + s.get(3));
        }
        if (t.getShape().dimension() != 1 || t.getShape().get(0) != s.get(0)) {
            throw new IllegalArgumentException("UNet expects timesteps [" + s.get(0) + "] (one per image), got " + t.getShape());
        }
        NDArray e = Activation.SILU.apply(timeEmbedding.forward(t, x.getDataType(), training));
        NDArray h = convIn.forward(x, training);
        Deque<NDArray> skips = new ArrayDeque<>();
        skips.push(h);
        for (int i = 0; i < levels; i++) {
            for (ResidualBlock block : down.get(i)) {
                h = block.forward(h, e, training);
                skips.push(h);
            }
            if (i < levels - 1) {
                h = downsample.get(i).forward(h, training);
                skips.push(h);
            }
        }
        h = mid0.forward(h, e, training);
        if (attention != null) {
            h = attention.forward(h, training);
        }
        h = mid1.forward(h, e, training);
        for (int k = 0; k < levels; k++) {
            for (ResidualBlock block : up.get(k)) {
                h = block.forward(NDArrays.concat(new NDList(h, skips.pop()), 1), e, training);
            }
            if (upsample.get(k) != null) {
                h = upsample.get(k).forward(h, training);
            }
        }
        return convOut.forward(Activation.SILU.apply(normOut.forward(h, training)), training);
    }

    /** Image channels C (input and output). */
    public int channels() {
        return channels;
    }

    /** Resolution levels L (the image is halved L - 1 times). */
    public int levels() {
        return levels;
    }

    /** Builder: {@code set*} required, {@code opt*} optional. */
    public static final class Builder {
        private int channels = -1;
        private int base = 32;
        private int[] multipliers = {1, 2, 2};
        private int blocks = 2;
        private boolean attention = true;
        private int heads = 1;
        private UNetNormalization normalization = UNetNormalization.GROUP;
        private int groups = 8;
        private double dropout;
        private boolean scaleShift;
        private double maxPeriod = 10_000;
        private String name = "unet";
        private long seed;

        /** Image channels C (1 for Fashion-MNIST). */
        public Builder setInputChannels(int channels) {
            this.channels = channels;
            return this;
        }

        /** Base width b, default 32; the time embedding has 4b features. */
        public Builder optBaseChannels(int base) {
            this.base = base;
            return this;
        }

        /** Width multipliers per resolution level, default {@code 1, 2, 2} (28 -> 14 -> 7). */
        public Builder optChannelMultipliers(int... multipliers) {
            this.multipliers = multipliers.clone();
            return this;
        }

        /** Residual blocks per level on the way down (r; r + 1 on the way up), default 2. */
        public Builder optResidualBlocks(int blocks) {
            this.blocks = blocks;
            return this;
        }

        /** Self-attention in the middle, at the lowest resolution (default true). */
        public Builder optAttention(boolean attention) {
            this.attention = attention;
            return this;
        }

        /** Attention heads, default 1. */
        public Builder optHeads(int heads) {
            this.heads = heads;
            return this;
        }

        public Builder optNormalization(UNetNormalization normalization) {
            this.normalization = normalization;
            return this;
        }

        /** Groups of the group norms, default 8; must divide every width. */
        public Builder optGroups(int groups) {
            this.groups = groups;
            return this;
        }

        /** Dropout probability in the residual blocks, default 0 (off). */
        public Builder optDropout(double dropout) {
            this.dropout = dropout;
            return this;
        }

        /** Time embedding as scale and shift after the second norm instead of added before it (default false). */
        public Builder optScaleShift(boolean scaleShift) {
            this.scaleShift = scaleShift;
            return this;
        }

        /** Longest period of the sinusoidal embedding, default 10,000. */
        public Builder optMaxPeriod(double maxPeriod) {
            this.maxPeriod = maxPeriod;
            return this;
        }

        /** Parameter name prefix, default {@code unet}. */
        public Builder optName(String name) {
            this.name = name;
            return this;
        }

        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Validates the settings (before any parameter is added) and builds the network into {@code parameters}. */
        public UNet build(Parameters parameters) {
            if (channels <= 0) {
                throw new IllegalStateException("setInputChannels is required (positive), got " + channels);
            }
            if (base < 4 || base % 2 != 0) {
                throw new IllegalStateException("base channels must be even and >= 4, got " + base);
            }
            if (multipliers.length == 0 || Arrays.stream(multipliers).anyMatch(m -> m <= 0)) {
                throw new IllegalStateException("channel multipliers must be one or more positive numbers, got "
                        + Arrays.toString(multipliers));
            }
            if (blocks < 1) {
                throw new IllegalStateException("residual blocks per level must be >= 1, got " + blocks);
            }
            if (normalization == null) {
                throw new IllegalStateException("normalization must not be null");
            }
            int g = normalization.groups(groups);
            if (g <= 0) {
                throw new IllegalStateException("groups must be positive, got " + groups);
            }
            for (int m : multipliers) {
                if ((base * m) % g != 0) {
                    throw new IllegalStateException(g + " groups do not divide the width " + base * m + " (base " + base
                            + " x multiplier " + m + ")");
                }
            }
            int lowest = base * multipliers[multipliers.length - 1];
            if (attention && (heads <= 0 || lowest % heads != 0)) {
                throw new IllegalStateException(heads + " attention heads do not divide the lowest level's width " + lowest);
            }
            if (base % g != 0) {
                throw new IllegalStateException(g + " groups do not divide the base width " + base);
            }
            if (!(dropout >= 0 && dropout < 1)) {
                throw new IllegalStateException("dropout must be in [0, 1), got " + dropout);
            }
            return new UNet(this, parameters);
        }
    }
}
