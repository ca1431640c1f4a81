package org.repcon.anomaly.shift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.repcon.data.ImageSet;

class PatchShuffleTest {

    @Test
    void everyOutputPatchIsExactlyOneInputPatch() {
        int n = 3;
        float[] p = new float[n * 784];
        for (int i = 0; i < p.length; i++) {
            p[i] = i; // every pixel distinct, so a patch identifies its source
        }
        ImageSet x = new ImageSet("x", 1, 28, 28, p, new int[n], null);
        int g = 4;
        int s = 7;
        ImageSet y = PatchShuffle.apply(x, g, 2);
        int moved = 0;
        for (int i = 0; i < n; i++) {
            boolean[] used = new boolean[g * g];
            for (int t = 0; t < g * g; t++) {
                int ty = t / g * s;
                int tx = t % g * s;
                float first = y.pixels()[i * 784 + ty * 28 + tx];
                // plain reference: the source patch is the one whose top-left pixel value this is
                int local = (int) first - i * 784;
                int sy = local / 28;
                int sx = local % 28;
                assertEquals(0, sy % s);
                assertEquals(0, sx % s);
                int source = sy / s * g + sx / s;
                assertTrue(!used[source], "a source patch used twice");
                used[source] = true;
                moved += source != t ? 1 : 0;
                for (int yy = 0; yy < s; yy++) {
                    for (int xx = 0; xx < s; xx++) {
                        assertEquals(p[i * 784 + (sy + yy) * 28 + sx + xx], y.pixels()[i * 784 + (ty + yy) * 28 + tx + xx]);
                    }
                }
            }
        }
        assertTrue(moved > 30, "patches should move: " + moved + " of 48 moved");
        float[] a = x.pixels().clone();
        float[] b = y.pixels().clone();
        Arrays.sort(a);
        Arrays.sort(b);
        assertEquals(Arrays.toString(a), Arrays.toString(b));
        assertThrows(IllegalArgumentException.class, () -> PatchShuffle.apply(x, 5, 1));
    }
}
