package org.repcon.nn.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.repcon.DjlTestCase;

/** Inverted dropout: identity in evaluation; in training zeros with probability p, survivors scaled by 1/(1-p). */
class DropoutTest extends DjlTestCase {

    @Test
    void trainingZeroesAShareAndScalesTheRest() {
        NDArray x = manager.ones(new Shape(200, 500)).toType(ai.djl.ndarray.types.DataType.FLOAT64, false);
        double[] y = Dropout.of(0.3).forward(x, true).toDoubleArray();
        int zeros = 0;
        for (double v : y) {
            if (v == 0) {
                zeros++;
            } else {
                assertEquals(1 / 0.7, v, 1e-12);
            }
        }
        // 100,000 Bernoulli(0.3) draws: sd of the share 0.0014
        assertEquals(0.3, zeros / (double) y.length, 0.01);
    }

    @Test
    void evaluationAndZeroProbabilityAreTheIdentity() {
        NDArray x = LayerTesting.random(manager, new Shape(4, 3, 2, 2), 1);
        assertArrayEquals(x.toDoubleArray(), Dropout.of(0.5).forward(x, false).toDoubleArray(), 0.0);
        assertArrayEquals(x.toDoubleArray(), Dropout.of(0).forward(x, true).toDoubleArray(), 0.0);
        assertThrows(IllegalArgumentException.class, () -> Dropout.of(1));
        assertTrue(Dropout.of(0.2).probability() == 0.2);
    }
}
