package org.repcon.tracking.baseline;

import org.repcon.tracking.geometry.Line;
import org.repcon.tracking.geometry.WeightedLineFit;

/**
 * Least-squares refit of a found line to the lit pixels near it (removes the Hough transform's quantization).
 *
 * <p>One pass: take the lit pixels whose centres (j + 0.5, i + 0.5) lie within {@code band} px of the line,
 * weight each by w = intensity - threshold (> 0 for a lit pixel, so grain cores count most), and fit the total
 * least-squares line: through the weighted centroid (cx, cy), along the major axis of the weighted covariance,
 * phi = atan2(2 Sxy, Sxx - Syy) / 2. Two passes are made, each starting from the previous line. A pass is
 * rejected (the previous line kept) when fewer than 3 pixels are in the band, when the pixels are not elongated
 * (major/minor variance < 4, e.g. a single blob), or when it would move the line by more than
 * {@link #MAX_TURN} rad or {@code band} px (then the band held mostly another track's pixels).
 */
final class LineRefit {
    /** Largest angle change of one accepted pass, radians. */
    static final double MAX_TURN = 0.05;
    private static final int PASSES = 2;

    private LineRefit() {
    }

    /**
     * @param start the line to refine
     * @param intensity row-major intensities (those that were thresholded)
     * @param lit row-major: whether each pixel voted
     * @param threshold the binarization threshold (weights are intensity - threshold)
     * @param band half-width of the strip of pixels used, px
     */
    static Line refit(Line start, float[] intensity, boolean[] lit, double threshold, int width, int height,
            double band) {
        Line line = start;
        for (int pass = 0; pass < PASSES; pass++) {
            Line next = onePass(line, intensity, lit, threshold, width, height, band);
            if (next == null || angleChange(line, next) > MAX_TURN
                    || Math.abs(offsetChange(line, next)) > band) {
                break;
            }
            line = next;
        }
        return line;
    }

    private static Line onePass(Line line, float[] intensity, boolean[] lit, double threshold, int width,
            int height, double band) {
        WeightedLineFit fit = new WeightedLineFit();
        for (int i = 0; i < height; i++) {
            for (int j = 0; j < width; j++) {
                int k = i * width + j;
                if (lit[k] && Math.abs(line.distance(j + 0.5, i + 0.5, width, height)) <= band) {
                    fit.add(j + 0.5, i + 0.5, intensity[k] - threshold);
                }
            }
        }
        return fit.fit(width, height);
    }

    private static double angleChange(Line a, Line b) {
        double r = Math.abs(a.angle() - b.angle());
        return r <= Math.PI / 2 ? r : Math.PI - r;
    }

    private static double offsetChange(Line a, Line b) {
        double r = Math.abs(a.angle() - b.angle());
        return r <= Math.PI / 2 ? a.offset() - b.offset() : a.offset() + b.offset();
    }
}
