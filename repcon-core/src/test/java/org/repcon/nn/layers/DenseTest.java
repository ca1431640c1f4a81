package org.repcon.nn.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.repcon.DjlTestCase;
import org.repcon.nn.Parameters;

/** Dense: y = x W^T + b by hand, its gradients, names and initialisation. */
class DenseTest extends DjlTestCase {

    @Test
    void matchesHandComputation() {
        Parameters p = new Parameters(manager, DataType.FLOAT64);
        Dense dense = Dense.builder().setName("fc").setUnits(3, 2).optSeed(1).build(p);
        assertEquals(new Shape(2, 3), p.get("fc.weight").getShape());
        assertEquals(new Shape(2), p.get("fc.bias").getShape());
        // W = [[1, 2, 3], [-1, 0, 0.5]], b = [0.25, -2]
        p.copyFrom(new double[] {1, 2, 3, -1, 0, 0.5, 0.25, -2});
        NDArray x = manager.create(new double[] {1, 0, -1, 2, 1, 4}, new Shape(2, 3));
        double[] y = LayerTesting.values(dense.forward(x, false));
        // row 0: (1 - 3 + 0.25, -1 - 0.5 - 2); row 1: (2 + 2 + 12 + 0.25, -2 + 2 - 2)
        assertArrayEquals(new double[] {-1.75, -3.5, 16.25, -2}, y, 1e-15);

        // d sum(y * r) / dW = r^T x, / db = column sums of r
        NDArray r = manager.create(new double[] {1, 2, -1, 0.5}, new Shape(2, 2));
        p.zeroGradients();
        LayerTesting.backward(r, () -> dense.forward(x, true));
        assertArrayEquals(new double[] {1 - 2, 0 - 1, -1 - 4, 2 + 1, 0 + 0.5, -2 + 2},
                LayerTesting.values(p.get("fc.weight").getGradient()), 1e-15);
        assertArrayEquals(new double[] {0, 2.5}, LayerTesting.values(p.get("fc.bias").getGradient()), 1e-15);
    }

    @Test
    void withoutBiasAndInitialisationBound() {
        Parameters p = new Parameters(manager, DataType.FLOAT64);
        Dense dense = Dense.builder().setName("fc").setUnits(16, 4).optBias(false).optSeed(3).build(p);
        assertEquals(1, p.names().size());
        double[] w = new double[p.count()];
        p.copyTo(w);
        assertTrue(Arrays.stream(w).allMatch(v -> Math.abs(v) <= 0.25), "bound 1/sqrt(16)");
        NDArray x = LayerTesting.random(manager, new Shape(5, 16), 2);
        double[] expected = LayerTesting.values(x.matMul(p.get("fc.weight").transpose()));
        assertArrayEquals(expected, LayerTesting.values(dense.forward(x, false)), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> dense.forward(manager.zeros(new Shape(2, 15)), false));
    }
}
