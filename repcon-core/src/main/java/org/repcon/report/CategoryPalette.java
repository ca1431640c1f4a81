package org.repcon.report;

import java.awt.Color;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Package-private colours and marker shapes for categorical data (classes, runs): the Tableau-10 palette (as in
 * {@link LinePlot}); from the eleventh category on the colours repeat with another marker shape.
 */
final class CategoryPalette {
    private static final Color[] COLORS = {
        new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728),
        new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
        new Color(0xbcbd22), new Color(0x17becf)};
    private static final Marker[] MARKERS = {
        SeriesMarkers.CIRCLE, SeriesMarkers.SQUARE, SeriesMarkers.DIAMOND, SeriesMarkers.TRIANGLE_UP,
        SeriesMarkers.TRIANGLE_DOWN};

    private CategoryPalette() {
    }

    /** Colour of category {@code k >= 0}. */
    static Color color(int k) {
        return COLORS[k % COLORS.length];
    }

    /** Marker of category {@code k >= 0}: circles for the first ten, then other shapes. */
    static Marker marker(int k) {
        return MARKERS[(k / COLORS.length) % MARKERS.length];
    }
}
