package org.repcon.tracking.geometry;

/**
 * A straight track in an image of {@code width x height} pixels, in repcon's conventions (shared by the
 * generator's truth CSV, the tracker's output and the Hough baseline):
 * <ul>
 *   <li>pixel coordinates: origin at the top-left corner of the top-left pixel, x to the right, y down; the
 *       centre of pixel (row i, column j) is (j + 0.5, i + 0.5); the image centre is c = (W/2, H/2);
 *   <li>{@code angle} in [0, pi): the line's direction d = (cos angle, sin angle), measured from +x towards +y
 *       (clockwise on screen, since y points down);
 *   <li>{@code offset}: the signed distance from c to the line along the normal n = (-sin angle, cos angle):
 *       the line is { p : n . (p - c) = offset }. So a horizontal line (angle 0) below the centre has a
 *       positive offset, and a vertical line (angle pi/2) left of the centre has a positive offset.
 * </ul>
 *
 * @param angle direction in [0, pi) radians
 * @param offset signed distance from the image centre in pixels
 */
public record Line(double angle, double offset) {
    public Line {
        if (!Double.isFinite(angle) || !Double.isFinite(offset)) {
            throw new IllegalArgumentException("line parameters must be finite, got angle " + angle + ", offset " + offset);
        }
    }

    /** The same line with its angle brought into [0, pi) (the offset changes sign when the direction flips). */
    public static Line normalized(double angle, double offset) {
        double a = angle % (2 * Math.PI);
        if (a < 0) {
            a += 2 * Math.PI;
        }
        if (a >= Math.PI) {
            a -= Math.PI;
            offset = -offset;
        }
        if (a >= Math.PI) {
            // only when a tiny negative angle rounded to exactly 2 pi above: the line is at angle 0 with the offset as
            // given, so undo the flip
            a = 0;
            offset = -offset;
        }
        return new Line(a, offset);
    }

    /** The line through two distinct points (pixel coordinates). */
    public static Line through(double x1, double y1, double x2, double y2, int width, int height) {
        double angle = Math.atan2(y2 - y1, x2 - x1);
        double nx = -Math.sin(angle);
        double ny = Math.cos(angle);
        return normalized(angle, nx * (x1 - width / 2.0) + ny * (y1 - height / 2.0));
    }

    /** Unit direction (cos angle, sin angle). */
    public double[] direction() {
        return new double[] {Math.cos(angle), Math.sin(angle)};
    }

    /** Unit normal (-sin angle, cos angle). */
    public double[] normal() {
        return new double[] {-Math.sin(angle), Math.cos(angle)};
    }

    /** Signed distance of point (x, y) from the line (positive on the normal's side). */
    public double distance(double x, double y, int width, int height) {
        double[] n = normal();
        return n[0] * (x - width / 2.0) + n[1] * (y - height / 2.0) - offset;
    }

    /**
     * The points where the line enters and leaves the image rectangle [0, W] x [0, H], ordered along the
     * direction, as {x1, y1, x2, y2}; null if the line misses the image.
     */
    public double[] clip(int width, int height) {
        double[] d = direction();
        double[] n = normal();
        double px = width / 2.0 + offset * n[0]; // the point of the line nearest to the centre
        double py = height / 2.0 + offset * n[1];
        double tMin = Double.NEGATIVE_INFINITY;
        double tMax = Double.POSITIVE_INFINITY;
        double[][] slabs = {{px, d[0], 0, width}, {py, d[1], 0, height}};
        for (double[] s : slabs) {
            if (Math.abs(s[1]) < 1e-12) {
                if (s[0] < s[2] || s[0] > s[3]) {
                    return null;
                }
            } else {
                double t1 = (s[2] - s[0]) / s[1];
                double t2 = (s[3] - s[0]) / s[1];
                tMin = Math.max(tMin, Math.min(t1, t2));
                tMax = Math.min(tMax, Math.max(t1, t2));
            }
        }
        if (tMax <= tMin) {
            return null;
        }
        return new double[] {px + tMin * d[0], py + tMin * d[1], px + tMax * d[0], py + tMax * d[1]};
    }
}
