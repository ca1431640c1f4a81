package org.repcon.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ImageSetTest {
    private static ImageSet images(float first, int n, int[] labels) {
        float[] p = new float[n * 4];
        for (int i = 0; i < p.length; i++) {
            p[i] = first + i;
        }
        return new ImageSet("s" + first, 1, 2, 2, p, labels, null);
    }

    @Test
    void concatKeepsOrderPixelsAndLabels() {
        ImageSet a = images(0, 2, new int[] {3, 4});
        ImageSet b = images(100, 3, new int[] {5, 6, 7});
        ImageSet ab = a.concat(b);
        assertEquals(5, ab.size());
        assertArrayEquals(new int[] {3, 4, 5, 6, 7}, ab.labels());
        assertEquals(a.pixels()[7], ab.pixels()[7]);
        assertEquals(b.pixels()[0], ab.pixels()[8]);
        assertEquals(b.pixels()[11], ab.pixels()[19]);
        assertArrayEquals(b.pixels(), ab.slice(2, 5).pixels());
    }

    @Test
    void concatDropsLabelsOneSideLacksAndRefusesOtherShapes() {
        assertNull(images(0, 2, new int[] {1, 2}).concat(images(9, 1, null)).labels());
        ImageSet other = new ImageSet("big", 1, 3, 3, new float[9], null, List.of("x"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> images(0, 1, null).concat(other));
        assertEquals(true, e.getMessage().contains("1x3x3"), e.getMessage());
    }
}
