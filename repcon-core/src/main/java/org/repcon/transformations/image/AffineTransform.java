package org.repcon.transformations.image;

/**
 * A plane affine map in image-centred pixel coordinates, as a 2x3 matrix:
 * <pre>
 *   x' = m00 x + m01 y + m02
 *   y' = m10 x + m11 y + m12
 * </pre>
 *
 * <p>Coordinates (the convention of {@link AffineWarp}): pixel units, x to the right, y down; the origin of the
 * centred coordinates is the image centre (W/2, H/2) in pixel coordinates, whose origin is the top-left corner of the
 * top-left pixel, so pixel (row i, column j) has its centre at pixel coordinates (j + 0.5, i + 0.5) and at centred
 * coordinates (j + 0.5 - W/2, i + 0.5 - H/2). {@link #applyToPixel} converts.
 *
 * <p>{@link #rotation} by a positive angle turns +x towards +y, which on screen (y down) is clockwise.
 */
public record AffineTransform(double m00, double m01, double m02, double m10, double m11, double m12) {
    private static final AffineTransform IDENTITY = new AffineTransform(1, 0, 0, 0, 1, 0);

    public AffineTransform {
        double[] all = {m00, m01, m02, m10, m11, m12};
        for (double v : all) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("affine transform entries must be finite, got " + java.util.Arrays.toString(all));
            }
        }
    }

    /** The identity map. */
    public static AffineTransform identity() {
        return IDENTITY;
    }

    /**
     * Rotation about the centre by {@code radians}: (x, y) -> (x cos a - y sin a, x sin a + y cos a); a positive
     * angle turns +x towards +y (clockwise on screen, as y points down).
     */
    public static AffineTransform rotation(double radians) {
        double c = Math.cos(radians);
        double s = Math.sin(radians);
        return new AffineTransform(c, -s, 0, s, c, 0);
    }

    /** Translation by (dx, dy) pixels: (x, y) -> (x + dx, y + dy); dy > 0 moves content down. */
    public static AffineTransform translation(double dx, double dy) {
        return new AffineTransform(1, 0, dx, 0, 1, dy);
    }

    /** Scaling about the centre: (x, y) -> (sx x, sy y). */
    public static AffineTransform scale(double sx, double sy) {
        return new AffineTransform(sx, 0, 0, 0, sy, 0);
    }

    /** Uniform scaling about the centre: (x, y) -> (s x, s y). */
    public static AffineTransform scale(double s) {
        return scale(s, s);
    }

    /** Horizontal shear about the centre: (x, y) -> (x + k y, y). */
    public static AffineTransform shear(double k) {
        return new AffineTransform(1, k, 0, 0, 1, 0);
    }

    /** The map from a 2x3 row-major matrix {m00, m01, m02, m10, m11, m12}. */
    public static AffineTransform of(double[] matrix) {
        if (matrix.length != 6) {
            throw new IllegalArgumentException("an affine 2x3 matrix has 6 entries, got " + matrix.length);
        }
        return new AffineTransform(matrix[0], matrix[1], matrix[2], matrix[3], matrix[4], matrix[5]);
    }

    /**
     * The maps applied in the order given: {@code compose(a, b, c).apply(p) = c(b(a(p)))}; the identity if none.
     */
    public static AffineTransform compose(AffineTransform... inOrder) {
        AffineTransform t = IDENTITY;
        for (AffineTransform step : inOrder) {
            t = t.then(step);
        }
        return t;
    }

    /** This map followed by {@code next}: p -> next(this(p)), matrix {@code next * this}. */
    public AffineTransform then(AffineTransform next) {
        AffineTransform a = next;
        return new AffineTransform(
                a.m00 * m00 + a.m01 * m10, a.m00 * m01 + a.m01 * m11, a.m00 * m02 + a.m01 * m12 + a.m02,
                a.m10 * m00 + a.m11 * m10, a.m10 * m01 + a.m11 * m11, a.m10 * m02 + a.m11 * m12 + a.m12);
    }

    /** det of the linear part, m00 m11 - m01 m10. */
    public double determinant() {
        return m00 * m11 - m01 * m10;
    }

    /** The inverse map; throws if the linear part is singular (|det| < 1e-12). */
    public AffineTransform inverse() {
        double det = determinant();
        if (Math.abs(det) < 1e-12) {
            throw new IllegalArgumentException("affine transform " + this + " is not invertible (determinant " + det
                    + ")");
        }
        double i00 = m11 / det;
        double i01 = -m01 / det;
        double i10 = -m10 / det;
        double i11 = m00 / det;
        return new AffineTransform(i00, i01, -(i00 * m02 + i01 * m12), i10, i11, -(i10 * m02 + i11 * m12));
    }

    /** The image of the point (x, y) in centred coordinates, as {x', y'}. */
    public double[] apply(double x, double y) {
        return new double[] {m00 * x + m01 * y + m02, m10 * x + m11 * y + m12};
    }

    /**
     * The image of a point given in pixel coordinates (origin at the top-left corner of a width x height image), in
     * pixel coordinates: p -> A(p - c) + c with c = (width/2, height/2).
     */
    public double[] applyToPixel(double x, double y, int width, int height) {
        double cx = width / 2.0;
        double cy = height / 2.0;
        double[] q = apply(x - cx, y - cy);
        return new double[] {q[0] + cx, q[1] + cy};
    }

    /** The 2x3 matrix, row-major {m00, m01, m02, m10, m11, m12}. */
    public double[] toArray() {
        return new double[] {m00, m01, m02, m10, m11, m12};
    }
}
