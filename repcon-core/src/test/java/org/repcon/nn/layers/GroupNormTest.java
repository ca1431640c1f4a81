package org.repcon.nn.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.repcon.DjlTestCase;
import org.repcon.nn.Parameters;

/**
 * Group norm against a plain-Java loop (values and the closed-form input gradient) at the U-Net's shapes, and its
 * parameter gradients against central differences.
 */
class GroupNormTest extends DjlTestCase {

    /** x with a different mean and scale per channel and sample, so that wrong grouping shows. */
    private static double[] input(int b, int c, int s, long seed) {
        double[] x = LayerTesting.gaussian(b * c * s, seed);
        for (int i = 0; i < x.length; i++) {
            int ch = (i / s) % c;
            x[i] = (1 + 0.1 * ch) * x[i] + 0.3 * ch - 0.2 * (i / (c * s));
        }
        return x;
    }

    @ParameterizedTest(name = "B={0} C={1} {2}x{2} G={3} {4}")
    @CsvSource({"64, 32, 28, 8, FLOAT64", "128, 64, 7, 8, FLOAT64", "64, 64, 14, 1, FLOAT64", "64, 32, 28, 8, FLOAT32",
        "3, 6, 5, 6, FLOAT64"})
    void matchesAPlainLoopForwardAndInputGradient(int b, int c, int size, int g, DataType type) {
        int s = size * size;
        Parameters p = new Parameters(manager, type);
        GroupNorm gn = GroupNorm.builder().setName("gn").setChannels(c).setGroups(g).build(p);
        assertEquals(List.of("gn.gamma", "gn.beta"), p.names());
        double[] gb = LayerTesting.gaussian(2 * c, 3);
        for (int i = 0; i < c; i++) {
            gb[i] += 1;
        }
        p.copyFrom(gb);
        double[] gamma = java.util.Arrays.copyOfRange(gb, 0, c);
        double[] beta = java.util.Arrays.copyOfRange(gb, c, 2 * c);
        double[] x = input(b, c, s, 4);
        double[] r = LayerTesting.gaussian(x.length, 5);
        Shape shape = new Shape(b, c, size, size);
        NDArray xa = manager.create(x, shape).toType(type, false);
        NDArray ra = manager.create(r, shape).toType(type, false);

        double[] expected = PlainReferences.groupNorm(x, b, c, s, g, gamma, beta, 1e-5);
        double[] expectedDx = PlainReferences.groupNormInputGradient(x, r, b, c, s, g, gamma, 1e-5);
        double tol = type == DataType.FLOAT64 ? 1e-10 : 1e-4;
        assertClose(expected, LayerTesting.values(gn.forward(xa, true)), tol, "forward");
        assertClose(expected, LayerTesting.values(gn.forward(xa, false)), tol, "forward (evaluation)");
        assertClose(expectedDx, LayerTesting.inputGradient(xa, ra, v -> gn.forward(v, true)), tol, "input gradient");
    }

    /**
     * d sum(y * r) / d gamma[c] = sum over b and the channel's positions of r xh, d / d beta[c] = sum of r, against that
     * sum in plain Java at the U-Net's largest shapes; and repeated calls (libtorch's TorchScript executor
     * re-plans a method after its first runs) give the same values and gradients bit for bit.
     */
    @ParameterizedTest(name = "B={0} C={1} {2}x{2} G={3} {4}")
    @CsvSource({"128, 32, 28, 8, FLOAT64", "128, 64, 14, 8, FLOAT32"})
    void parameterGradientsMatchAPlainLoopAndRepeat(int b, int c, int size, int g, DataType type) {
        int s = size * size;
        Parameters p = new Parameters(manager, type);
        GroupNorm gn = GroupNorm.builder().setName("gn").setChannels(c).setGroups(g).build(p);
        double[] gb = LayerTesting.gaussian(2 * c, 13);
        for (int i = 0; i < c; i++) {
            gb[i] += 1;
        }
        p.copyFrom(gb);
        double[] x = input(b, c, s, 14);
        double[] r = LayerTesting.gaussian(x.length, 15);
        Shape shape = new Shape(b, c, size, size);
        NDArray xa = manager.create(x, shape).toType(type, false);
        NDArray ra = manager.create(r, shape).toType(type, false);
        double[] ones = new double[c];
        java.util.Arrays.fill(ones, 1);
        double[] xh = PlainReferences.groupNorm(x, b, c, s, g, ones, new double[c], 1e-5);
        double[] dGamma = new double[c];
        double[] dBeta = new double[c];
        for (int i = 0; i < x.length; i++) {
            int ch = (i / s) % c;
            dGamma[ch] += r[i] * xh[i];
            dBeta[ch] += r[i];
        }
        double[] expected = new double[2 * c];
        System.arraycopy(dGamma, 0, expected, 0, c);
        System.arraycopy(dBeta, 0, expected, c, c);
        double tol = type == DataType.FLOAT64 ? 1e-10 : 1e-4;
        double[] first = null;
        double[] firstY = null;
        for (int call = 0; call < 4; call++) {
            p.zeroGradients();
            LayerTesting.backward(ra, () -> gn.forward(xa, true));
            double[] got = new double[2 * c];
            p.gradientTo(got);
            double[] y = LayerTesting.values(gn.forward(xa, true));
            if (call == 0) {
                assertClose(expected, got, tol, "gamma and beta gradients");
                first = got;
                firstY = y;
            } else {
                assertArrayEquals(first, got, 0.0, "gradients of call " + call);
                assertArrayEquals(firstY, y, 0.0, "values of call " + call);
            }
        }
    }

    /** max |a - e| <= tol * max(1, max |e|). */
    static void assertClose(double[] expected, double[] actual, double tol, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        double scale = 1;
        for (double e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        double worst = 0;
        int at = -1;
        for (int i = 0; i < expected.length; i++) {
            double err = Math.abs(expected[i] - actual[i]);
            if (!(err <= worst)) {
                worst = err;
                at = i;
            }
        }
        if (!(worst <= tol * scale)) {
            throw new AssertionError(what + ": max error " + worst + " at " + at + " (expected " + expected[at] + ", got "
                    + actual[at] + "), tolerance " + tol * scale);
        }
    }

    @Test
    void parameterGradientsMatchFiniteDifferences() {
        Parameters p = new Parameters(manager, DataType.FLOAT64);
        GroupNorm gn = GroupNorm.builder().setName("gn").setChannels(6).setGroups(3).build(p);
        double[] start = LayerTesting.gaussian(p.count(), 8);
        p.copyFrom(start);
        NDArray x = manager.create(input(2, 6, 9, 11), new Shape(2, 6, 3, 3));
        NDArray r = LayerTesting.random(manager, x.getShape(), 10);
        GradientChecks.assertParameterGradients(p, r, () -> gn.forward(x, true), 1e-7, null);
    }

    @Test
    void rejectsBadSettingsAndShapes() {
        Parameters p = new Parameters(manager, DataType.FLOAT32);
        assertThrows(IllegalStateException.class, () -> GroupNorm.builder().setName("a").setChannels(6).setGroups(4).build(p));
        assertThrows(IllegalStateException.class, () -> GroupNorm.builder().setName("a").setChannels(6).build(p));
        GroupNorm gn = GroupNorm.builder().setName("gn").setChannels(4).setGroups(2).build(p);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> gn.forward(manager.ones(new Shape(2, 3, 4, 4)), false));
        assertEquals("GroupNorm expects [B, 4, ...], got (2, 3, 4, 4)", e.getMessage());
    }
}
