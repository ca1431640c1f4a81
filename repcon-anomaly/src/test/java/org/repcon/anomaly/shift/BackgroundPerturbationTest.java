package org.repcon.anomaly.shift;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.repcon.data.ImageSet;

class BackgroundPerturbationTest {

    /** n images of 28x28 with every pixel 0.5003 (not an 8-bit value, so every replaced pixel changes). */
    private static ImageSet constant(int n) {
        float[] p = new float[n * 784];
        Arrays.fill(p, 0.5003f);
        return new ImageSet("c", 1, 28, 28, p, new int[n], null);
    }

    private static double changed(ImageSet a, ImageSet b) {
        int c = 0;
        for (int i = 0; i < a.pixels().length; i++) {
            c += a.pixels()[i] != b.pixels()[i] ? 1 : 0;
        }
        return c / (double) a.pixels().length;
    }

    @Test
    void replacesTheStatedShareOfPixelsByEightBitUniformValues() {
        ImageSet x = constant(100); // 78,400 pixels: sd of the share sqrt(0.16 / 78400) = 0.0014
        ImageSet y = BackgroundPerturbation.apply(x, 0.2, 3);
        assertEquals(0.2, changed(x, y), 0.006);
        double mean = 0;
        int replaced = 0;
        for (int i = 0; i < y.pixels().length; i++) {
            if (y.pixels()[i] != x.pixels()[i]) {
                float v = y.pixels()[i];
                assertEquals(Math.round(v * 255) / 255f, v, 0f, "replaced values are 8-bit levels");
                mean += v;
                replaced++;
            }
        }
        assertEquals(0.5, mean / replaced, 0.01); // uniform on [0, 1]: mean 1/2, sd of the mean 0.0023
        assertArrayEquals(x.pixels(), BackgroundPerturbation.apply(x, 0, 3).pixels());
        assertEquals(1.0, changed(x, BackgroundPerturbation.apply(x, 1, 3)), 0.0);
    }

    @Test
    void anImageIsPerturbedTheSameWayWhateverFollowsIt() {
        ImageSet one = BackgroundPerturbation.apply(constant(1), 0.3, 9);
        ImageSet many = BackgroundPerturbation.apply(constant(5), 0.3, 9);
        assertArrayEquals(one.pixels(), Arrays.copyOf(many.pixels(), 784));
        assertTrue(changed(BackgroundPerturbation.apply(constant(1), 0.3, 10), one) > 0.1, "another seed, other draws");
        assertThrows(IllegalArgumentException.class, () -> BackgroundPerturbation.apply(constant(1), 1.5, 1));
    }
}
