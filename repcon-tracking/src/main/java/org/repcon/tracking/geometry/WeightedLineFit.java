package org.repcon.tracking.geometry;

/**
 * The total-least-squares line of weighted points (pixel coordinates, as {@link Line}): it passes through the
 * weighted centroid (cx, cy) along the major axis of the weighted covariance, at phi = atan2(2 Sxy, Sxx - Syy) / 2.
 * Accumulate with {@link #add}, then {@link #fit}. Used by the Hough baseline's refit and the tracker's
 * refinement.
 */
public final class WeightedLineFit {
    private double sw;
    private double sx;
    private double sy;
    private double sxx;
    private double sxy;
    private double syy;
    private int count;

    /** Adds the point (x, y) with weight w > 0. */
    public void add(double x, double y, double w) {
        sw += w;
        sx += w * x;
        sy += w * y;
        sxx += w * x * x;
        sxy += w * x * y;
        syy += w * y * y;
        count++;
    }

    /** Number of points added. */
    public int count() {
        return count;
    }

    /**
     * The fitted line, or null when there are fewer than 3 points, no weight, or the points are not elongated
     * (major / minor variance < 4, e.g. a single blob).
     */
    public Line fit(int width, int height) {
        if (count < 3 || !(sw > 0)) {
            return null;
        }
        double cx = sx / sw;
        double cy = sy / sw;
        double vxx = sxx / sw - cx * cx;
        double vxy = sxy / sw - cx * cy;
        double vyy = syy / sw - cy * cy;
        double mean = (vxx + vyy) / 2;
        double diff = Math.sqrt((vxx - vyy) * (vxx - vyy) / 4 + vxy * vxy);
        double major = mean + diff;
        double minor = mean - diff;
        if (!(major > 0) || !(major > 4 * Math.max(minor, 0))) {
            return null;
        }
        double phi = 0.5 * Math.atan2(2 * vxy, vxx - vyy);
        return Line.through(cx, cy, cx + Math.cos(phi), cy + Math.sin(phi), width, height);
    }
}
