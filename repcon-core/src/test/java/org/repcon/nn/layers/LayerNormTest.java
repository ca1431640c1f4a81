package org.repcon.nn.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.repcon.DjlTestCase;
import org.repcon.nn.Parameters;

/** Layer norm: per sample, (x - mean) / sqrt(var + eps) * gamma + beta over all non-batch axes. */
class LayerNormTest extends DjlTestCase {

    private void check(long... shape) {
        Shape s = new Shape(shape);
        int b = (int) shape[0];
        int per = (int) (s.size() / b);
        Parameters p = new Parameters(manager, DataType.FLOAT64);
        LayerNorm ln = LayerNorm.builder().setName("ln").setShape(s.slice(1).getShape()).build(p);
        assertEquals(List.of("ln.gamma", "ln.beta"), p.names());
        double[] gb = LayerTesting.gaussian(2 * per, 5);
        p.copyFrom(gb);
        double[] x = LayerTesting.gaussian(Math.toIntExact(s.size()), 6);
        for (int i = 0; i < x.length; i++) {
            x[i] = 2 * x[i] + i / per; // a different mean per sample
        }
        double[] expected = new double[x.length];
        for (int n = 0; n < b; n++) {
            double mean = 0;
            for (int i = 0; i < per; i++) {
                mean += x[n * per + i];
            }
            mean /= per;
            double var = 0;
            for (int i = 0; i < per; i++) {
                var += Math.pow(x[n * per + i] - mean, 2);
            }
            var /= per;
            for (int i = 0; i < per; i++) {
                expected[n * per + i] = (x[n * per + i] - mean) / Math.sqrt(var + 1e-5) * gb[i] + gb[per + i];
            }
        }
        NDArray xa = manager.create(x, s);
        assertArrayEquals(expected, LayerTesting.values(ln.forward(xa, true)), 1e-10);
        assertArrayEquals(expected, LayerTesting.values(ln.forward(xa, false)), 1e-10);

        // d sum(y r) / d beta = sum of r over the batch; / d gamma = sum over the batch of r * x_hat
        NDArray r = LayerTesting.random(manager, s, 7);
        p.zeroGradients();
        LayerTesting.backward(r, () -> ln.forward(xa, true));
        double[] rv = LayerTesting.values(r);
        double[] betaGrad = new double[per];
        double[] gammaGrad = new double[per];
        for (int k = 0; k < rv.length; k++) {
            betaGrad[k % per] += rv[k];
            gammaGrad[k % per] += rv[k] * (expected[k] - gb[per + k % per]) / gb[k % per];
        }
        assertArrayEquals(betaGrad, LayerTesting.values(p.get("ln.beta").getGradient()), 1e-10);
        assertArrayEquals(gammaGrad, LayerTesting.values(p.get("ln.gamma").getGradient()), 1e-8);
    }

    @Test
    void images() {
        check(3, 2, 3, 4);
    }

    @Test
    void vectors() {
        check(4, 5);
    }

    @Test
    void rejectsOtherShapes() {
        Parameters p = new Parameters(manager, DataType.FLOAT32);
        LayerNorm ln = LayerNorm.builder().setName("ln").setShape(2, 3, 3).build(p);
        assertThrows(IllegalArgumentException.class, () -> ln.forward(manager.ones(new Shape(1, 2, 3, 4)), false));
        assertThrows(IllegalStateException.class, () -> LayerNorm.builder().setName("x").build(p));
    }
}
