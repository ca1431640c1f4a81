package org.repcon.tracking.geometry;

import org.repcon.transformations.image.AffineTransform;

/**
 * The latent transformation T_tr of the equivariant line tracker: how a {@link Line} moves when its image is warped
 * by an {@link AffineTransform} (the image transformation T_im of {@code AffineWarp}).
 *
 * <p>Conventions. The transform A acts in centred pixel coordinates q = p - c, c = (W/2, H/2), as
 * q -> M q + t (M its 2x2 linear part, t its translation), exactly as in {@code AffineWarp}: content at q appears at
 * A(q). A line is { q : n . q = offset } with direction d = (cos angle, sin angle) and normal n = (-sin angle,
 * cos angle) ({@link Line}). Its image under A is the line through the point A(offset n) (the image of the line's
 * point nearest to the centre) with direction M d:
 * <pre>
 *   angle' = atan2((M d)_y, (M d)_x),   n' = (-sin angle', cos angle'),   offset' = n' . (M (offset n) + t),
 * </pre>
 * brought into [0, pi) by {@link Line#normalized} (which flips the offset's sign together with the direction).
 * Equivalently n' = M^{-T} n / |M^{-T} n| and offset' = (offset + (M^{-T} n) . t) / |M^{-T} n|. Rotations and
 * translations keep distances; a scale or shear also rescales distances to the line by
 * {@link #distanceScale}. Only the linear part's invertibility matters: a singular M is rejected when it maps the
 * direction to (almost) zero.
 *
 * <p>The result depends on the image only through its centre, and the centre is the origin of A's coordinates, so
 * no image size is needed.
 */
public final class LineTransform {
    private LineTransform() {}

    /** The image under {@code a} of {@code line}, as a line with angle in [0, pi). */
    public static Line apply(AffineTransform a, Line line) {
        double[] out = new double[2];
        apply(a, line.angle(), line.offset(), out);
        return new Line(out[0], out[1]);
    }

    /**
     * Batched form on plain arrays: slot s (of {@code angles.length} slots) is transformed by the same {@code a};
     * {@code outAngles} and {@code outOffsets} may be the input arrays (in place).
     */
    public static void apply(AffineTransform a, double[] angles, double[] offsets, double[] outAngles,
            double[] outOffsets) {
        checkLengths(angles.length, offsets, outAngles, outOffsets);
        double[] one = new double[2];
        for (int s = 0; s < angles.length; s++) {
            apply(a, angles[s], offsets[s], one);
            outAngles[s] = one[0];
            outOffsets[s] = one[1];
        }
    }

    /**
     * Batched form for a batch of B images with K slots each: {@code angles} and {@code offsets} are [B, K] flattened
     * row-major (slot k of image b at {@code b * K + k}, K = length / B), and image b's slots are transformed by
     * {@code perImage[b]}; {@code outAngles} and {@code outOffsets} may be the input arrays (in place).
     */
    public static void apply(AffineTransform[] perImage, double[] angles, double[] offsets, double[] outAngles,
            double[] outOffsets) {
        checkLengths(angles.length, offsets, outAngles, outOffsets);
        int b = perImage.length;
        if (b == 0 ? angles.length != 0 : angles.length % b != 0) {
            throw new IllegalArgumentException(angles.length + " line slots are not a whole number per image for " + b
                    + " images");
        }
        int k = b == 0 ? 0 : angles.length / b;
        double[] one = new double[2];
        for (int n = 0; n < b; n++) {
            for (int s = n * k; s < (n + 1) * k; s++) {
                apply(perImage[n], angles[s], offsets[s], one);
                outAngles[s] = one[0];
                outOffsets[s] = one[1];
            }
        }
    }

    /**
     * The factor by which {@code a} multiplies distances to {@code line}: a point at distance |delta| from the line
     * maps to a point at distance {@code distanceScale * |delta|} from {@link #apply the transformed line}. It equals
     * |det M| / |M d| = 1 / |M^{-T} n|: 1 for rotations and translations, s for a uniform scale s. A stripe of
     * width sigma drawn along the line therefore has width {@code distanceScale * sigma} after the warp.
     */
    public static double distanceScale(AffineTransform a, Line line) {
        double dx = Math.cos(line.angle());
        double dy = Math.sin(line.angle());
        double mx = a.m00() * dx + a.m01() * dy;
        double my = a.m10() * dx + a.m11() * dy;
        double len = Math.hypot(mx, my);
        checkDirection(a, len);
        return Math.abs(a.determinant()) / len;
    }

    private static void apply(AffineTransform a, double angle, double offset, double[] out) {
        double dx = Math.cos(angle);
        double dy = Math.sin(angle);
        // M d: the new direction (not normalised)
        double mx = a.m00() * dx + a.m01() * dy;
        double my = a.m10() * dx + a.m11() * dy;
        checkDirection(a, Math.hypot(mx, my));
        // A(offset n): a point of the new line
        double[] p = a.apply(-offset * dy, offset * dx);
        double newAngle = Math.atan2(my, mx);
        double newOffset = -Math.sin(newAngle) * p[0] + Math.cos(newAngle) * p[1];
        Line l = Line.normalized(newAngle, newOffset);
        out[0] = l.angle();
        out[1] = l.offset();
    }

    private static void checkDirection(AffineTransform a, double length) {
        if (!(length > 1e-12)) {
            throw new IllegalArgumentException("affine transform " + a + " collapses the line's direction (singular "
                    + "linear part): the image of the line is not a line");
        }
    }

    private static void checkLengths(int n, double[] offsets, double[] outAngles, double[] outOffsets) {
        if (offsets.length != n || outAngles.length != n || outOffsets.length != n) {
            throw new IllegalArgumentException("angles, offsets and outputs must have the same length, got " + n + ", "
                    + offsets.length + ", " + outAngles.length + ", " + outOffsets.length);
        }
    }
}
