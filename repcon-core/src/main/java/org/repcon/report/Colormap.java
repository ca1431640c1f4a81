package org.repcon.report;

import java.awt.Color;

/**
 * Colormaps for {@link HeatMap}, defined by evenly spaced anchor colours and linear interpolation
 * in sRGB between them.
 */
public enum Colormap {
    /** Perceptually uniform sequential map (matplotlib's viridis sampled at 0, 0.1, ..., 1). */
    VIRIDIS(false, 0x440154, 0x482475, 0x414487, 0x355f8d, 0x2a788e, 0x21918c,
            0x22a884, 0x44bf70, 0x7ad151, 0xbddf26, 0xfde725),
    /** Diverging blue-white-red map for signed data (ColorBrewer RdBu, reversed); centre is white. */
    BLUE_WHITE_RED(true, 0x053061, 0x2166ac, 0x4393c3, 0x92c5de, 0xd1e5f0, 0xffffff,
            0xfddbc7, 0xf4a582, 0xd6604d, 0xb2182b, 0x67001f),
    /** Plain grayscale, black to white. */
    GRAY(false, 0x000000, 0xffffff);

    private final boolean diverging;
    private final int[] lut = new int[256];

    Colormap(boolean diverging, int... anchors) {
        this.diverging = diverging;
        int segments = anchors.length - 1;
        for (int k = 0; k < 256; k++) {
            double pos = k / 255.0 * segments;
            int a = Math.min((int) Math.floor(pos), segments - 1);
            double f = pos - a;
            lut[k] = mix(anchors[a], anchors[a + 1], f);
        }
    }

    private static int mix(int c0, int c1, double f) {
        int r = (int) Math.round(((c0 >> 16) & 255) * (1 - f) + ((c1 >> 16) & 255) * f);
        int g = (int) Math.round(((c0 >> 8) & 255) * (1 - f) + ((c1 >> 8) & 255) * f);
        int b = (int) Math.round((c0 & 255) * (1 - f) + (c1 & 255) * f);
        return (r << 16) | (g << 8) | b;
    }

    /** @return true for diverging maps, which {@link HeatMap} uses with symmetric limits by default */
    public boolean isDiverging() {
        return diverging;
    }

    /**
     * Colour for a normalised value.
     *
     * @param t position in [0, 1]; values outside are clamped
     * @return packed 0xRRGGBB colour (from a 256-entry lookup table)
     */
    public int rgb(double t) {
        if (Double.isNaN(t)) {
            t = 0;
        }
        int k = (int) Math.round(Math.max(0, Math.min(1, t)) * 255);
        return lut[k];
    }

    /** @return {@link #rgb(double)} as an AWT colour */
    public Color color(double t) {
        return new Color(rgb(t));
    }
}
