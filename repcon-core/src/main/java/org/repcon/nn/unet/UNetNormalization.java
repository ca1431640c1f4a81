package org.repcon.nn.unet;

import java.util.Locale;
import org.repcon.nn.Parameters;
import org.repcon.nn.layers.GroupNorm;

/**
 * The normalisation of the U-Net's blocks, both with a per-channel affine ({@code gamma}, {@code beta} of size C),
 * so a model works at any image size and a saved model loads into either choice's parameter shapes.
 */
public enum UNetNormalization {
    /** Group norm with the builder's group count (DDPM uses 32 groups; 8 suits widths of 32-64). */
    GROUP,
    /** Layer norm over each sample's {@code [C, H, W]}: group norm with one group. */
    LAYER;

    /** The normalisation layer for {@code channels} channels, parameters {@code name.gamma} and {@code name.beta}. */
    public GroupNorm create(Parameters parameters, String name, int channels, int groups) {
        return GroupNorm.builder().setName(name).setChannels(channels).setGroups(this == GROUP ? groups : 1).build(parameters);
    }

    /** The group count this choice uses with the builder's {@code groups}. */
    public int groups(int groups) {
        return this == GROUP ? groups : 1;
    }

    /** Parses {@code group} or {@code layer} (case-insensitive). */
    public static UNetNormalization parse(String name) {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
    }
}
