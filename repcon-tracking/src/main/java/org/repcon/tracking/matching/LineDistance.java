package org.repcon.tracking.matching;

import org.repcon.tracking.geometry.Line;

/**
 * How far apart two {@link Line}s are, for matching predicted tracks to true ones.
 *
 * <p>A line is the same with (angle, offset) and (angle + pi, -offset): turning the direction by pi flips the
 * normal (-sin a, cos a) and so the sign of the offset. Both lines have angles in [0, pi), so with the raw
 * difference r = |a.angle - b.angle| in [0, pi):
 * <ul>
 *   <li>angle difference: da = r if r <= pi/2, else pi - r (the difference modulo pi, in [0, pi/2]);
 *   <li>offset difference: do = |a.offset - b.offset| if r <= pi/2, else |a.offset + b.offset| (comparing
 *       a with b's representation rotated across 0/pi, whose offset is -b.offset);
 *   <li>cost = da / angleTolerance + do / offsetTolerance (dimensionless; a pair within both tolerances costs
 *       at most 2).
 * </ul>
 * So a line with angle 0.01 and offset 5 and one with angle pi - 0.01 and offset -5 are 0.02 rad and 0 px apart.
 */
public final class LineDistance {
    private LineDistance() {
    }

    /** The angle difference modulo pi, in [0, pi/2] radians. */
    public static double angleDifference(Line a, Line b) {
        double r = rawDifference(a, b);
        return r <= Math.PI / 2 ? r : Math.PI - r;
    }

    /** The absolute offset difference in pixels, with b's offset negated when the angles wrap across 0/pi. */
    public static double offsetDifference(Line a, Line b) {
        double r = rawDifference(a, b);
        return r <= Math.PI / 2 ? Math.abs(a.offset() - b.offset()) : Math.abs(a.offset() + b.offset());
    }

    /** The combined matching cost da / angleTolerance + do / offsetTolerance. */
    public static double cost(Line a, Line b, double angleTolerance, double offsetTolerance) {
        requireTolerances(angleTolerance, offsetTolerance);
        return angleDifference(a, b) / angleTolerance + offsetDifference(a, b) / offsetTolerance;
    }

    /** Whether both da <= angleTolerance and do <= offsetTolerance. */
    public static boolean within(Line a, Line b, double angleTolerance, double offsetTolerance) {
        requireTolerances(angleTolerance, offsetTolerance);
        return angleDifference(a, b) <= angleTolerance && offsetDifference(a, b) <= offsetTolerance;
    }

    /** Throws unless both tolerances are finite and > 0. */
    public static void requireTolerances(double angleTolerance, double offsetTolerance) {
        if (!(angleTolerance > 0) || !Double.isFinite(angleTolerance)) {
            throw new IllegalArgumentException("angle tolerance must be positive and finite (radians), got " + angleTolerance);
        }
        if (!(offsetTolerance > 0) || !Double.isFinite(offsetTolerance)) {
            throw new IllegalArgumentException("offset tolerance must be positive and finite (pixels), got " + offsetTolerance);
        }
    }

    private static double rawDifference(Line a, Line b) {
        if (a == null || b == null) {
            throw new IllegalArgumentException("lines must not be null");
        }
        return Math.abs(a.angle() - b.angle());
    }
}
