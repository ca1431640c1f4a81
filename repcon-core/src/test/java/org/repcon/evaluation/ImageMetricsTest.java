package org.repcon.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ImageMetricsTest {
    // two 1x2x2 images; the first is off by 0.1 everywhere (MSE 0.01), the second by 1 in one pixel (MSE 0.25)
    private static final float[] X = {0, 0, 0, 0, 1, 1, 1, 1};
    private static final float[] Y = {0.1f, 0.1f, 0.1f, 0.1f, 1, 1, 1, 0};

    @Test
    void mseOverAllValuesAndPerImage() {
        assertEquals(0.13, ImageMetrics.mse(X, Y), 1e-8);
        assertArrayEquals(new double[] {0.01, 0.25}, ImageMetrics.msePerImage(X, Y, 4), 1e-8);
    }

    @Test
    void psnrIsMeanOfPerImageValues() {
        // (20 dB + 6.0206 dB) / 2
        assertEquals(13.0103, ImageMetrics.psnr(X, Y, 4), 1e-4);
        assertEquals(8.8606, ImageMetrics.psnr(0.13), 1e-4);
        assertEquals(20.0, ImageMetrics.psnr(0.01), 1e-12);
        // a perfect image is capped at 100 dB so the mean stays finite
        assertEquals(100.0, ImageMetrics.psnr(X, X, 4), 1e-9);
    }

    @Test
    void badInputIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> ImageMetrics.mse(X, new float[7]));
        assertThrows(IllegalArgumentException.class, () -> ImageMetrics.psnr(X, Y, 3));
        assertThrows(IllegalArgumentException.class, () -> ImageMetrics.psnr(-1));
        assertThrows(IllegalArgumentException.class, () -> ImageMetrics.mse(new float[0], new float[0]));
    }
}
