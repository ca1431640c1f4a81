package org.repcon.nn.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.repcon.DjlTestCase;

/** Nearest upsampling: y[b,c,i,j] = x[b,c,i/f,j/f]; the gradient sums each f x f block. */
class UpsampleTest extends DjlTestCase {

    @Test
    void valuesAndGradient() {
        int b = 2;
        int c = 3;
        int h = 2;
        int w = 3;
        int f = 2;
        NDArray x = LayerTesting.random(manager, new Shape(b, c, h, w), 1);
        Upsample up = Upsample.nearest(f);
        NDArray y = up.forward(x, false);
        assertEquals(new Shape(b, c, h * f, w * f), y.getShape());
        double[] xv = LayerTesting.values(x);
        double[] yv = LayerTesting.values(y);
        for (int n = 0; n < b * c; n++) {
            for (int i = 0; i < h * f; i++) {
                for (int j = 0; j < w * f; j++) {
                    assertEquals(xv[(n * h + i / f) * w + j / f], yv[(n * h * f + i) * w * f + j], 0.0);
                }
            }
        }
        NDArray r = LayerTesting.random(manager, y.getShape(), 2);
        double[] rv = LayerTesting.values(r);
        double[] expected = new double[xv.length];
        for (int n = 0; n < b * c; n++) {
            for (int i = 0; i < h * f; i++) {
                for (int j = 0; j < w * f; j++) {
                    expected[(n * h + i / f) * w + j / f] += rv[(n * h * f + i) * w * f + j];
                }
            }
        }
        assertArrayEquals(expected, LayerTesting.inputGradient(x, r, xx -> up.forward(xx, true)), 1e-12);
    }

    @Test
    void factorThreeAndValidation() {
        NDArray x = manager.arange(4f).reshape(1, 1, 2, 2);
        assertArrayEquals(new float[] {0, 0, 0, 1, 1, 1, 0, 0, 0, 1, 1, 1, 0, 0, 0, 1, 1, 1,
                2, 2, 2, 3, 3, 3, 2, 2, 2, 3, 3, 3, 2, 2, 2, 3, 3, 3},
                Upsample.nearest(3).forward(x, false).toFloatArray());
        assertThrows(IllegalArgumentException.class, () -> Upsample.nearest(0));
        assertThrows(IllegalArgumentException.class, () -> Upsample.nearest(2).forward(manager.ones(new Shape(2, 2)), false));
    }
}
