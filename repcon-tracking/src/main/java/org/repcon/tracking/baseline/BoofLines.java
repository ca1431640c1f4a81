package org.repcon.tracking.baseline;

import georegression.struct.line.LineParametric2D_F32;
import georegression.struct.line.LinePolar2D_F32;
import org.repcon.tracking.geometry.Line;

/**
 * Conversion between BoofCV's (georegression's) lines and repcon's {@link Line}.
 *
 * <p>BoofCV puts pixel (column x, row y) at the integer point (x, y): its coordinates are those of pixel
 * <em>centres</em>, origin at the centre of the top-left pixel, x right, y down. repcon's origin is the top-left
 * <em>corner</em> of that pixel, so a BoofCV point (X, Y) is the repcon point (X + 0.5, Y + 0.5). Axes and
 * handedness agree, so directions carry over unchanged: a parametric line p + t s becomes the repcon line through
 * p + (0.5, 0.5) with angle atan2(s_y, s_x) reduced to [0, pi) (offset sign flipped with it, see
 * {@link Line#normalized}). A {@link LinePolar2D_F32} (distance d, angle theta) is the BoofCV line
 * x cos(theta) + y sin(theta) = d, i.e. foot point d (cos theta, sin theta) and direction (-sin theta, cos theta).
 */
public final class BoofLines {
    private BoofLines() {
    }

    /** A BoofCV parametric line (pixel-centre coordinates) as a repcon line of a width x height image. */
    public static Line toLine(LineParametric2D_F32 line, int width, int height) {
        if (line == null) {
            throw new IllegalArgumentException("line must not be null");
        }
        requireSize(width, height);
        double sx = line.slope.x;
        double sy = line.slope.y;
        if (!(Math.hypot(sx, sy) > 0) || !Double.isFinite(sx) || !Double.isFinite(sy)) {
            throw new IllegalArgumentException("line direction must be a finite non-zero vector, got (" + sx + ", " + sy + ")");
        }
        double px = line.p.x + 0.5;
        double py = line.p.y + 0.5;
        double angle = Math.atan2(sy, sx);
        double offset = -Math.sin(angle) * (px - width / 2.0) + Math.cos(angle) * (py - height / 2.0);
        return Line.normalized(angle, offset);
    }

    /** A BoofCV polar line (pixel-centre coordinates, origin at pixel (0, 0)) as a repcon line. */
    public static Line toLine(LinePolar2D_F32 line, int width, int height) {
        if (line == null) {
            throw new IllegalArgumentException("line must not be null");
        }
        float c = (float) Math.cos(line.angle);
        float s = (float) Math.sin(line.angle);
        return toLine(new LineParametric2D_F32(line.distance * c, line.distance * s, -s, c), width, height);
    }

    /** The inverse of {@link #toLine(LineParametric2D_F32, int, int)}: the point nearest the centre, unit direction. */
    public static LineParametric2D_F32 toBoof(Line line, int width, int height) {
        if (line == null) {
            throw new IllegalArgumentException("line must not be null");
        }
        requireSize(width, height);
        double[] n = line.normal();
        double[] d = line.direction();
        double px = width / 2.0 + line.offset() * n[0] - 0.5;
        double py = height / 2.0 + line.offset() * n[1] - 0.5;
        return new LineParametric2D_F32((float) px, (float) py, (float) d[0], (float) d[1]);
    }

    static void requireSize(int width, int height) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("image size must be positive, got " + width + " x " + height);
        }
    }
}
