package org.repcon.tracking.geometry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.repcon.transformations.image.AffineTransform;

/**
 * T_tr against hand-derived references (quarter turn, translation, scale, shear), against its defining property
 * (points of the line map to points of the transformed line, for random affine maps), and for consistency
 * (composition, batched forms, distance scale).
 */
class LineTransformTest {
    private static final double TOL = 1e-9;

    /** Asserts that two lines are the same set of points (angles equal modulo pi, offsets flipped with them). */
    static void assertSameLine(Line expected, Line actual, double tol) {
        double diff = actual.angle() - expected.angle();
        assertTrue(Math.abs(Math.sin(diff)) < tol, () -> "angle: expected " + expected + ", got " + actual);
        double sign = Math.signum(Math.cos(diff));
        assertEquals(expected.offset(), sign * actual.offset(), tol, () -> "offset: expected " + expected + ", got "
                + actual);
    }

    @Test
    void quarterTurnMakesAHorizontalLineVerticalOnTheRightSide() {
        // horizontal line 10 px below the centre: centred points (t, 10); rotation(pi/2): (x, y) -> (-y, x), so they go
        // to (-10, t): a vertical line 10 px LEFT of the centre, which has offset +10 (normal (-1, 0)).
        Line below = new Line(0, 10);
        Line turned = LineTransform.apply(AffineTransform.rotation(Math.PI / 2), below);
        assertEquals(Math.PI / 2, turned.angle(), TOL);
        assertEquals(10, turned.offset(), TOL);
        assertEquals(0, turned.distance(32 - 10, 5, 64, 64), TOL); // pixel x = W/2 - 10 lies on it
        Line above = LineTransform.apply(AffineTransform.rotation(Math.PI / 2), new Line(0, -7));
        assertEquals(Math.PI / 2, above.angle(), TOL);
        assertEquals(-7, above.offset(), TOL);
    }

    @Test
    void rotationAboutTheCentreAddsToTheAngleAndKeepsTheOffset() {
        assertSameLine(new Line(0.8, 2), LineTransform.apply(AffineTransform.rotation(0.5), new Line(0.3, 2)), TOL);
        // past pi the angle wraps and the offset changes sign (the direction flips)
        Line wrapped = LineTransform.apply(AffineTransform.rotation(3.0), new Line(0.3, 2));
        assertEquals(3.3 - Math.PI, wrapped.angle(), TOL);
        assertEquals(-2, wrapped.offset(), TOL);
    }

    @Test
    void translationChangesOnlyTheOffsetByItsProjectionOnTheNormal() {
        AffineTransform t = AffineTransform.translation(3, 4);
        Line horizontal = LineTransform.apply(t, new Line(0, 5)); // normal (0, 1): + 4
        assertEquals(0, horizontal.angle(), TOL);
        assertEquals(9, horizontal.offset(), TOL);
        Line vertical = LineTransform.apply(t, new Line(Math.PI / 2, 5)); // normal (-1, 0): - 3
        assertEquals(Math.PI / 2, vertical.angle(), TOL);
        assertEquals(2, vertical.offset(), TOL);
        Line oblique = new Line(1.1, -4);
        Line moved = LineTransform.apply(t, oblique);
        assertEquals(1.1, moved.angle(), TOL);
        assertEquals(-4 + (-Math.sin(1.1) * 3 + Math.cos(1.1) * 4), moved.offset(), TOL);
    }

    @Test
    void scaleAndShearMatchHandDerivedLines() {
        // uniform scale s about the centre: same angle, offset times s, distances times s
        Line l = new Line(2.2, -6);
        assertSameLine(new Line(2.2, -9), LineTransform.apply(AffineTransform.scale(1.5), l), TOL);
        assertEquals(1.5, LineTransform.distanceScale(AffineTransform.scale(1.5), l), TOL);
        // anisotropic scale (sx, sy) of the horizontal line y = 5: y = 5 sy
        assertSameLine(new Line(0, 4), LineTransform.apply(AffineTransform.scale(3, 0.8), new Line(0, 5)), TOL);
        // shear x' = x + k y keeps horizontal lines
        assertSameLine(new Line(0, 5), LineTransform.apply(AffineTransform.shear(0.4), new Line(0, 5)), TOL);
        // the vertical line x = -o (offset o) goes to the points (-o + k t, t): direction (k, 1), through (-o, 0), so
        // angle atan2(1, k) and offset n' . (-o, 0) = o / sqrt(1 + k^2)
        double k = 0.4;
        double o = 6;
        Line sheared = LineTransform.apply(AffineTransform.shear(k), new Line(Math.PI / 2, o));
        assertSameLine(new Line(Math.atan2(1, k), o / Math.sqrt(1 + k * k)), sheared, TOL);
    }

