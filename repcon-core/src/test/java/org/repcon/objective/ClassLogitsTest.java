package org.repcon.objective;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.repcon.engine.Engines;

/** The softmax cross-entropy against the formula by plain loops, and the one-hot rows. */
class ClassLogitsTest {

    @Test
    void crossEntropyIsTheMeanNegativeLogSoftmaxOfTheTrueClass() {
        Engines.start();
        float[] z = {1.0f, -2.0f, 0.5f, 0.3f, 0.3f, 3.0f};
        int[] y = {2, 0};
        double expected = 0;
        for (int b = 0; b < 2; b++) {
            double max = Math.max(z[3 * b], Math.max(z[3 * b + 1], z[3 * b + 2]));
            double sum = 0;
            for (int k = 0; k < 3; k++) {
                sum += Math.exp(z[3 * b + k] - max);
            }
            expected += -(z[3 * b + y[b]] - max - Math.log(sum)) / 2;
        }
        try (NDManager m = NDManager.newBaseManager()) {
            ClassLogits c = new ClassLogits(m.create(z, new Shape(2, 3)), ClassLogits.oneHot(m, y, 3));
            assertArrayEquals(new float[] {0, 0, 1, 1, 0, 0}, c.oneHot().toFloatArray());
            assertEquals(expected, c.crossEntropy().toFloatArray()[0], 1e-6);
            assertThrows(IllegalArgumentException.class, () -> ClassLogits.oneHot(m, new int[] {3}, 3));
        }
    }
}
