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

/**
 * Batch norm against per-channel loops: training uses batch statistics and moves the running statistics with
 * momentum 0.1 (unbiased variance, as PyTorch); evaluation uses the running statistics and changes nothing.
 */
class BatchNormTest extends DjlTestCase {
    private static final double EPS = 1e-5;

    /** Per-channel mean and biased variance of x [B, C, S] (S = spatial size, 1 for [B, C]). */
    private static double[][] stats(double[] x, int b, int c, int s) {
        double[] mean = new double[c];
        double[] var = new double[c];
        for (int ch = 0; ch < c; ch++) {
            double sum = 0;
            for (int n = 0; n < b; n++) {
                for (int i = 0; i < s; i++) {
                    sum += x[(n * c + ch) * s + i];
                }
            }
            mean[ch] = sum / (b * s);
            double sq = 0;
            for (int n = 0; n < b; n++) {
                for (int i = 0; i < s; i++) {
                    double d = x[(n * c + ch) * s + i] - mean[ch];
                    sq += d * d;
                }
            }
            var[ch] = sq / (b * s);
        }
        return new double[][] {mean, var};
    }

    private static double[] normalise(double[] x, int b, int c, int s, double[] mean, double[] var, double[] g, double[] beta) {
        double[] y = new double[x.length];
        for (int n = 0; n < b; n++) {
            for (int ch = 0; ch < c; ch++) {
                for (int i = 0; i < s; i++) {
                    int k = (n * c + ch) * s + i;
                    y[k] = (x[k] - mean[ch]) / Math.sqrt(var[ch] + EPS) * g[ch] + beta[ch];
                }
            }
        }
        return y;
    }

    private void check(Shape shape) {
        int b = (int) shape.get(0);
        int c = (int) shape.get(1);
        int s = (int) (shape.size() / (b * c));
        int n = b * s;
        Parameters p = new Parameters(manager, DataType.FLOAT64);
        BatchNorm bn = BatchNorm.builder().setName("bn").setChannels(c).build(p);
        assertEquals(List.of("bn.gamma", "bn.beta"), p.names());
        assertEquals(List.of("bn.running_mean", "bn.running_var"), List.copyOf(p.buffers().keySet()));
        double[] g = {1.5, -0.5, 2.0};
        double[] beta = {0.1, 0.2, -0.3};
        double[] flat = new double[2 * c];
        System.arraycopy(g, 0, flat, 0, c);
        System.arraycopy(beta, 0, flat, c, c);
        p.copyFrom(flat);

        double[] x = LayerTesting.gaussian(Math.toIntExact(shape.size()), 11);
        for (int i = 0; i < x.length; i++) {
            x[i] = 3 * x[i] + (i % 5); // mean and variance far from 0 and 1
        }
        NDArray xa = manager.create(x, shape);
        double[][] st = stats(x, b, c, s);

        // training: batch statistics, and running stats move by momentum 0.1 (variance unbiased)
        NDArray r = LayerTesting.random(manager, shape, 12);
        p.zeroGradients();
        NDArray[] out = new NDArray[1];
        LayerTesting.backward(r, () -> out[0] = bn.forward(xa, true));
        assertArrayEquals(normalise(x, b, c, s, st[0], st[1], g, beta), LayerTesting.values(out[0]), 1e-10);
        double[] rm = new double[c];
        double[] rv = new double[c];
        for (int ch = 0; ch < c; ch++) {
            rm[ch] = 0.1 * st[0][ch];
            rv[ch] = 0.9 + 0.1 * st[1][ch] * n / (n - 1.0);
        }
        assertArrayEquals(rm, LayerTesting.values(bn.runningMean()), 1e-12);
        assertArrayEquals(rv, LayerTesting.values(bn.runningVar()), 1e-12);
        // d sum(y r) / d beta_c = sum of r over the channel
        double[] rv0 = LayerTesting.values(r);
        double[] betaGrad = new double[c];
        for (int k = 0; k < rv0.length; k++) {
            betaGrad[(k / s) % c] += rv0[k];
        }
        assertArrayEquals(betaGrad, LayerTesting.values(p.get("bn.beta").getGradient()), 1e-10);

        // evaluation: running statistics, and nothing changes (twice, to be sure)
        double[] rmSaved = LayerTesting.values(bn.runningMean());
        double[] rvSaved = LayerTesting.values(bn.runningVar());
        for (int repeat = 0; repeat < 2; repeat++) {
            NDArray y = bn.forward(xa, false);
            assertArrayEquals(normalise(x, b, c, s, rm, rv, g, beta), LayerTesting.values(y), 1e-10);
            assertArrayEquals(rmSaved, LayerTesting.values(bn.runningMean()), 0.0);
            assertArrayEquals(rvSaved, LayerTesting.values(bn.runningVar()), 0.0);
        }

        // a second training step moves them again
        bn.forward(xa, true);
        for (int ch = 0; ch < c; ch++) {
            rm[ch] = 0.9 * rm[ch] + 0.1 * st[0][ch];
        }
        assertArrayEquals(rm, LayerTesting.values(bn.runningMean()), 1e-12);
    }


    @Test
    void images() {
        check(new Shape(4, 3, 2, 3));
    }

    @Test
    void vectors() {
        check(new Shape(6, 3));
    }

    @Test
    void inputGradientThroughBatchStatisticsMatchesFiniteDifferences() {
        Shape shape = new Shape(3, 2, 2, 2);
        Parameters p = new Parameters(manager, DataType.FLOAT64);
        BatchNorm bn = BatchNorm.builder().setName("bn").setChannels(2).build(p);
        p.copyFrom(new double[] {1.5, -0.7, 0.2, 0.3});
        double[] x = LayerTesting.gaussian(Math.toIntExact(shape.size()), 21);
        NDArray r = LayerTesting.random(manager, shape, 22);
        double[] grad = LayerTesting.inputGradient(manager.create(x, shape), r, xx -> bn.forward(xx, true));
        double h = 1e-6;
        for (int k = 0; k < x.length; k += 3) {
            double[] plus = x.clone();
            plus[k] += h;
            double[] minus = x.clone();
            minus[k] -= h;
            double fd = (bn.forward(manager.create(plus, shape), true).mul(r).sum().getDouble()
                    - bn.forward(manager.create(minus, shape), true).mul(r).sum().getDouble()) / (2 * h);
            assertEquals(fd, grad[k], 1e-7, "x[" + k + "]");
        }
    }

    @Test
    void trainingNeedsMoreThanOneValuePerChannel() {
        Parameters p = new Parameters(manager, DataType.FLOAT32);
        BatchNorm bn = BatchNorm.builder().setName("bn").setChannels(3).build(p);
        assertThrows(IllegalArgumentException.class, () -> bn.forward(manager.ones(new Shape(1, 3)), true));
        assertEquals(new Shape(1, 3), bn.forward(manager.ones(new Shape(1, 3)), false).getShape());
        assertThrows(IllegalArgumentException.class, () -> bn.forward(manager.ones(new Shape(2, 4)), false));
    }
}
