package org.repcon.transformations.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The affine maps' conventions (rotation direction, composition order) and their algebra. */
class AffineTransformTest {
    private static final double EPS = 1e-12;

    @Test
    void rotationTurnsPlusXTowardsPlusY() {
        assertArrayEquals(new double[] {0, 1}, AffineTransform.rotation(Math.PI / 2).apply(1, 0), EPS);
        assertArrayEquals(new double[] {-1, 0}, AffineTransform.rotation(Math.PI / 2).apply(0, 1), EPS);
        double a = 0.3;
        assertArrayEquals(new double[] {2 * Math.cos(a), 2 * Math.sin(a)}, AffineTransform.rotation(a).apply(2, 0), EPS);
    }

    @Test
    void elementaryMaps() {
        assertArrayEquals(new double[] {4, 1}, AffineTransform.translation(3, -1).apply(1, 2), EPS);
        assertArrayEquals(new double[] {2, 6}, AffineTransform.scale(2, 3).apply(1, 2), EPS);
        assertArrayEquals(new double[] {1 + 0.5 * 2, 2}, AffineTransform.shear(0.5).apply(1, 2), EPS);
        assertArrayEquals(new double[] {1, 2}, AffineTransform.identity().apply(1, 2), EPS);
    }

    @Test
    void thenAndComposeApplyInTheOrderGiven() {
        AffineTransform r = AffineTransform.rotation(Math.PI / 2);
        AffineTransform t = AffineTransform.translation(1, 0);
        // rotate (1, 0) to (0, 1), then translate to (1, 1)
        assertArrayEquals(new double[] {1, 1}, r.then(t).apply(1, 0), EPS);
        // translate (1, 0) to (2, 0), then rotate to (0, 2)
        assertArrayEquals(new double[] {0, 2}, t.then(r).apply(1, 0), EPS);
        assertArrayEquals(new double[] {1, 1}, AffineTransform.compose(r, t).apply(1, 0), EPS);
        AffineTransform s = AffineTransform.scale(2);
        Random rng = new Random(1);
        for (int k = 0; k < 10; k++) {
            double x = rng.nextGaussian();
            double y = rng.nextGaussian();
            double[] step = s.apply(x, y);
            step = t.apply(step[0], step[1]);
            step = r.apply(step[0], step[1]);
            assertArrayEquals(step, AffineTransform.compose(s, t, r).apply(x, y), EPS);
        }
        assertEquals(AffineTransform.identity(), AffineTransform.compose());
    }

    @Test
    void inverseUndoes() {
        Random rng = new Random(2);
        for (int k = 0; k < 20; k++) {
            AffineTransform a = new AffineTransform(1 + rng.nextGaussian() * 0.3, rng.nextGaussian() * 0.3,
                    rng.nextGaussian() * 5, rng.nextGaussian() * 0.3, 1 + rng.nextGaussian() * 0.3, rng.nextGaussian() * 5);
            double x = rng.nextGaussian() * 10;
            double y = rng.nextGaussian() * 10;
            double[] p = a.apply(x, y);
            assertArrayEquals(new double[] {x, y}, a.inverse().apply(p[0], p[1]), 1e-9);
            assertArrayEquals(AffineTransform.identity().toArray(), a.then(a.inverse()).toArray(), 1e-9);
        }
        assertThrows(IllegalArgumentException.class, () -> AffineTransform.scale(0, 1).inverse());
        assertThrows(IllegalArgumentException.class, () -> AffineTransform.translation(Double.NaN, 0));
    }

    @Test
    void pixelCoordinatesAreCentredOnTheImageCentre() {
        // rotation by 90 degrees about the centre (2, 1.5) of a 4 x 3 image: (3, 1.5) -> (2, 2.5)
        assertArrayEquals(new double[] {2, 2.5}, AffineTransform.rotation(Math.PI / 2).applyToPixel(3, 1.5, 4, 3), EPS);
        assertArrayEquals(new double[] {3.5, 0}, AffineTransform.translation(1.5, -1).applyToPixel(2, 1, 4, 3), EPS);
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, AffineTransform.of(new double[] {1, 2, 3, 4, 5, 6}).toArray());
    }
}