    @Test
    void pointsOnTheLineMapToPointsOnTheTransformedLine() {
        Random rng = new Random(11);
        for (int trial = 0; trial < 200; trial++) {
            AffineTransform a = randomAffine(rng);
            Line line = new Line(rng.nextDouble() * Math.PI, (rng.nextDouble() * 2 - 1) * 20);
            Line image = LineTransform.apply(a, line);
            assertTrue(image.angle() >= 0 && image.angle() < Math.PI, () -> "angle out of [0, pi): " + image);
            double scale = LineTransform.distanceScale(a, line);
            double[] d = line.direction();
            double[] n = line.normal();
            for (int s = 0; s < 5; s++) {
                double t = (rng.nextDouble() * 2 - 1) * 40;
                double off = (rng.nextDouble() * 2 - 1) * 5; // signed distance from the line
                double x = line.offset() * n[0] + t * d[0] + off * n[0]; // centred coordinates
                double y = line.offset() * n[1] + t * d[1] + off * n[1];
                double[] onLine = a.apply(x - off * n[0], y - off * n[1]);
                assertEquals(0, image.distance(onLine[0] + 32, onLine[1] + 24, 64, 48), 1e-8);
                double[] q = a.apply(x, y);
                assertEquals(scale * Math.abs(off), Math.abs(image.distance(q[0] + 32, q[1] + 24, 64, 48)), 1e-8);
            }
        }
    }

    @Test
    void compositionAgreesWithSequentialApplication() {
        Random rng = new Random(5);
        for (int trial = 0; trial < 100; trial++) {
            AffineTransform a = randomAffine(rng);
            AffineTransform b = randomAffine(rng);
            Line line = new Line(rng.nextDouble() * Math.PI, (rng.nextDouble() * 2 - 1) * 20);
            assertSameLine(LineTransform.apply(b, LineTransform.apply(a, line)),
                    LineTransform.apply(AffineTransform.compose(a, b), line), 1e-9);
            // and the inverse undoes the map
            assertSameLine(line, LineTransform.apply(a.inverse(), LineTransform.apply(a, line)), 1e-9);
        }
    }

    @Test
    void batchedFormsAgreeWithSingleLines() {
        Random rng = new Random(3);
        AffineTransform[] perImage = {randomAffine(rng), randomAffine(rng)};
        int k = 3;
        double[] angles = new double[2 * k];
        double[] offsets = new double[2 * k];
        for (int s = 0; s < angles.length; s++) {
            angles[s] = rng.nextDouble() * Math.PI;
            offsets[s] = (rng.nextDouble() * 2 - 1) * 20;
        }
        double[] outA = new double[2 * k];
        double[] outO = new double[2 * k];
        LineTransform.apply(perImage, angles, offsets, outA, outO);
        double[] sameA = new double[2 * k];
        double[] sameO = new double[2 * k];
        LineTransform.apply(perImage[1], angles, offsets, sameA, sameO);
        for (int s = 0; s < angles.length; s++) {
            Line expected = LineTransform.apply(perImage[s / k], new Line(angles[s], offsets[s]));
            assertEquals(expected.angle(), outA[s], 0);
            assertEquals(expected.offset(), outO[s], 0);
            Line one = LineTransform.apply(perImage[1], new Line(angles[s], offsets[s]));
            assertEquals(one.angle(), sameA[s], 0);
            assertEquals(one.offset(), sameO[s], 0);
        }
        // in place
        LineTransform.apply(perImage, angles, offsets, angles, offsets);
        assertEquals(outA[4], angles[4], 0);
        assertEquals(outO[4], offsets[4], 0);
        assertThrows(IllegalArgumentException.class,
                () -> LineTransform.apply(perImage, new double[5], new double[5], new double[5], new double[5]));
    }

    @Test
    void aSingularMapIsRejected() {
        // scale(1, 0) collapses every line onto the x axis; a vertical line's direction onto zero
        assertThrows(IllegalArgumentException.class,
                () -> LineTransform.apply(AffineTransform.scale(1, 0), new Line(Math.PI / 2, 3)));
    }

    /** rotation, anisotropic scale, shear and translation in random order-independent composition. */
    static AffineTransform randomAffine(Random rng) {
        return AffineTransform.compose(AffineTransform.rotation(rng.nextDouble() * 2 * Math.PI),
                AffineTransform.scale(0.5 + rng.nextDouble(), 0.5 + rng.nextDouble()),
                AffineTransform.shear(rng.nextDouble() - 0.5),
                AffineTransform.translation((rng.nextDouble() * 2 - 1) * 10, (rng.nextDouble() * 2 - 1) * 10));
    }
}
