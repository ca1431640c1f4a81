package org.repcon.anomaly;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The scores that are plain arithmetic on arrays: reconstruction error per image, complexity correction. */
class ScoresOfArraysTest {

    @Test
    void reconstructionErrorIsTheMeanSquaredDifferencePerImage() {
        float[] x = {0, 0.5f, 1, 1, 0, 0};
        float[] y = {0, 0.5f, 0, 1, 1, 0.5f};
        assertArrayEquals(new double[] {1 / 3.0, (1 + 0.25) / 3}, ReconstructionError.perImage(x, y, 3), 1e-7);
        assertThrows(IllegalArgumentException.class, () -> ReconstructionError.perImage(x, new float[3], 3));
    }

    @Test
    void complexityCorrectionSubtracts() {
        assertArrayEquals(new double[] {1.5, -2}, ComplexityCorrection.of(new double[] {4, 1}, new double[] {2.5, 3}), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> ComplexityCorrection.of(new double[] {1}, new double[0]));
    }
}
