package org.repcon.autoencoders.features;

import org.repcon.DjlTestCase;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.repcon.constraints.loss.Perceptual;

class GaborBankTest extends DjlTestCase {
    private static final int H = 10;
    private static final int W = 10;

    /** A vertical step edge: 0 left of column {@code col}, 1 from it on; [1, 1, H, W]. */
    private NDArray edge(int col) {
        double[] v = new double[H * W];
        for (int y = 0; y < H; y++) {
            for (int x = col; x < W; x++) {
                v[y * W + x] = 1;
            }
        }
        return array(v, 1, 1, H, W);
    }

    @Test
    void kernelsAreUnitNormAndZeroMean() {
        double[][][] k = GaborBank.kernels();
        assertEquals(GaborBank.COUNT, k.length);
        for (int i = 0; i < k.length; i++) {
            double sum = 0;
            double ss = 0;
            for (double[] row : k[i]) {
                assertEquals(GaborBank.SIZE, row.length);
                for (double v : row) {
                    sum += v;
                    ss += v * v;
                }
            }
            assertEquals(1, ss, 1e-12, "kernel " + i + " norm");
            assertEquals(0, sum, 1e-12, "kernel " + i + " responds to constant brightness");
        }
        double s = Math.sqrt(12);
        assertArrayEquals(new double[] {0, 0, -2 / s, 0, 2 / s, 0, 0}, k[16][3], 1e-15, "Sobel d/dx, middle row");
        assertArrayEquals(new double[] {0, 0, -1 / s, 0, 1 / s, 0, 0}, k[16][2], 1e-15, "Sobel d/dx, row above");
        double[] middleColumnOfDdy = new double[7];
        for (int y = 0; y < 7; y++) {
            middleColumnOfDdy[y] = k[17][y][3];
        }
        assertArrayEquals(new double[] {0, 0, -2 / s, 0, 2 / s, 0, 0}, middleColumnOfDdy, 1e-15, "Sobel d/dy");
    }

    @Test
    void sobelResponseToAStepEdgeByHand() {
        NDArray f = new GaborBank().features(edge(5));
        assertEquals(new Shape(1, GaborBank.COUNT, H, W), f.getShape());
        double[] v = f.toDoubleArray();
        int sobelX = 16;
        for (int y = 2; y < H - 2; y++) { // rows away from the zero padding
            for (int x = 1; x < W - 1; x++) {
                double expected = (x == 4 || x == 5) ? 4 / Math.sqrt(12) : 0;
                assertEquals(expected, v[(sobelX * H + y) * W + x], 1e-12, "d/dx at y=" + y + " x=" + x);
                assertEquals(0, v[((sobelX + 1) * H + y) * W + x], 1e-12, "d/dy at y=" + y + " x=" + x);
            }
        }
    }

    @Test
    void constantImageGivesNoResponseAwayFromTheBorder() {
        double[] ones = new double[H * W];
        java.util.Arrays.fill(ones, 0.7);
        double[] v = new GaborBank().features(array(ones, 1, 1, H, W)).toDoubleArray();
        for (int k = 0; k < GaborBank.COUNT; k++) {
            for (int y = 3; y < H - 3; y++) {
                for (int x = 3; x < W - 3; x++) {
                    assertEquals(0, v[(k * H + y) * W + x], 1e-12, "kernel " + k);
                }
            }
        }
    }

    @Test
    void channelsAreFilteredSeparatelyAndTheTypeIsKept() {
        Random rng = new Random(3);
        double[] a = uniform(rng, H * W, 0, 1);
        double[] b = uniform(rng, H * W, 0, 1);
        double[] ab = new double[2 * H * W];
        System.arraycopy(a, 0, ab, 0, H * W);
        System.arraycopy(b, 0, ab, H * W, H * W);
        GaborBank bank = new GaborBank();
        NDArray both = bank.features(array(ab, 1, 2, H, W).toType(DataType.FLOAT32, false));
        assertEquals(new Shape(1, 2 * GaborBank.COUNT, H, W), both.getShape());
        assertEquals(DataType.FLOAT32, both.getDataType());
        float[] f = both.toFloatArray();
        double[] fa = bank.features(array(a, 1, 1, H, W)).toDoubleArray();
        double[] fb = bank.features(array(b, 1, 1, H, W)).toDoubleArray();
        int n = GaborBank.COUNT * H * W;
        for (int i = 0; i < n; i++) {
            assertEquals(fa[i], f[i], 1e-5);
            assertEquals(fb[i], f[n + i], 1e-5);
        }
    }

    @Test
    void perceptualLossIsZeroForIdenticalImagesAndPositiveForAShiftedEdge() {
        GaborBank bank = new GaborBank();
        assertEquals(0.0, value(Perceptual.of(bank, edge(5), edge(5))));
        double shifted = value(Perceptual.of(bank, edge(6), edge(5)));
        assertTrue(shifted > 1e-3, "shifted edge: " + shifted);
        // a larger shift is farther in feature space
        assertTrue(value(Perceptual.of(bank, edge(8), edge(5))) > shifted);
    }

    @Test
    void perceptualGradientReachesThePrediction() {
        Random rng = new Random(11);
        NDArray pred = array(uniform(rng, 2 * 8 * 8, 0, 1), 2, 1, 8, 8);
        NDArray target = array(uniform(rng, 2 * 8 * 8, 0, 1), 2, 1, 8, 8);
        GaborBank bank = new GaborBank();
        double[] auto = gradient(pred, x -> Perceptual.of(bank, x, target));
        double[] fd = finiteDifference(pred, x -> Perceptual.of(bank, x, target), 1e-6);
        assertArrayEquals(fd, auto, 1e-8);
        assertTrue(java.util.Arrays.stream(auto).map(Math::abs).max().getAsDouble() > 1e-4);
    }

    @Test
    void rejectsNonImages() {
        assertThrows(IllegalArgumentException.class, () -> new GaborBank().features(array(new double[4], 2, 2)));
    }
}
