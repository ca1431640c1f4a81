package org.repcon.nn.conv;

import java.util.Locale;
import org.repcon.nn.Parameters;
import org.repcon.nn.layers.BatchNorm;
import org.repcon.nn.layers.Layer;
import org.repcon.nn.layers.LayerNorm;

/** The normalisation placed after each hidden convolution of {@link ConvEncoder} and {@link ConvDecoder}. */
public enum Normalization {
    /** None: conv, ReLU. */
    NONE,
    /** Batch norm over channels (running statistics as buffers): conv, BN, ReLU. */
    BATCH,
    /** Layer norm over [C, h, w] per sample, elementwise affine: conv, LN, ReLU. */
    LAYER;

    /**
     * The normalisation layer for feature maps {@code [B, channels, h, w]}, its parameters named {@code name.*};
     * null for {@link #NONE}.
     */
    public Layer create(Parameters parameters, String name, int channels, int h, int w) {
        return switch (this) {
            case NONE -> null;
            case BATCH -> BatchNorm.builder().setName(name).setChannels(channels).build(parameters);
            case LAYER -> LayerNorm.builder().setName(name).setShape(channels, h, w).build(parameters);
        };
    }

    /** Parses {@code none}, {@code batch}, {@code layer} (case-insensitive). */
    public static Normalization parse(String name) {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
    }
}
