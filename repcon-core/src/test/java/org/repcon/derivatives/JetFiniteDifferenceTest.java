package org.repcon.derivatives;

import org.repcon.nn.Scalars;
import org.repcon.DjlTestCase;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.repcon.engine.Engines;
import org.repcon.nn.Activation;
import org.repcon.nn.Mlp;
import org.repcon.nn.Parameters;

/**
 * Jets of a random deep network (2 -> 3x16 -> 2) against Richardson-extrapolated central finite differences of
 * {@link Mlp#forward}, with and without input normalisation; and parameter gradients of a loss built from jet
 * derivatives against finite differences of that loss in the parameters.
 */
class JetFiniteDifferenceTest extends DjlTestCase {
    private static final int N = 24;
    private static final double[] LOWER = {0.0, -2.0};
    private static final double[] UPPER = {2.0, 3.0};


    private static Mlp deepNetwork(Parameters p, Activation act, boolean normalise, long seed) {
        Mlp.Builder b = Mlp.builder().setInputs(2).setOutputs(2).optHiddenLayers(16, 3).optActivation(act).optSeed(seed);
        if (normalise) {
            b.optInputRange(LOWER, UPPER);
        }
        Mlp net = b.build(p);
        // non-zero biases, so that the test does not only see odd functions through the origin
        double[] flat = new double[p.count()];
        p.copyTo(flat);
        Random rng = new Random(seed + 1);
        int offset = 0;
        for (String name : p.names()) {
            int n = Math.toIntExact(p.get(name).size());
            if (name.endsWith(".bias")) {
                for (int i = 0; i < n; i++) {
                    flat[offset + i] = 0.3 * rng.nextGaussian();
                }
            }
            offset += n;
        }
        p.copyFrom(flat);
        return net;
    }

    /** N points (t, x) inside [LOWER, UPPER]. */
    private static double[] points(long seed) {
        Random rng = new Random(seed);
        double[] v = new double[2 * N];
        for (int i = 0; i < N; i++) {
            v[2 * i] = LOWER[0] + (UPPER[0] - LOWER[0]) * rng.nextDouble();
            v[2 * i + 1] = LOWER[1] + (UPPER[1] - LOWER[1]) * rng.nextDouble();
        }
        return v;
    }

    private static double[] values(NDArray a) {
        return a.toType(DataType.FLOAT64, false).toDoubleArray();
    }

    /** forward at the points shifted by (dt, dx): [N * 2] row-major (output columns 0, 1). */
    private double[] forwardShifted(Mlp net, double[] pts, double dt, double dx, DataType type) {
        double[] v = pts.clone();
        for (int i = 0; i < N; i++) {
            v[2 * i] += dt;
            v[2 * i + 1] += dx;
        }
        try (NDScope scope = new NDScope()) {
            return values(net.forward(manager.create(v, new Shape(N, 2)).toType(type, false)));
        }
    }

    private interface Difference {
        double[] at(double h);
    }

    /** Richardson extrapolation of a second-order-accurate difference: (4 D(h/2) - D(h)) / 3. */
    private static double[] richardson(Difference d, double h) {
        double[] coarse = d.at(h);
        double[] fine = d.at(h / 2);
        double[] r = new double[coarse.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = (4 * fine[i] - coarse[i]) / 3;
        }
        return r;
    }

    private double[] firstFd(Mlp net, double[] pts, int coord, double h) {
        return richardson(s -> {
            double[] plus = forwardShifted(net, pts, coord == 0 ? s : 0, coord == 1 ? s : 0, DataType.FLOAT64);
            double[] minus = forwardShifted(net, pts, coord == 0 ? -s : 0, coord == 1 ? -s : 0, DataType.FLOAT64);
            double[] r = new double[plus.length];
            for (int i = 0; i < r.length; i++) {
                r[i] = (plus[i] - minus[i]) / (2 * s);
            }
            return r;
        }, h);
    }

    private double[] pureSecondFd(Mlp net, double[] pts, int coord, double h) {
        double[] centre = forwardShifted(net, pts, 0, 0, DataType.FLOAT64);
        return richardson(s -> {
            double[] plus = forwardShifted(net, pts, coord == 0 ? s : 0, coord == 1 ? s : 0, DataType.FLOAT64);
            double[] minus = forwardShifted(net, pts, coord == 0 ? -s : 0, coord == 1 ? -s : 0, DataType.FLOAT64);
            double[] r = new double[plus.length];
            for (int i = 0; i < r.length; i++) {
                r[i] = (plus[i] - 2 * centre[i] + minus[i]) / (s * s);
            }
            return r;
        }, h);
    }

