package org.repcon.nn.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.repcon.DjlTestCase;
import org.repcon.nn.Activation;
import org.repcon.nn.Parameters;

/** PixelShuffle against its index formula; Flatten, Reshape, StopGradient, activations and Sequential. */
class ShapeLayersTest extends DjlTestCase {

    @Test
    void pixelShuffleMatchesIndexFormula() {
        int b = 2;
        int c = 2;
        int r = 2;
        int h = 3;
        int w = 2;
        NDArray x = LayerTesting.random(manager, new Shape(b, c * r * r, h, w), 1);
        NDArray y = PixelShuffle.of(r).forward(x, false);
        assertEquals(new Shape(b, c, h * r, w * r), y.getShape());
        double[] xv = LayerTesting.values(x);
        double[] yv = LayerTesting.values(y);
        for (int n = 0; n < b; n++) {
            for (int ch = 0; ch < c; ch++) {
                for (int i = 0; i < h * r; i++) {
                    for (int j = 0; j < w * r; j++) {
                        int src = ch * r * r + (i % r) * r + (j % r);
                        double expected = xv[((n * c * r * r + src) * h + i / r) * w + j / r];
                        assertEquals(expected, yv[((n * c + ch) * h * r + i) * w * r + j], 0.0);
                    }
                }
            }
        }
        assertThrows(IllegalArgumentException.class, () -> PixelShuffle.of(2).forward(manager.ones(new Shape(1, 3, 2, 2)), false));
    }

    @Test
    void flattenAndReshapeKeepTheBatchAxis() {
        NDArray x = manager.arange(24f).reshape(2, 3, 2, 2);
        NDArray f = Flatten.create().forward(x, false);
        assertEquals(new Shape(2, 12), f.getShape());
        assertArrayEquals(x.toFloatArray(), f.toFloatArray());
        NDArray back = Reshape.of(3, 2, 2).forward(f, false);
        assertEquals(new Shape(2, 3, 2, 2), back.getShape());
        assertArrayEquals(x.toFloatArray(), back.toFloatArray());
        assertThrows(IllegalArgumentException.class, () -> Reshape.of(5).forward(f, false));
    }

    @Test
    void stopGradientBlocksTheBackwardPass() {
        NDArray x = manager.create(new double[] {1, 2, 3});
        NDArray r = manager.create(new double[] {1, 1, 1});
        // y = x * sg(x): dy/dx = sg(x) only
        assertArrayEquals(new double[] {1, 2, 3},
                LayerTesting.inputGradient(x, r, xx -> xx.mul(StopGradient.create().forward(xx, true))), 0.0);
        assertArrayEquals(new double[] {2, 4, 6}, LayerTesting.inputGradient(x, r, xx -> xx.mul(xx)), 0.0);
    }

    @Test
    void activationsAndSigmoidGradient() {
        NDArray x = manager.create(new double[] {-30, -1, 0, 0.5, 30});
        double[] xv = LayerTesting.values(x);
        double[] s = LayerTesting.values(ActivationLayer.sigmoid().forward(x, false));
        double[] relu = LayerTesting.values(ActivationLayer.relu().forward(x, false));
        double[] tanh = LayerTesting.values(ActivationLayer.of(Activation.TANH).forward(x, false));
        double[] ds = new double[xv.length];
        for (int i = 0; i < xv.length; i++) {
            double e = 1 / (1 + Math.exp(-xv[i]));
            assertEquals(e, s[i], 1e-15);
            assertEquals(Math.max(xv[i], 0), relu[i], 0.0);
            assertEquals(Math.tanh(xv[i]), tanh[i], 1e-15);
            ds[i] = e * (1 - e);
        }
        assertArrayEquals(ds, LayerTesting.inputGradient(x, x.onesLike(),
                xx -> ActivationLayer.sigmoid().forward(xx, true)), 1e-15);
        assertEquals("sigmoid", ActivationLayer.sigmoid().toString());
        assertArrayEquals(new double[] {0, 0, 0, 1, 1}, LayerTesting.inputGradient(x, x.onesLike(),
                xx -> ActivationLayer.relu().forward(xx, true)), 0.0);
    }

    @Test
    void sequentialAppliesInOrderAndPassesTheFlag() {
        Parameters p = new Parameters(manager, DataType.FLOAT64);
        BatchNorm bn = BatchNorm.builder().setName("bn").setChannels(2).build(p);
        Layer plusOne = (x, training) -> x.add(1);
        Layer twice = (x, training) -> x.add(x);
        Sequential seq = Sequential.builder().add(plusOne).add(twice).add(bn).build();
        assertEquals(3, seq.layers().size());
        NDArray x = manager.create(new double[] {1, 2, 3, 4}, new Shape(2, 2));
        // eval: running stats 0 / 1 -> (2 (x + 1)) / sqrt(1 + eps)
        double[] y = LayerTesting.values(seq.forward(x, false));
        assertArrayEquals(new double[] {4, 6, 8, 10}, new double[] {y[0], y[1], y[2], y[3]}, 1e-4);
        assertArrayEquals(new double[] {0, 0}, LayerTesting.values(bn.runningMean()), 0.0);
        seq.forward(x, true);
        // batch mean of 2 (x + 1) per channel: (4 + 8) / 2, (6 + 10) / 2
        assertArrayEquals(new double[] {0.6, 0.8}, LayerTesting.values(bn.runningMean()), 1e-12);
        assertEquals(Sequential.of(plusOne).forward(x, false).getDouble(0, 0), 2.0);
    }
}
