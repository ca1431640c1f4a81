package org.repcon.anomaly.transform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.repcon.data.ImageSet;

/** The transforms against hand-written 4 x 4 results, their group structure and the GEOM index order. */
class GeometricTransformsTest {

    /** A 4 x 4 one-channel image with pixel (y, x) = 4 y + x. */
    private static ImageSet ramp() {
        float[] p = new float[16];
        for (int i = 0; i < 16; i++) {
            p[i] = i;
        }
        return new ImageSet("ramp", 1, 4, 4, p, null, null);
    }

    private static float[] applied(GeometricTransforms t, int k, ImageSet x) {
        return t.apply(x, k).pixels();
    }

    @Test
    void aQuarterTurnIsCounterClockwiseAsNumpyRot90() {
        GeometricTransforms t = GeometricTransforms.flipsAndRotations(4);
        assertEquals(8, t.size());
        // numpy.rot90(arange(16).reshape(4, 4)): the last column becomes the first row
        assertArrayEquals(new float[] {3, 7, 11, 15, 2, 6, 10, 14, 1, 5, 9, 13, 0, 4, 8, 12}, applied(t, 1, ramp()));
        assertArrayEquals(new float[] {15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0}, applied(t, 2, ramp()));
        // the known pixel: top right (0, 3) moves to the top left under a quarter turn
        float[] one = new float[16];
        one[3] = 1;
        float[] turned = applied(t, 1, new ImageSet("dot", 1, 4, 4, one, null, null));
        assertEquals(1, turned[0]);
        // flip (k = 4): each row reversed; flip then rotate (k = 5): rot90(fliplr(x))
        assertArrayEquals(new float[] {3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8, 15, 14, 13, 12}, applied(t, 4, ramp()));
        assertArrayEquals(new float[] {0, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10, 14, 3, 7, 11, 15}, applied(t, 5, ramp()));
        assertEquals("dx+0_dy+0_rot0", t.name(0));
        assertEquals("flip_dx+0_dy+0_rot270", t.name(7));
    }

    @Test
    void rotationsAndFlipsComposeAsTheSquaresSymmetries() {
        GeometricTransforms t = GeometricTransforms.flipsAndRotations(4);
        ImageSet x = ramp();
        for (int r = 0; r < 4; r++) {
            // rotating by r then by 4 - r quarter turns gives the image back
            ImageSet back = t.apply(t.apply(x, r), (4 - r) % 4);
            assertArrayEquals(x.pixels(), back.pixels(), "rotation " + r);
            // flip, rotate r = T_{4 + r}
            assertArrayEquals(applied(t, 4 + r, x), t.apply(t.apply(x, 4), r).pixels(), "flip then rotation " + r);
        }
        assertArrayEquals(x.pixels(), t.apply(t.apply(x, 4), 4).pixels(), "flipping twice");
        // the 8 images of an asymmetric image are distinct
        Set<List<Float>> seen = new HashSet<>();
        for (int k = 0; k < 8; k++) {
            List<Float> l = new java.util.ArrayList<>();
            for (float v : applied(t, k, x)) {
                l.add(v);
            }
            seen.add(l);
        }
        assertEquals(8, seen.size());
    }

    @Test
    void translationsReflectAtTheBorderIncludingTheEdgePixel() {
        GeometricTransforms t = GeometricTransforms.geom(4, 1);
        assertEquals(72, t.size());
        // GEOM order: flip, dx in (0, -s, +s), dy in (0, -s, +s), rotation; dx = +1, dy = 0 is k = (2 * 3 + 0) * 4
        assertEquals("dx+1_dy+0_rot0", t.name(24));
        // row a b c d moved right by one: a a b c
        assertArrayEquals(new float[] {0, 0, 1, 2, 4, 4, 5, 6, 8, 8, 9, 10, 12, 12, 13, 14}, applied(t, 24, ramp()));
        // dy = -1 (k = (0 * 3 + 1) * 4): content up by one row, the last row repeated
        assertEquals("dx+0_dy-1_rot0", t.name(4));
        assertArrayEquals(new float[] {4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 12, 13, 14, 15}, applied(t, 4, ramp()));
        // two pixels right on 4 x 4: b a | a b (d c b a | a b c d)
        GeometricTransforms two = GeometricTransforms.geom(4, 2);
        assertArrayEquals(new float[] {1, 0, 0, 1}, java.util.Arrays.copyOf(applied(two, 24, ramp()), 4));
        // left by two: c d | d c
        assertArrayEquals(new float[] {2, 3, 3, 2}, java.util.Arrays.copyOf(applied(two, 12, ramp()), 4));
        // a translated, flipped, rotated image is rot90(translate(fliplr(x)))
        GeometricTransforms d4 = GeometricTransforms.flipsAndRotations(4);
        int k = ((1 * 3 + 2) * 3 + 1) * 4 + 3; // flip, dx = +1, dy = -1, 270 degrees
        assertEquals("flip_dx+1_dy-1_rot270", t.name(k));
        ImageSet step = d4.apply(ramp(), 4);
        step = t.apply(step, 24);
        step = t.apply(step, 4);
        step = d4.apply(step, 3);
        assertArrayEquals(step.pixels(), applied(t, k, ramp()));
    }

    @Test
    void everyChannelMovesAlikeAndTheGeomSetIsDistinct() {
        GeometricTransforms t = GeometricTransforms.of(72, 28);
        assertEquals(8, t.shift());
        SplittableRandom rng = new SplittableRandom(4);
        float[] p = new float[2 * 2 * 28 * 28];
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) rng.nextDouble();
        }
        ImageSet x = new ImageSet("noise", 2, 28, 28, p, new int[] {5, 6}, null);
        Set<List<Float>> seen = new HashSet<>();
        for (int k = 0; k < 72; k++) {
            ImageSet y = t.apply(x, k);
            assertArrayEquals(new int[] {5, 6}, y.labels());
            int[] map = t.map(k);
            for (int i = 0; i < 2; i++) {
                for (int c = 0; c < 2; c++) {
                    int off = (i * 2 + c) * 784;
                    for (int q = 0; q < 784; q++) {
                        assertEquals(p[off + map[q]], y.pixels()[off + q]);
                    }
                }
            }
            List<Float> l = new java.util.ArrayList<>();
            for (int q = 0; q < 784; q++) {
                l.add(y.pixels()[q]);
            }
            seen.add(l);
        }
        assertEquals(72, seen.size());
        assertEquals(8, GeometricTransforms.of(8, 28).size());
        assertThrows(IllegalArgumentException.class, () -> GeometricTransforms.of(12, 28));
        assertThrows(IllegalArgumentException.class, () -> t.apply(new ImageSet("small", 1, 4, 4, new float[16], null, null), 0));
    }
}
