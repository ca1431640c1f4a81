package org.repcon.diffusion.experiment;

import java.util.List;
import org.repcon.diffusion.NoiseModel;
import org.repcon.nn.Parameters;
import org.repcon.nn.unet.UNet;
import org.repcon.nn.unet.UNetNormalization;
import org.repcon.spec.Spec;

/**
 * The U-Net noise model of the {@code diffusion} experiment's {@code model:} section ({@link UNet}), keys and defaults:
 * <pre>
 * model:
 *   base_channels: 32            # b; the time embedding has 4b features
 *   channel_multipliers: [1, 2, 2]   # widths b m_i per resolution level (28 -> 14 -> 7)
 *   residual_blocks: 2           # per level down (one more up)
 *   attention: true              # self-attention at the lowest resolution
 *   heads: 1
 *   normalization: group         # group | layer
 *   groups: 8
 *   dropout: 0.0
 *   scale_shift: false           # the time embedding as scale and shift of the second norm (improved DDPM)
 * </pre>
 */
public record UNetModelSettings(int baseChannels, List<Integer> multipliers, int residualBlocks, boolean attention, int heads,
        UNetNormalization normalization, int groups, double dropout, boolean scaleShift) {

    /** Reads the keys above from {@code m} (the {@code model} section); the U-Net's own checks run at {@link #build}. */
    public static UNetModelSettings read(Spec m) {
        int base = m.getInt("base_channels", 32, 1, 4096);
        List<Integer> mult = m.getIntList("channel_multipliers", List.of(1, 2, 2));
        if (mult.isEmpty() || mult.stream().anyMatch(v -> v < 1)) {
            throw m.error("channel_multipliers", "a non-empty list of positive integers, got " + mult);
        }
        int blocks = m.getInt("residual_blocks", 2, 1, 16);
        boolean attention = m.getBoolean("attention", true);
        int heads = m.getInt("heads", 1, 1, 64);
        UNetNormalization norm;
        try {
            norm = UNetNormalization.parse(m.getString("normalization", "group"));
        } catch (IllegalArgumentException e) {
            throw m.error("normalization", "expected group or layer, got '" + m.getString("normalization", "group") + "'");
        }
        int groups = m.getInt("groups", 8, 1, 1024);
        if (norm == UNetNormalization.GROUP) {
            for (int v : mult) {
                if ((base * v) % groups != 0) {
                    throw m.error("groups", "every width base_channels * multiplier must be divisible by groups; " + base + " * " + v
                            + " is not divisible by " + groups);
                }
            }
        }
        if (attention && (base * mult.get(mult.size() - 1)) % heads != 0) {
            throw m.error("heads", "the lowest-resolution width " + base * mult.get(mult.size() - 1) + " is not divisible by " + heads);
        }
        double dropout = m.getDouble("dropout", 0.0, 0, 0.99);
        boolean scaleShift = m.getBoolean("scale_shift", false);
        return new UNetModelSettings(base, List.copyOf(mult), blocks, attention, heads, norm, groups, dropout, scaleShift);
    }

    /** Images must be divisible by this (the U-Net halves them {@code levels - 1} times). */
    public int divisor() {
        return 1 << (multipliers.size() - 1);
    }

    /** The U-Net, its arrays added to {@code parameters}, as a {@link NoiseModel}. */
    public NoiseModel build(int channels, long seed, Parameters parameters) {
        UNet unet = UNet.builder().setInputChannels(channels).optBaseChannels(baseChannels)
                .optChannelMultipliers(multipliers.stream().mapToInt(Integer::intValue).toArray()).optResidualBlocks(residualBlocks)
                .optAttention(attention).optHeads(heads).optNormalization(normalization).optGroups(groups).optDropout(dropout)
                .optScaleShift(scaleShift).optSeed(seed).build(parameters);
        return unet::forward;
    }
}