    private double[] mixedSecondFd(Mlp net, double[] pts, double h) {
        return richardson(s -> {
            double[] pp = forwardShifted(net, pts, s, s, DataType.FLOAT64);
            double[] pm = forwardShifted(net, pts, s, -s, DataType.FLOAT64);
            double[] mp = forwardShifted(net, pts, -s, s, DataType.FLOAT64);
            double[] mm = forwardShifted(net, pts, -s, -s, DataType.FLOAT64);
            double[] r = new double[pp.length];
            for (int i = 0; i < r.length; i++) {
                r[i] = (pp[i] - pm[i] - mp[i] + mm[i]) / (4 * s * s);
            }
            return r;
        }, h);
    }

    private static void assertClose(double[] want, double[] got, double tol, String what) {
        assertEquals(want.length, got.length, what + ": length");
        double worst = 0;
        for (int i = 0; i < want.length; i++) {
            double err = Math.abs(want[i] - got[i]) / (1 + Math.abs(want[i]));
            worst = Math.max(worst, err);
            assertTrue(err <= tol, what + " entry " + i + ": finite differences " + want[i] + ", jet " + got[i]
                    + " (relative error " + err + " > " + tol + ")");
        }
    }

    private void checkAgainstFiniteDifferences(Activation act, boolean normalise) {
        try (Parameters p = new Parameters(manager, DataType.FLOAT64)) {
            Mlp net = deepNetwork(p, act, normalise, 11);
            double[] pts = points(5);
            NDArray x = manager.create(pts, new Shape(N, 2));
            Coordinates c = Coordinates.of("t", "x").withSecond("x", "t").withSecond("x", "x");
            Jet jet = net.jet(x, c);
            assertEquals(new Shape(N, 2), jet.value().getShape());
            assertArrayEquals(values(net.forward(x)), values(jet.value()), 0.0, "jet value must equal forward");

            String tag = act + (normalise ? " (normalised inputs)" : "");
            // first derivatives: h chosen so that truncation O(h^4) and rounding O(eps / h) are both ~1e-12
            assertClose(firstFd(net, pts, 0, 1e-3), values(jet.d("t")), 1e-9, tag + " u_t");
            assertClose(firstFd(net, pts, 1, 1e-3), values(jet.d("x")), 1e-9, tag + " u_x");
            // second derivatives: rounding O(eps / h^2) dominates
            assertClose(pureSecondFd(net, pts, 1, 4e-3), values(jet.d2("x", "x")), 1e-8, tag + " u_xx");
            assertClose(mixedSecondFd(net, pts, 4e-3), values(jet.d2("t", "x")), 1e-8, tag + " u_tx");
            // value(k) is column k of value()
            assertArrayEquals(column(values(jet.value()), 1), values(jet.value(1)), 0.0);
        }
    }

    private static double[] column(double[] rowMajor2, int k) {
        double[] r = new double[rowMajor2.length / 2];
        for (int i = 0; i < r.length; i++) {
            r[i] = rowMajor2[2 * i + k];
        }
        return r;
    }

    @ParameterizedTest
    @EnumSource(value = Activation.class, names = {"TANH", "SIN", "SOFTPLUS", "GELU"})
    void deepNetworkJetMatchesFiniteDifferences(Activation act) {
        checkAgainstFiniteDifferences(act, false);
    }

    @ParameterizedTest
    @EnumSource(value = Activation.class, names = {"TANH", "SIN", "SOFTPLUS", "GELU"})
    void normalisedInputsGiveDerivativesWithRespectToOriginalInputs(Activation act) {
        checkAgainstFiniteDifferences(act, true);
    }

    @Test
    void float32JetAgreesWithFloat64Jet() {
        try (Parameters p64 = new Parameters(manager, DataType.FLOAT64);
                Parameters p32 = new Parameters(manager, DataType.FLOAT32)) {
            Mlp n64 = deepNetwork(p64, Activation.TANH, true, 3);
            Mlp n32 = deepNetwork(p32, Activation.TANH, true, 3);
            double[] flat = new double[p64.count()];
            p64.copyTo(flat);
            for (int i = 0; i < flat.length; i++) {
                flat[i] = (float) flat[i]; // the same (float-representable) weights in both
            }
            p64.copyFrom(flat);
            p32.copyFrom(flat);
            double[] pts = points(9);
            for (int i = 0; i < pts.length; i++) {
                pts[i] = (float) pts[i];
            }
            Coordinates c = Coordinates.of("t", "x").withSecond("t", "x").withSecond("x", "x");
            Jet j64 = n64.jet(manager.create(pts, new Shape(N, 2)), c);
            Jet j32 = n32.jet(manager.create(pts, new Shape(N, 2)).toType(DataType.FLOAT32, false), c);
            assertEquals(DataType.FLOAT32, j32.d2("x", "x").getDataType());
            assertClose(values(j64.value()), values(j32.value()), 1e-5, "float32 u");
            assertClose(values(j64.d("t")), values(j32.d("t")), 1e-5, "float32 u_t");
            assertClose(values(j64.d("x")), values(j32.d("x")), 1e-5, "float32 u_x");
            assertClose(values(j64.d2("x", "x")), values(j32.d2("x", "x")), 1e-4, "float32 u_xx");
            assertClose(values(j64.d2("t", "x")), values(j32.d2("t", "x")), 1e-4, "float32 u_tx");
        }
    }

