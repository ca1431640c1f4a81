package org.repcon.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Resizing against hand-computed area averages and bilinear values. */
class ImageResizeTest {
    @Test
    void sameSizeIsTheInput() {
        float[] p = {1, 2, 3, 4};
        assertSame(p, ImageResize.resize(p, 1, 2, 2, 2, 2));
    }

    @Test
    void halvingAveragesTwoByTwoBlocks() {
        float[] p = new float[16];
        for (int i = 0; i < 16; i++) {
            p[i] = i;
        }
        // blocks {0,1,4,5}, {2,3,6,7}, {8,9,12,13}, {10,11,14,15}
        assertArrayEquals(new float[] {2.5f, 4.5f, 10.5f, 12.5f}, ImageResize.resize(p, 1, 4, 4, 2, 2), 1e-6f);
    }

    @Test
    void threeToTwoUsesFractionalOverlaps() {
        float[] p = {3, 6, 9};
        // s = 1.5: out0 = (3 * 1 + 6 * 0.5) / 1.5 = 4, out1 = (6 * 0.5 + 9 * 1) / 1.5 = 8
        assertArrayEquals(new float[] {4, 8}, ImageResize.resize(p, 1, 1, 3, 1, 2), 1e-6f);
        // the same along y
        assertArrayEquals(new float[] {4, 8}, ImageResize.resize(p, 1, 3, 1, 2, 1), 1e-6f);
    }

    @Test
    void doublingIsBilinearBetweenCentres() {
        float a = 1;
        float b = 5;
        // u = (o + 0.5) / 2 - 0.5 = -0.25 (clamped to 0), 0.25, 0.75, 1.25 (clamped to 1)
        assertArrayEquals(new float[] {a, 0.75f * a + 0.25f * b, 0.25f * a + 0.75f * b, b},
                ImageResize.resize(new float[] {a, b}, 1, 1, 2, 1, 4), 1e-6f);
    }

    @Test
    void channelsAreIndependentAndConstantsStayConstant() {
        Random rng = new Random(3);
        int[][] sizes = {{5, 7, 3, 2}, {4, 4, 9, 6}, {6, 3, 6, 8}, {28, 28, 13, 17}};
        for (int[] s : sizes) {
            float[] p = new float[2 * s[0] * s[1]];
            for (int i = 0; i < p.length; i++) {
                p[i] = i < s[0] * s[1] ? 0.3f : 0.8f;
            }
            float[] r = ImageResize.resize(p, 2, s[0], s[1], s[2], s[3]);
            assertEquals(2 * s[2] * s[3], r.length);
            for (int i = 0; i < r.length; i++) {
                assertEquals(i < s[2] * s[3] ? 0.3f : 0.8f, r[i], 1e-6f);
            }
            // area averaging keeps the mean when shrinking by an integer factor in both directions
            float[] q = new float[s[0] * s[1]];
            for (int i = 0; i < q.length; i++) {
                q[i] = rng.nextFloat();
            }
            if (s[0] % s[2] == 0 && s[1] % s[3] == 0) {
                assertEquals(mean(q), mean(ImageResize.resize(q, 1, s[0], s[1], s[2], s[3])), 1e-5);
            }
        }
        float[] q = new float[8 * 6];
        for (int i = 0; i < q.length; i++) {
            q[i] = rng.nextFloat();
        }
        assertEquals(mean(q), mean(ImageResize.resize(q, 1, 8, 6, 4, 3)), 1e-5);
    }

    private static double mean(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x;
        }
        return s / v.length;
    }
}
