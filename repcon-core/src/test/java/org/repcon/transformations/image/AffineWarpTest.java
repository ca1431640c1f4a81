package org.repcon.transformations.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.repcon.DjlTestCase;

/**
 * The warp against its conventions (identity, integer shifts, quarter turns), against a naive bilinear reference
 * written differently (a sum of tent functions over all pixels), and its gradient against finite differences.
 */
class AffineWarpTest extends DjlTestCase {

    private static double[] random(Random rng, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rng.nextDouble();
        }
        return v;
    }

    private double[] warp(double[] x, Shape shape, AffineTransform[] t) {
        NDArray in = manager.create(x, shape);
        return AffineWarp.warp(in, t).toDoubleArray();
    }

    /**
     * Naive reference: out[i][j] = sum over pixels (k, l) of tent(qx - (l + 0.5)) tent(qy - (k + 0.5)) in[k][l], with
     * q = c + A^{-1}(p - c), p = (j + 0.5, i + 0.5), tent(d) = max(0, 1 - |d|).
     */
    private static double[] reference(double[] x, int b, int c, int h, int w, AffineTransform[] t) {
        double[] out = new double[x.length];
        for (int n = 0; n < b; n++) {
            AffineTransform inv = t[n].inverse();
            for (int i = 0; i < h; i++) {
                for (int j = 0; j < w; j++) {
                    double[] q = inv.applyToPixel(j + 0.5, i + 0.5, w, h);
                    for (int ch = 0; ch < c; ch++) {
                        double s = 0;
                        for (int k = 0; k < h; k++) {
                            for (int l = 0; l < w; l++) {
                                double wt = Math.max(0, 1 - Math.abs(q[0] - (l + 0.5)))
                                        * Math.max(0, 1 - Math.abs(q[1] - (k + 0.5)));
                                s += wt * x[((n * c + ch) * h + k) * w + l];
                            }
                        }
                        out[((n * c + ch) * h + i) * w + j] = s;
                    }
                }
            }
        }
        return out;
    }

    @Test
    void identityReturnsTheInput() {
        double[] x = random(new Random(1), 2 * 3 * 5 * 7);
        Shape shape = new Shape(2, 3, 5, 7);
        assertArrayEquals(x, warp(x, shape, new AffineTransform[] {AffineTransform.identity(), AffineTransform.identity()}),
                1e-12);
    }

    @Test
    void integerTranslationIsAShiftedCopyWithZeros() {
        int h = 5;
        int w = 6;
        double[] x = random(new Random(2), h * w);
        double[] out = warp(x, new Shape(1, 1, h, w), new AffineTransform[] {AffineTransform.translation(2, -1)});
        for (int i = 0; i < h; i++) {
            for (int j = 0; j < w; j++) {
                int si = i + 1;
                int sj = j - 2;
                double expected = si < h && sj >= 0 ? x[si * w + sj] : 0;
                assertEquals(expected, out[i * w + j], 1e-12, "pixel " + i + "," + j);
            }
        }
    }

    @Test
    void quarterTurnIsClockwiseRot90() {
        int n = 6;
        double[] x = random(new Random(3), 2 * n * n);
        double[] out = warp(x, new Shape(1, 2, n, n), new AffineTransform[] {AffineTransform.rotation(Math.PI / 2)});
        for (int c = 0; c < 2; c++) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    // content at input (row r, column s) appears at output (row s, column n - 1 - r)
                    assertEquals(x[(c * n + n - 1 - j) * n + i], out[(c * n + i) * n + j], 1e-9);
                }
            }
        }
        // numpy's rot90(k=-1): the top row becomes the right column
        double[] top = new double[n * n];
        for (int j = 0; j < n; j++) {
            top[j] = 1;
        }
        double[] turned = warp(top, new Shape(1, 1, n, n), new AffineTransform[] {AffineTransform.rotation(Math.PI / 2)});
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                assertEquals(j == n - 1 ? 1 : 0, turned[i * n + j], 1e-9);
            }
        }
    }

    @Test
    void matchesNaiveReferenceForGeneralMaps() {
        Random rng = new Random(4);
        int b = 3;
        int c = 2;
        int h = 7;
        int w = 9;
        double[] x = random(rng, b * c * h * w);
        AffineTransform[] t = {
            AffineTransform.compose(AffineTransform.rotation(0.7), AffineTransform.translation(0.3, -1.2)),
            AffineTransform.compose(AffineTransform.scale(1.3, 0.8), AffineTransform.shear(0.4)),
            AffineTransform.compose(AffineTransform.translation(-0.5, 0.25), AffineTransform.rotation(-2.0),
                    AffineTransform.scale(0.7))};
        double[] expected = reference(x, b, c, h, w, t);
        assertArrayEquals(expected, warp(x, new Shape(b, c, h, w), t), 1e-10);
        // float32 agrees to float precision, and keeps its type
        NDArray f = manager.create(x, new Shape(b, c, h, w)).toType(DataType.FLOAT32, false);
        NDArray out = AffineWarp.warp(f, t);
        assertEquals(DataType.FLOAT32, out.getDataType());
        assertArrayEquals(expected, out.toType(DataType.FLOAT64, false).toDoubleArray(), 1e-5);
    }

    @Test
    void warpThenInverseIsNearlyIdentityInTheInterior() {
        int n = 32;
        double[] x = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double dx = j + 0.5 - 14;
                double dy = i + 0.5 - 17;
                x[i * n + j] = Math.exp(-(dx * dx + dy * dy) / (2 * 64)) + 0.1 * Math.sin(0.3 * j) * Math.cos(0.2 * i);
            }
        }
        AffineTransform a = AffineTransform.compose(AffineTransform.rotation(0.4), AffineTransform.scale(1.15),
                AffineTransform.translation(1.5, -0.7));
        Shape shape = new Shape(1, 1, n, n);
        double[] there = warp(x, shape, new AffineTransform[] {a});
        double[] back = warp(there, shape, new AffineTransform[] {a.inverse()});
        double maxInterior = 0;
        double moved = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double r = Math.hypot(j + 0.5 - n / 2.0, i + 0.5 - n / 2.0);
                if (r < 10) {
                    maxInterior = Math.max(maxInterior, Math.abs(back[i * n + j] - x[i * n + j]));
                    moved = Math.max(moved, Math.abs(there[i * n + j] - x[i * n + j]));
                }
            }
        }
        // two bilinear interpolations smooth by at most about (1/8 + 1/8) |f''| per axis: here below 0.01
        assertTrue(maxInterior < 0.015, "max interior error " + maxInterior);
        assertTrue(moved > 0.2, "the forward warp alone changes the image: " + moved);
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        Random rng = new Random(5);
        int b = 2;
        int c = 2;
        int h = 5;
        int w = 6;
        Shape shape = new Shape(b, c, h, w);
        double[] x = random(rng, b * c * h * w);
        double[] r = random(rng, x.length);
        AffineTransform[] t = {
            AffineTransform.compose(AffineTransform.rotation(0.5), AffineTransform.translation(0.4, 0.3)),
            AffineTransform.compose(AffineTransform.scale(0.8, 1.2), AffineTransform.rotation(-1.1))};
        double[] grad;
        try (NDScope scope = new NDScope();
                GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
            NDArray in = manager.create(x, shape);
            in.setRequiresGradient(true);
            NDArray weights = manager.create(r, shape);
            NDArray loss = AffineWarp.warp(in, t).mul(weights).sum();
            freeAndScribble(); // the warp's constants must survive a garbage collection before the backward pass
            gc.backward(loss);
            grad = in.getGradient().toDoubleArray();
        }
        double eps = 1e-4;
        for (int k = 0; k < x.length; k++) {
            double[] plus = x.clone();
            double[] minus = x.clone();
            plus[k] += eps;
            minus[k] -= eps;
            double fd = (dot(warp(plus, shape, t), r) - dot(warp(minus, shape, t), r)) / (2 * eps);
            assertEquals(fd, grad[k], 1e-8, "d loss / d x[" + k + "]");
        }
        assertTrue(java.util.Arrays.stream(grad).map(Math::abs).max().orElse(0) > 0.1);
    }

    @Test
    void perImageMapsAndNoLeftovers() {
        Random rng = new Random(6);
        double[] x = random(rng, 2 * 4 * 4);
        NDArray in = manager.create(x, new Shape(2, 1, 4, 4));
        AffineTransform t0 = AffineTransform.translation(1, 0);
        AffineTransform t1 = AffineTransform.rotation(Math.PI);
        int before = manager.getManagedArrays().size();
        double[] both = AffineWarp.warp(in, new AffineTransform[] {t0, t1}).toDoubleArray();
        assertEquals(before + 1, manager.getManagedArrays().size(), "only the result stays in the manager");
        double[] first = warp(java.util.Arrays.copyOfRange(x, 0, 16), new Shape(1, 1, 4, 4), new AffineTransform[] {t0});
        double[] second = warp(java.util.Arrays.copyOfRange(x, 16, 32), new Shape(1, 1, 4, 4), new AffineTransform[] {t1});
        assertArrayEquals(first, java.util.Arrays.copyOfRange(both, 0, 16), 1e-12);
        assertArrayEquals(second, java.util.Arrays.copyOfRange(both, 16, 32), 1e-12);
        assertArrayEquals(x, in.toDoubleArray(), 0.0, "input untouched");
        // a half turn of a 4x4 image: out[i][j] = in[3 - i][3 - j]
        assertEquals(x[16 + 15], both[16], 1e-9);
        assertThrows(IllegalArgumentException.class, () -> AffineWarp.warp(in, new AffineTransform[] {t0}));
        assertThrows(IllegalArgumentException.class, () -> AffineWarp.warp(manager.zeros(new Shape(4, 4)), t0));
        assertThrows(IllegalArgumentException.class,
                () -> AffineWarp.warp(manager.zeros(new Shape(1, 1, 4, 4), DataType.INT32), t0));
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** Collects garbage, lets the cleaner free direct buffers, then reuses and scribbles over small blocks. */
    private static void freeAndScribble() {
        List<ByteBuffer> keep = new ArrayList<>();
        for (int round = 0; round < 2; round++) {
            System.gc();
            for (int i = 0; i < 2000; i++) {
                ByteBuffer buf = ByteBuffer.allocateDirect(8 + (i % 4) * 8);
                while (buf.hasRemaining()) {
                    buf.put((byte) 0x7f);
                }
                keep.add(buf);
            }
        }
        keep.clear();
    }
}