    // ---------------------------------------------------------------- gradients through jets

    /** L = mean(u0_x^2 + u0_xx) + mean((u1_t + u0 u1_x - 0.1 u1_tx)^2), a PDE-residual-like loss. */
    private static NDArray jetLoss(Mlp net, NDArray x) {
        Jet jet = net.jet(x, Coordinates.of("t", "x").withSecond("x", "x").withSecond("t", "x"));
        NDArray ux = jet.d("x");
        NDArray ut = jet.d("t");
        NDArray uxx = jet.d2("x", "x");
        NDArray utx = jet.d2("t", "x");
        NDArray u0 = jet.value(0);
        NDArray first = ux.get(":, 0:1").square().add(uxx.get(":, 0:1")).mean();
        NDArray residual = ut.get(":, 1:2").add(u0.mul(ux.get(":, 1:2"))).sub(utx.get(":, 1:2").mul(Scalars.constant(utx, 0.1)));
        return first.add(residual.square().mean());
    }

    private double lossValue(Mlp net, NDArray x) {
        try (NDScope scope = new NDScope()) {
            return jetLoss(net, x).getDouble();
        }
    }

    @ParameterizedTest
    @EnumSource(value = Activation.class, names = {"TANH", "SIN", "SOFTPLUS", "GELU"})
    void parameterGradientOfJetLossMatchesFiniteDifferences(Activation act) {
        try (Parameters p = new Parameters(manager, DataType.FLOAT64)) {
            Mlp net = deepNetwork(p, act, true, 21);
            NDArray x = manager.create(points(4), new Shape(N, 2));
            double[] grad = new double[p.count()];
            try (NDScope scope = new NDScope();
                    GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                p.zeroGradients();
                gc.backward(jetLoss(net, x));
            }
            p.gradientTo(grad);

            double[] theta = new double[p.count()];
            p.copyTo(theta);
            Random rng = new Random(99);
            int offset = 0;
            int checked = 0;
            for (String name : p.names()) {
                int n = Math.toIntExact(p.get(name).size());
                for (int probe = 0; probe < 2; probe++) { // two entries of every weight and bias
                    int i = offset + rng.nextInt(n);
                    double h = 1e-6 * Math.max(1, Math.abs(theta[i]));
                    double[] shifted = theta.clone();
                    shifted[i] = theta[i] + h;
                    p.copyFrom(shifted);
                    double plus = lossValue(net, x);
                    shifted[i] = theta[i] - h;
                    p.copyFrom(shifted);
                    double minus = lossValue(net, x);
                    p.copyFrom(theta);
                    double fd = (plus - minus) / (2 * h);
                    assertEquals(fd, grad[i], 1e-6 * (1 + Math.abs(fd)), act + ": dL/d" + name + "[" + (i - offset) + "]");
                    checked++;
                }
                offset += n;
            }
            assertEquals(16, checked);
            // the gradient is not trivially zero
            double norm = 0;
            for (double g : grad) {
                norm += g * g;
            }
            assertTrue(norm > 1e-6, "gradient norm " + norm);
        }
    }

    @Test
    void parameterGradientIsIndependentOfAccumulation() {
        // zeroGradients really resets: two identical backward passes give the same gradient, not twice it
        try (Parameters p = new Parameters(manager, DataType.FLOAT64)) {
            Mlp net = deepNetwork(p, Activation.TANH, false, 2);
            NDArray x = manager.create(points(1), new Shape(N, 2));
            double[][] g = new double[2][p.count()];
            for (int k = 0; k < 2; k++) {
                try (NDScope scope = new NDScope();
                        GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                    p.zeroGradients();
                    gc.backward(jetLoss(net, x));
                }
                p.gradientTo(g[k]);
            }
            assertArrayEquals(g[0], g[1], 0.0);
        }
    }

}
