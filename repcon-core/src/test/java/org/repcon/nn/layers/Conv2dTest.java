package org.repcon.nn.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.repcon.DjlTestCase;
import org.repcon.nn.Parameters;

/** Conv2d against a naive loop (stride, padding, bias), its gradient, and PyTorch's default initialisation. */
class Conv2dTest extends DjlTestCase {

    /** y[b,o,i,j] = bias[o] + sum_{c,u,v} w[o,c,u,v] xpad[b,c,s i+u,s j+v]. */
    static double[] naive(double[] x, int b, int c, int h, int w, double[] wt, double[] bias, int o, int k, int s, int p) {
        int ho = (h + 2 * p - k) / s + 1;
        int wo = (w + 2 * p - k) / s + 1;
        double[] y = new double[b * o * ho * wo];
        for (int n = 0; n < b; n++) {
            for (int oc = 0; oc < o; oc++) {
                for (int i = 0; i < ho; i++) {
                    for (int j = 0; j < wo; j++) {
                        double sum = bias == null ? 0 : bias[oc];
                        for (int ic = 0; ic < c; ic++) {
                            for (int u = 0; u < k; u++) {
                                for (int v = 0; v < k; v++) {
                                    int r = s * i + u - p;
                                    int q = s * j + v - p;
                                    if (r >= 0 && r < h && q >= 0 && q < w) {
                                        sum += wt[((oc * c + ic) * k + u) * k + v] * x[((n * c + ic) * h + r) * w + q];
                                    }
                                }
                            }
                        }
                        y[((n * o + oc) * ho + i) * wo + j] = sum;
                    }
                }
            }
        }
        return y;
    }

    @ParameterizedTest
    @CsvSource({"3,2,1,true", "3,1,1,true", "3,1,0,false", "1,1,0,true", "3,2,0,true"})
    void matchesNaiveLoop(int k, int stride, int padding, boolean bias) {
        int b = 2;
        int c = 3;
        int o = 4;
        int h = 7;
        int w = 6;
        Parameters p = new Parameters(manager, DataType.FLOAT64);
        Conv2d conv = Conv2d.builder().setName("conv").setChannels(c, o).setKernel(k).optStride(stride)
                .optPadding(padding).optBias(bias).optSeed(5).build(p);
        double[] x = LayerTesting.gaussian(b * c * h * w, 1);
        NDArray y = conv.forward(manager.create(x, new Shape(b, c, h, w)), false);
        int ho = (h + 2 * padding - k) / stride + 1;
        int wo = (w + 2 * padding - k) / stride + 1;
        assertEquals(new Shape(b, o, ho, wo), y.getShape());
        double[] expected = naive(x, b, c, h, w, LayerTesting.values(conv.weight()),
                bias ? LayerTesting.values(conv.bias()) : null, o, k, stride, padding);
        assertArrayEquals(expected, LayerTesting.values(y), 1e-12);
        assertEquals(bias ? 2 : 1, p.names().size());
    }

    @Test
    void weightGradientMatchesFiniteDifferences() {
        // the output is linear in the weight, so a central difference is exact up to rounding
        Parameters p = new Parameters(manager, DataType.FLOAT64);
        Conv2d conv = Conv2d.builder().setName("conv").setChannels(2, 3).setKernel(3).optStride(2).optPadding(1)
                .optSeed(2).build(p);
        NDArray x = LayerTesting.random(manager, new Shape(2, 2, 5, 5), 3);
        NDArray r = LayerTesting.random(manager, new Shape(2, 3, 3, 3), 4);
        p.zeroGradients();
        LayerTesting.backward(r, () -> conv.forward(x, true));
        double[] grad = LayerTesting.values(conv.weight().getGradient());
        double[] theta = new double[p.count()];
        p.copyTo(theta);
        double hstep = 1e-3;
        for (int idx : new int[] {0, 7, 20, 53}) {
            double[] plus = theta.clone();
            plus[idx] += hstep;
            p.copyFrom(plus);
            double fPlus = conv.forward(x, false).mul(r).sum().getDouble();
            double[] minus = theta.clone();
            minus[idx] -= hstep;
            p.copyFrom(minus);
            double fMinus = conv.forward(x, false).mul(r).sum().getDouble();
            assertEquals((fPlus - fMinus) / (2 * hstep), grad[idx], 1e-9, "weight " + idx);
        }
    }

    @Test
    void defaultInitialisationIsSeededKaimingUniform() {
        Parameters p1 = new Parameters(manager, DataType.FLOAT32);
        Parameters p2 = new Parameters(manager, DataType.FLOAT32);
        Parameters p3 = new Parameters(manager, DataType.FLOAT32);
        Conv2d.builder().setName("c").setChannels(8, 16).setKernel(3).optSeed(1).build(p1);
        Conv2d.builder().setName("c").setChannels(8, 16).setKernel(3).optSeed(1).build(p2);
        Conv2d.builder().setName("c").setChannels(8, 16).setKernel(3).optSeed(2).build(p3);
        double[] a = new double[p1.count()];
        double[] b = new double[p2.count()];
        double[] c = new double[p3.count()];
        p1.copyTo(a);
        p2.copyTo(b);
        p3.copyTo(c);
        assertArrayEquals(a, b, 0.0);
        assertFalse(Arrays.equals(a, c));
        double bound = 1 / Math.sqrt(8 * 9);
        double max = Arrays.stream(a).map(Math::abs).max().orElseThrow();
        assertTrue(max <= bound && max > 0.9 * bound, "max |w| " + max + " vs bound " + bound);
        // variance of U(-a, a) is a^2 / 3
        double var = Arrays.stream(a).map(v -> v * v).average().orElseThrow();
        assertEquals(bound * bound / 3, var, 0.1 * bound * bound / 3);
    }

    @Test
    void rejectsWrongInputAndIncompleteBuilder() {
        Parameters p = new Parameters(manager, DataType.FLOAT32);
        Conv2d conv = Conv2d.builder().setName("c").setChannels(2, 3).setKernel(3).build(p);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> conv.forward(manager.zeros(new Shape(1, 3, 4, 4)), false));
        assertTrue(e.getMessage().contains("[B, 2, H, W]"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> Conv2d.builder().setChannels(1, 1).setKernel(1).build(p));
    }
}
