package org.repcon.nn.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.repcon.DjlTestCase;
import org.repcon.engine.KernelSafety;

/**
 * Both convolution backends, in float32 and float64, forward and backward, against a plain Java loop, at the
 * shapes the examples run (the conv autoencoder at batch 128, the decoder's small-map up-convolutions, the
 * tracker's encoder at batch 64), with the thread count the examples use (2). Gradients are those of
 * {@code L = sum(y * g)}, so {@code dL/dx} and {@code dL/dw} are correlations of g with w and x, also looped.
 * Tolerance: max |error| <= 1e-4 max |reference| in float32 (sums of up to 25,088 products), 1e-10 in float64.
 * libtorch's float32 convolution is asserted where the start-up check chose it (elsewhere it is not used: skipped).
 */
class ConvolutionBackendTest extends DjlTestCase {

    @ParameterizedTest(name = "{0} {1} B={2} C={3} {4}x{4} O={5} s={6}")
    @CsvSource({
        "ENGINE, FLOAT32, 128, 1, 28, 32, 2", "FLOAT64, FLOAT32, 128, 1, 28, 32, 2",
        "ENGINE, FLOAT32, 128, 32, 14, 64, 2", "FLOAT64, FLOAT32, 128, 32, 14, 64, 2",
        "ENGINE, FLOAT32, 128, 64, 7, 128, 1", "FLOAT64, FLOAT32, 128, 64, 7, 128, 1",
        "ENGINE, FLOAT32, 128, 32, 14, 4, 1", "FLOAT64, FLOAT32, 128, 32, 14, 4, 1",
        "ENGINE, FLOAT32, 64, 3, 64, 16, 2", "FLOAT64, FLOAT32, 64, 3, 64, 16, 2",
        "ENGINE, FLOAT64, 16, 32, 14, 64, 2", "FLOAT64, FLOAT64, 16, 32, 14, 64, 2",
        "FLOAT64, FLOAT64, 3, 2, 9, 5, 3"})
    void matchesAPlainLoopForwardAndBackward(ConvolutionBackend backend, DataType type, int b, int c, int size, int o, int stride) {
        // a backend the start-up check rejected on this CPU is not used here, so its float32 results are not asserted
        org.junit.jupiter.api.Assumptions.assumeTrue(type != DataType.FLOAT32 || backend == ConvolutionBackend.FLOAT64
                || KernelSafety.convolution() == backend, () -> backend + " is not used on this CPU: " + KernelSafety.decision().describe());
        int threads = JniUtils.getNumThreads();
        JniUtils.setNumThreads(2);
        try {
            check(backend, type, b, c, size, o, stride);
        } finally {
            JniUtils.setNumThreads(threads);
        }
    }

    private void check(ConvolutionBackend backend, DataType type, int b, int c, int size, int o, int stride) {
        int k = 3;
        int pad = 1;
        int out = (size + 2 * pad - k) / stride + 1;
        Random rng = new Random(b * 31L + c * 7L + o);
        double[] x = gaussian(rng, b * c * size * size, 1);
        double[] w = gaussian(rng, o * c * k * k, 1 / Math.sqrt(c * k * k));
        double[] bias = gaussian(rng, o, 0.1);
        double[] g = gaussian(rng, b * o * out * out, 1);

        NDArray xa = manager.create(x, new Shape(b, c, size, size)).toType(type, false);
        NDArray wa = manager.create(w, new Shape(o, c, k, k)).toType(type, false);
        NDArray ba = manager.create(bias, new Shape(o)).toType(type, false);
        NDArray ga = manager.create(g, new Shape(b, o, out, out)).toType(type, false);
        double[] y = backend.conv2d(xa, wa, ba, stride, pad).toType(DataType.FLOAT64, false).toDoubleArray();
        double[] dx = gradient(xa, v -> backend.conv2d(v, wa, ba, stride, pad).mul(ga).sum());
        double[] dw = gradient(wa, v -> backend.conv2d(xa, v, ba, stride, pad).mul(ga).sum());

        double[] yRef = new double[b * o * out * out];
        double[] dxRef = new double[x.length];
        double[] dwRef = new double[w.length];
        for (int n = 0; n < b; n++) {
            for (int oc = 0; oc < o; oc++) {
                for (int i = 0; i < out; i++) {
                    for (int j = 0; j < out; j++) {
                        int yi = ((n * o + oc) * out + i) * out + j;
                        double sum = bias[oc];
                        for (int ic = 0; ic < c; ic++) {
                            for (int u = 0; u < k; u++) {
                                int r = stride * i + u - pad;
                                if (r < 0 || r >= size) {
                                    continue;
                                }
                                for (int v = 0; v < k; v++) {
                                    int col = stride * j + v - pad;
                                    if (col < 0 || col >= size) {
                                        continue;
                                    }
                                    int xi = ((n * c + ic) * size + r) * size + col;
                                    int wi = ((oc * c + ic) * k + u) * k + v;
                                    sum += w[wi] * x[xi];
                                    dxRef[xi] += w[wi] * g[yi];
                                    dwRef[wi] += x[xi] * g[yi];
                                }
                            }
                        }
                        yRef[yi] = sum;
                    }
                }
            }
        }
        double tol = type == DataType.FLOAT32 ? 1e-4 : 1e-10;
        assertClose("forward", yRef, y, tol);
        assertClose("dL/dx", dxRef, dx, tol);
        assertClose("dL/dw", dwRef, dw, tol);
    }

    private static void assertClose(String what, double[] expected, double[] actual, double tol) {
        assertEquals(expected.length, actual.length, what + " size");
        double diff = 0;
        double scale = 0;
        for (int i = 0; i < expected.length; i++) {
            assertTrue(Double.isFinite(actual[i]), what + " has a non-finite value at " + i);
            diff = Math.max(diff, Math.abs(expected[i] - actual[i]));
            scale = Math.max(scale, Math.abs(expected[i]));
        }
        assertTrue(diff <= tol * scale, what + ": max error " + diff + " > " + tol + " x max |reference| " + scale);
    }

    private static double[] gaussian(Random rng, int n, double s) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = s * rng.nextGaussian();
        }
        return v;
    }

    @org.junit.jupiter.api.Test
    void float32LayersUseTheBackendTheStartUpCheckChose() {
        ConvolutionBackend chosen = ConvolutionBackend.forType(DataType.FLOAT32);
        assertEquals(KernelSafety.decision().convolution(), chosen);
        assertEquals(ConvolutionBackend.ENGINE, ConvolutionBackend.forType(DataType.FLOAT64));
        assertTrue(KernelSafety.decision().reason().contains("check passed") || KernelSafety.decision().reason().startsWith("set by"),
                KernelSafety.decision().reason());
    }
}
