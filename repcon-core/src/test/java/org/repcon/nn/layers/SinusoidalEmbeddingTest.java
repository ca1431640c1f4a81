package org.repcon.nn.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import org.junit.jupiter.api.Test;
import org.repcon.engine.Engines;

class SinusoidalEmbeddingTest {

    @Test
    void matchesTheFormulaElementByElement() {
        Engines.start();
        try (NDManager m = NDManager.newBaseManager()) {
            int dim = 16;
            float[] t = {0, 1, 7, 999};
            NDArray e = new SinusoidalEmbedding(dim, 10_000).embed(m.create(t), DataType.FLOAT64);
            assertArrayEquals(new long[] {4, dim}, e.getShape().getShape());
            double[] got = e.toDoubleArray();
            int half = dim / 2;
            for (int n = 0; n < t.length; n++) {
                for (int i = 0; i < half; i++) {
                    double f = Math.pow(10_000, -(double) i / (half - 1));
                    assertEquals(Math.sin(t[n] * f), got[n * dim + i], 1e-12, "sin n=" + n + " i=" + i);
                    assertEquals(Math.cos(t[n] * f), got[n * dim + half + i], 1e-12, "cos n=" + n + " i=" + i);
                }
            }
        }
    }

    @Test
    void refusesOddOrTinySizes() {
        assertThrows(IllegalArgumentException.class, () -> new SinusoidalEmbedding(7, 10_000));
        assertThrows(IllegalArgumentException.class, () -> new SinusoidalEmbedding(2, 10_000));
    }
}
