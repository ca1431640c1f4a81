package org.repcon.derivatives;

import org.repcon.DjlTestCase;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
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
 * Jets of a one-hidden-layer network with known weights, {@code u = sum_k c_k f(w_k . (t, x) + b_k) + d}, against
 * closed-form derivatives computed in double: {@code u_i = sum_k c_k f'(a_k) w_ki},
 * {@code u_ij = sum_k c_k f''(a_k) w_ki w_kj}.
 */
class JetAnalyticTest extends DjlTestCase {
    private static final int HIDDEN = 3;
    private static final int N = 40;
    // layer0.weight [2, 3] row-major (row = input t or x), layer0.bias [3], layer1.weight [3, 1], layer1.bias [1]
    private static final double[][] W = {{0.7, -0.4, 0.25}, {-0.6, 0.8, 0.55}};
    private static final double[] B = {0.1, -0.2, 0.05};
    private static final double[] C = {1.3, -0.7, 0.9};
    private static final double D = 0.3;


    /** f, f', f'' in double. */
    static double[] f(Activation act, double a) {
        switch (act) {
            case TANH: {
                double s = Math.tanh(a);
                double d1 = 1 - s * s;
                return new double[] {s, d1, -2 * s * d1};
            }
            case SIN:
                return new double[] {Math.sin(a), Math.cos(a), -Math.sin(a)};
            case SOFTPLUS: {
                double sig = 1 / (1 + Math.exp(-a));
                return new double[] {Math.log1p(Math.exp(a)), sig, sig * (1 - sig)};
            }
            case GELU: {
                double pdf = Math.exp(-a * a / 2) / Math.sqrt(2 * Math.PI);
                double cdf = 0.5 * (1 + erf(a / Math.sqrt(2)));
                return new double[] {a * cdf, cdf + a * pdf, pdf * (2 - a * a)};
            }
            case RELU:
                return new double[] {Math.max(a, 0), a > 0 ? 1 : 0, 0};
            default:
                throw new IllegalArgumentException();
        }
    }

    /** erf by its Maclaurin series; accurate to ~1e-16 for |x| <= 2 (the test keeps |x| < 1.5). */
    static double erf(double x) {
        assertTrue(Math.abs(x) <= 2, "erf series used outside its accurate range");
        double term = x;
        double sum = x;
        for (int n = 1; n < 60; n++) {
            term *= -x * x / n;
            sum += term / (2 * n + 1);
        }
        return 2 / Math.sqrt(Math.PI) * sum;
    }

    private Mlp network(Activation act, Parameters p) {
        Mlp net = Mlp.builder().setInputs(2).setOutputs(1).optHidden(HIDDEN).optActivation(act).build(p);
        double[] flat = new double[p.count()];
        int o = 0;
        for (int i = 0; i < 2; i++) {
            for (int k = 0; k < HIDDEN; k++) {
                flat[o++] = W[i][k];
            }
        }
        for (int k = 0; k < HIDDEN; k++) {
            flat[o++] = B[k];
        }
        for (int k = 0; k < HIDDEN; k++) {
            flat[o++] = C[k];
        }
        flat[o++] = D;
        assertEquals(flat.length, o);
        p.copyFrom(flat);
        return net;
    }

    /** N points in [-1, 1]^2; for RELU only points with every pre-activation at least 0.05 from the kink. */
    private static double[][] points(Activation act) {
        Random rng = new Random(7);
        double[][] pts = new double[N][];
        int n = 0;
        while (n < N) {
            double t = 2 * rng.nextDouble() - 1;
            double x = 2 * rng.nextDouble() - 1;
            boolean ok = true;
            for (int k = 0; k < HIDDEN; k++) {
                ok &= act != Activation.RELU || Math.abs(pre(k, t, x)) > 0.05;
            }
            if (ok) {
                pts[n++] = new double[] {t, x};
            }
        }
        return pts;
    }

    private static double pre(int k, double t, double x) {
        return W[0][k] * t + W[1][k] * x + B[k];
    }

    /** Analytic u, u_t, u_x, u_tt, u_tx, u_xx at (t, x). */
    static double[] analytic(Activation act, double t, double x) {
        double[] r = new double[6];
        r[0] = D;
        for (int k = 0; k < HIDDEN; k++) {
            double[] fk = f(act, pre(k, t, x));
            double wt = W[0][k];
            double wx = W[1][k];
            r[0] += C[k] * fk[0];
            r[1] += C[k] * fk[1] * wt;
            r[2] += C[k] * fk[1] * wx;
            r[3] += C[k] * fk[2] * wt * wt;
            r[4] += C[k] * fk[2] * wt * wx;
            r[5] += C[k] * fk[2] * wx * wx;
        }
        return r;
    }

    static double[] values(NDArray a) {
        return a.toType(DataType.FLOAT64, false).toDoubleArray();
    }

    private void check(Activation act, DataType type, double tol) {
        try (Parameters p = new Parameters(manager, type)) {
            Mlp net = network(act, p);
            double[][] pts = points(act);
            double[] flat = new double[2 * N];
            for (int i = 0; i < N; i++) {
                flat[2 * i] = pts[i][0];
                flat[2 * i + 1] = pts[i][1];
            }
            NDArray x = manager.create(flat, new Shape(N, 2)).toType(type, false);
            Coordinates c = Coordinates.of("t", "x").withSecond("t", "t").withSecond("x", "t").withSecond("x", "x");
            Jet jet = net.jet(x, c);
            assertEquals(new Shape(N, 1), jet.value().getShape());
            assertEquals(type, jet.d("x").getDataType());
            double[][] got = {values(jet.value()), values(jet.d("t")), values(jet.d("x")), values(jet.d2("t", "t")),
                values(jet.d2("t", "x")), values(jet.d2("x", "x"))};
            double[] forward = values(net.forward(x));
            String[] names = {"u", "u_t", "u_x", "u_tt", "u_tx", "u_xx"};
            for (int i = 0; i < N; i++) {
                double[] want = analytic(act, pts[i][0], pts[i][1]);
                for (int q = 0; q < 6; q++) {
                    assertEquals(want[q], got[q][i], tol * (1 + Math.abs(want[q])),
                            act + " " + type + " " + names[q] + " at point " + i);
                }
                assertEquals(want[0], forward[i], tol * (1 + Math.abs(want[0])), act + " forward at point " + i);
            }
            // the mixed derivative is symmetric in its arguments
            assertEquals(0, values(jet.d2("x", "t").sub(jet.d2("t", "x")).abs().max())[0]);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Activation.class, names = {"TANH", "SIN", "SOFTPLUS", "GELU"})
    void smoothActivationsMatchClosedFormFloat64(Activation act) {
        check(act, DataType.FLOAT64, 1e-13);
    }

    @ParameterizedTest
    @EnumSource(value = Activation.class, names = {"TANH", "SIN", "SOFTPLUS", "GELU"})
    void smoothActivationsMatchClosedFormFloat32(Activation act) {
        check(act, DataType.FLOAT32, 2e-6);
    }

    @Test
    void reluFirstDerivativesAwayFromKinks() {
        // f'' = 0 away from the kinks, so the second derivatives must come out exactly 0 there too
        check(Activation.RELU, DataType.FLOAT64, 1e-14);
    }

    @Test
    void firstOnlyCoordinatesDoNotCarrySecondDerivatives() {
        try (Parameters p = new Parameters(manager, DataType.FLOAT64)) {
            Mlp net = network(Activation.TANH, p);
            NDArray x = manager.create(new double[] {0.1, 0.2, -0.3, 0.4}, new Shape(2, 2));
            Jet jet = net.jet(x, Coordinates.of("t", "x"));
            double[] ux = values(jet.d("x"));
            assertEquals(analytic(Activation.TANH, 0.1, 0.2)[2], ux[0], 1e-14);
            assertEquals(analytic(Activation.TANH, -0.3, 0.4)[2], ux[1], 1e-14);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> jet.d2("x", "x"));
            assertTrue(e.getMessage().contains("withSecond"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> jet.d("y"));
            assertThrows(IllegalArgumentException.class, () -> net.jet(x, Coordinates.of("t", "x", "y")));
        }
    }

    @Test
    void linearNetworkHasConstantFirstAndZeroSecondDerivatives() {
        // no hidden layer: u = 2 t - 3 x + 1, broadcast first-derivative channels and absent second ones
        try (Parameters p = new Parameters(manager, DataType.FLOAT64)) {
            Mlp net = Mlp.builder().setInputs(2).setOutputs(1).optHidden(new int[0]).build(p);
            p.copyFrom(new double[] {2, -3, 1});
            NDArray x = manager.create(new double[] {0.1, 0.2, -0.3, 0.4, 0.5, 0.6}, new Shape(3, 2));
            Jet jet = net.jet(x, Coordinates.of("t", "x").withSecond("x", "x"));
            assertEquals(new Shape(3, 1), jet.d("t").getShape());
            for (double v : values(jet.d("t"))) {
                assertEquals(2, v);
            }
            for (double v : values(jet.d("x"))) {
                assertEquals(-3, v);
            }
            for (double v : values(jet.d2("x", "x"))) {
                assertEquals(0, v);
            }
        }
    }
}
