package org.repcon.optim.lbfgs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LbfgsTest {

    // ------------------------------------------------------------------ test functions

    /** Extended Rosenbrock: independent pairs 100 (x[2i+1] - x[2i]^2)^2 + (1 - x[2i])^2; minimum 0 at all ones. */
    static double extendedRosenbrock(double[] x, double[] g) {
        double f = 0;
        for (int i = 0; i < x.length; i += 2) {
            double a = x[i];
            double r = x[i + 1] - a * a;
            f += 100 * r * r + (1 - a) * (1 - a);
            g[i] = -400 * a * r - 2 * (1 - a);
            g[i + 1] = 200 * r;
        }
        return f;
    }

    /** Chained (coupled) Rosenbrock: sum over i of 100 (x[i+1] - x[i]^2)^2 + (1 - x[i])^2. */
    static double chainedRosenbrock(double[] x, double[] g) {
        Arrays.fill(g, 0);
        double f = 0;
        for (int i = 0; i + 1 < x.length; i++) {
            double a = x[i];
            double r = x[i + 1] - a * a;
            f += 100 * r * r + (1 - a) * (1 - a);
            g[i] += -400 * a * r - 2 * (1 - a);
            g[i + 1] += 200 * r;
        }
        return f;
    }

    static double[] rosenbrockStart(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i += 2) {
            x[i] = -1.2;
            x[i + 1] = 1;
        }
        return x;
    }

    /** 0.5 (x - c)' A (x - c) with A = Q diag(lambda) Q', Q a random rotation, lambda log-spaced in [1, cond]. */
    static final class Quadratic implements DifferentiableFunction {
        final int n;
        final double[][] a;
        final double[] c;
        private final double[] r;

        Quadratic(int n, double cond, long seed) {
            this.n = n;
            Random rnd = new Random(seed);
            double[][] q = new double[n][n];
            for (int k = 0; k < n; k++) { // Gram-Schmidt on random vectors (columns of q)
                double[] v = new double[n];
                for (int i = 0; i < n; i++) {
                    v[i] = rnd.nextGaussian();
                }
                for (int j = 0; j < k; j++) {
                    double p = 0;
                    for (int i = 0; i < n; i++) {
                        p += v[i] * q[i][j];
                    }
                    for (int i = 0; i < n; i++) {
                        v[i] -= p * q[i][j];
                    }
                }
                double norm = Math.sqrt(Arrays.stream(v).map(e -> e * e).sum());
                for (int i = 0; i < n; i++) {
                    q[i][k] = v[i] / norm;
                }
            }
            a = new double[n][n];
            for (int k = 0; k < n; k++) {
                double lambda = Math.pow(cond, k / (double) (n - 1));
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        a[i][j] += lambda * q[i][k] * q[j][k];
                    }
                }
            }
            c = new double[n];
            for (int i = 0; i < n; i++) {
                c[i] = rnd.nextDouble() * 4 - 2;
            }
            r = new double[n];
        }

        @Override
        public double evaluate(double[] x, double[] g) {
            for (int i = 0; i < n; i++) {
                r[i] = x[i] - c[i];
            }
            double f = 0;
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int j = 0; j < n; j++) {
                    s += a[i][j] * r[j];
                }
                g[i] = s;
                f += 0.5 * r[i] * s;
            }
            return f;
        }
    }

    /** Records every evaluation (point, value, gradient) made by the optimizer. */
    static final class Recorder implements DifferentiableFunction {
        final DifferentiableFunction f;
        final List<double[]> xs = new ArrayList<>();
        final List<Double> fs = new ArrayList<>();
        final List<double[]> gs = new ArrayList<>();

        Recorder(DifferentiableFunction f) {
            this.f = f;
        }

        @Override
        public double evaluate(double[] x, double[] g) {
            double v = f.evaluate(x, g);
            xs.add(x.clone());
            fs.add(v);
            gs.add(g.clone());
            return v;
        }

        int calls() {
            return xs.size();
        }

        double[] lastX() {
            return xs.get(xs.size() - 1);
        }
    }

    /** Iterates until converged or maxIterations; returns the number of iterate() calls. */
    static int minimize(Lbfgs opt, double[] x, DifferentiableFunction f, int maxIterations) {
        for (int k = 1; k <= maxIterations; k++) {
            if (opt.iterate(x, f).converged()) {
                return k;
            }
        }
        return maxIterations + 1;
    }

    static double maxAbsDiff(double[] x, double v) {
        double m = 0;
        for (double e : x) {
            m = Math.max(m, Math.abs(e - v));
        }
        return m;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    // ------------------------------------------------------------------ convergence

    @Test
    void rosenbrock2dConvergesFromClassicStart() {
        double[] x = {-1.2, 1};
        Lbfgs opt = Lbfgs.builder().build();
        int iters = minimize(opt, x, LbfgsTest::extendedRosenbrock, 100);
        assertTrue(iters < 100, "iterations: " + iters);
        assertEquals(1.0, x[0], 1e-6);
        assertEquals(1.0, x[1], 1e-6);
    }

    /**
     * {loss, line-search evaluations, step} per iteration on 2-D Rosenbrock from (-1.2, 1), produced by a line-by-line
     * NumPy transliteration of {@code torch.optim.LBFGS} / {@code _strong_wolfe} (lr 1, history 50, tolerance_change
     * 1e-12, tolerance_grad 1e-9) in double precision.
     */
    private static final double[][] TORCH_ROSENBROCK_2D = {
        {4.146927102567213, 2, 0.0008138593212150625}, {4.125586713674038, 1, 1.0}, {4.121126775765638, 1, 1.0},
        {4.111816451757751, 1, 1.0}, {4.084955376327375, 1, 1.0}, {4.02228214897995, 1, 1.0},
        {3.909144279520642, 1, 1.0}, {3.758911717937622, 1, 1.0}, {3.423165462292787, 1, 1.0},
        {2.8597591407314686, 1, 1.0}, {2.456257721580502, 1, 1.0}, {1.8204632954233881, 1, 1.0},
        {1.6579626408971815, 3, 0.17238367222254825}, {1.4968646823354947, 1, 1.0}, {1.1350964233422676, 1, 1.0},
        {0.920300612413169, 1, 1.0}, {0.6529776962628583, 1, 1.0}, {0.46414017749556635, 3, 0.12565494774764863},
        {0.42348230243808743, 1, 1.0}, {0.24295150600026444, 1, 1.0}, {0.21070107053732007, 1, 1.0},
        {0.10245585627544537, 1, 1.0}, {0.07798538481358092, 2, 0.5140002738759962},
        {0.05422103871385345, 1, 1.0}, {0.027930119183821572, 1, 1.0}, {0.014932938650321519, 2, 0.4440524561832203},
        {0.009483757280911068, 1, 1.0}, {0.003226791306192761, 1, 1.0}, {0.0008257500502111852, 2, 0.5242431288681928},
        {0.0003121297998081089, 1, 1.0}, {2.7603694047572587e-05, 1, 1.0}, {6.921918799035559e-06, 1, 1.0},
        {3.5156352269815794e-08, 1, 1.0}, {4.2214575116529175e-10, 1, 1.0},
    };

    @Test
    void followsPyTorchTrajectoryOnRosenbrock() {
        double[] x = {-1.2, 1};
        Lbfgs opt = Lbfgs.builder().build();
        for (int k = 0; k < TORCH_ROSENBROCK_2D.length; k++) {
            double[] ref = TORCH_ROSENBROCK_2D[k];
            IterationResult r = opt.iterate(x, LbfgsTest::extendedRosenbrock);
            String at = "iteration " + k;
            assertEquals(ref[0], r.loss(), 1e-9 * Math.max(ref[0], 1e-6), at);
            assertEquals((int) ref[1] + (k == 0 ? 1 : 0), r.evaluations(), at); // + the start evaluation
            assertEquals(ref[2], r.stepLength(), 1e-9 * ref[2], at);
            assertFalse(r.converged(), at);
        }
    }

    @Test
    void extendedRosenbrock10dConverges() {
        double[] x = rosenbrockStart(10);
        Lbfgs opt = Lbfgs.builder().build();
        int iters = minimize(opt, x, LbfgsTest::extendedRosenbrock, 200);
        assertTrue(iters <= 200, "did not converge: " + Arrays.toString(x));
        assertTrue(maxAbsDiff(x, 1.0) < 1e-6, Arrays.toString(x));
    }

    @Test
    void chainedRosenbrock30dConverges() {
        double[] x = rosenbrockStart(30);
        Lbfgs opt = Lbfgs.builder().optHistorySize(10).build();
        int iters = minimize(opt, x, LbfgsTest::chainedRosenbrock, 500);
        assertTrue(iters <= 500, "did not converge: " + Arrays.toString(x));
        assertTrue(maxAbsDiff(x, 1.0) < 1e-6, Arrays.toString(x));
    }

    @Test
    void illConditionedQuadraticConvergesToKnownMinimiser() {
        Quadratic q = new Quadratic(20, 1e4, 7);
        double[] x = new double[q.n];
        // The loss-change tolerance is absolute (as in PyTorch); near a minimum of 0 the loss is ~err^2, so it is
        // switched off here and convergence is decided by the gradient (max|g| <= 1e-10 => |x - c| <= 1e-10).
        // Note: PyTorch's fixed y's > 1e-10 curvature threshold makes the tail linear for much larger ill-conditioned
        // problems at this loss scale (a NumPy transliteration of torch.optim.LBFGS behaves identically).
        Lbfgs opt = Lbfgs.builder().optToleranceGrad(1e-10).optToleranceChange(1e-40).build();
        int iters = minimize(opt, x, q, 1000);
        assertTrue(iters <= 1000, "did not converge");
        for (int i = 0; i < q.n; i++) {
            assertEquals(q.c[i], x[i], 1e-8, "component " + i);
        }
    }

    @Test
    void fixedStepModeConvergesOnQuadratic() {
        Quadratic q = new Quadratic(10, 10, 3);
        double[] x = new double[q.n];
        Lbfgs opt = Lbfgs.builder().optLineSearch(false).optToleranceGrad(1e-10).optToleranceChange(1e-40).build();
        int iters = minimize(opt, x, q, 500);
        assertTrue(iters <= 500, "did not converge");
        for (int i = 0; i < q.n; i++) {
            assertEquals(q.c[i], x[i], 1e-8);
        }
    }

    // ------------------------------------------------------------------ line search

    @Test
    void acceptedStepsSatisfyStrongWolfe() {
        final double c1 = 1e-4;
        final double c2 = 0.9;
        int checked = 0;
        int multiEval = 0;
        for (double lr : new double[] {1e-3, 1.0, 50.0}) {
            Recorder rec = new Recorder(LbfgsTest::chainedRosenbrock);
            double[] x = rosenbrockStart(10);
            Lbfgs opt = Lbfgs.builder().optInitialStep(lr).build();
            opt.iterate(x, rec); // first iteration: nothing cached before it
            for (int k = 0; k < 300; k++) {
                int before = rec.calls();
                double[] x0 = rec.lastX();
                double f0 = rec.fs.get(before - 1);
                double[] g0 = rec.gs.get(before - 1);
                assertArrayEquals(x0, x); // cache belongs to x
                if (f0 < 1e-10) {
                    break; // rounding-dominated tail: Wolfe checks meaningless there
                }
                IterationResult r = opt.iterate(x, rec);
                assertEquals(rec.calls() - before, r.evaluations());
                if (r.converged() && r.evaluations() == 0) {
                    break; // converged at the start point (gradient or directional-derivative tolerance)
                }
                assertTrue(r.stepLength() > 0, "no step at iteration " + k + " lr=" + lr);
                double f1 = rec.fs.get(rec.calls() - 1);
                double[] g1 = rec.gs.get(rec.calls() - 1);
                double[] p = new double[x.length]; // t d
                for (int i = 0; i < p.length; i++) {
                    p[i] = x[i] - x0[i];
                }
                double gtd0 = dot(g0, p);
                assertTrue(gtd0 < 0, "not a descent direction");
                double slack = 1e-12 * (Math.abs(f0) + Math.abs(gtd0));
                assertEquals(f1, r.loss());
                assertTrue(f1 <= f0 + c1 * gtd0 + slack,
                        String.format("sufficient decrease violated, lr=%g it=%d: f1=%g f0=%g gtd0=%g", lr, k, f1, f0,
                                gtd0));
                assertTrue(Math.abs(dot(g1, p)) <= c2 * Math.abs(gtd0) + slack,
                        String.format("curvature violated, lr=%g it=%d: g1'p=%g g0'p=%g", lr, k, dot(g1, p), gtd0));
                checked++;
                if (r.evaluations() > 1) {
                    multiEval++;
                }
                if (r.converged()) {
                    break;
                }
            }
        }
        assertTrue(checked > 50, "checked " + checked);
        assertTrue(multiEval > 5, "line search should have needed several trials sometimes: " + multiEval);
    }

    @Test
    void cubicInterpolationFindsCubicMinimiserAndFallsBack() {
        // phi(t) = (t - 2)^2: data at t=0 and t=3; the cubic fit is the quadratic itself, minimiser 2
        double t = Lbfgs.cubicInterpolate(0, 4, -4, 3, 1, 2, 0, 3);
        assertEquals(2.0, t, 1e-12);
        assertEquals(2.5, Lbfgs.cubicInterpolate(0, 4, -4, 3, 1, 2, 2.5, 30), 0); // clamped to the bounds
        assertEquals(1.5, Lbfgs.cubicInterpolate(0, 0, -1, 3, Double.POSITIVE_INFINITY, Double.NaN, 0, 3), 0);
    }

    @Test
    void nonFiniteTrialsShrinkTheStep() {
        // f = sum x^2 - log(1 - x), +inf/NaN for x >= 1; minimiser (1 - sqrt 3) / 2 in every coordinate.
        DifferentiableFunction barrier = (x, g) -> {
            double f = 0;
            for (int i = 0; i < x.length; i++) {
                f += x[i] * x[i] - Math.log(1 - x[i]);
                g[i] = 2 * x[i] + 1 / (1 - x[i]);
            }
            return f;
        };
        Recorder rec = new Recorder(barrier);
        double[] x = new double[5];
        Arrays.fill(x, -3);
        Lbfgs opt = Lbfgs.builder().optInitialStep(100).optToleranceChange(1e-30).optToleranceGrad(1e-12).build();
        int iters = minimize(opt, x, rec, 200);
        assertTrue(iters <= 200);
        assertTrue(rec.fs.stream().anyMatch(v -> !Double.isFinite(v)), "expected non-finite trials");
        double expected = (1 - Math.sqrt(3)) / 2;
        for (double e : x) {
            assertEquals(expected, e, 1e-8);
        }
        assertArrayEquals(rec.lastX(), x);
    }

    @Test
    void lastEvaluationIsAlwaysAtTheReturnedPoint() {
        // a tiny line-search budget and a huge initial step force unsuccessful searches whose last trial is rejected
        Recorder rec = new Recorder(LbfgsTest::chainedRosenbrock);
        double[] x = rosenbrockStart(8);
        Lbfgs opt = Lbfgs.builder().optMaxEvaluationsPerIteration(2).optInitialStep(1e3).build();
        int reEvaluations = 0;
        int total = 0;
        for (int k = 0; k < 60; k++) {
            int before = rec.calls();
            IterationResult r = opt.iterate(x, rec);
            total += r.evaluations();
            assertEquals(rec.calls() - before, r.evaluations());
            assertTrue(r.evaluations() <= 1 + 2 + 1 + (k == 0 ? 1 : 0), "budget exceeded: " + r.evaluations());
            assertArrayEquals(rec.lastX(), x, "last evaluation not at x after iteration " + k);
            assertEquals(rec.fs.get(rec.calls() - 1), r.loss());
            for (int j = before; j < rec.calls() - 1; j++) { // the accepted point was already tried earlier
                if (Arrays.equals(rec.xs.get(j), x)) {
                    reEvaluations++;
                    break;
                }
            }
            if (r.converged()) {
                break;
            }
        }
        assertEquals(rec.calls(), total);
        assertTrue(reEvaluations > 0, "scenario should exercise the re-evaluation path");
    }

    @Test
    void cacheIsReusedAndDroppedWhenXChanges() {
        Recorder rec = new Recorder(LbfgsTest::extendedRosenbrock);
        double[] x = {-1.2, 1};
        Lbfgs opt = Lbfgs.builder().build();
        IterationResult first = opt.iterate(x, rec);
        assertEquals(rec.calls(), first.evaluations());
        int before = rec.calls();
        opt.iterate(x, rec);
        assertFalse(Arrays.equals(rec.xs.get(before), rec.xs.get(before - 1)), "start point re-evaluated");
        x[0] += 0.01; // caller moved x: the next iteration must evaluate at the new x first
        before = rec.calls();
        opt.iterate(x.clone(), rec);
        assertArrayEquals(x, rec.xs.get(before));
    }

    // ------------------------------------------------------------------ errors

    @Test
    void nonFiniteStartThrowsWithMessage() {
        Lbfgs opt = Lbfgs.builder().build();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> opt.iterate(new double[] {1, 2}, (x, g) -> Double.NaN));
        assertTrue(e.getMessage().contains("loss is not finite") && e.getMessage().contains("starting point"),
                e.getMessage());
        IllegalStateException e2 = assertThrows(IllegalStateException.class, () -> Lbfgs.builder().build()
                .iterate(new double[] {1, 2}, (x, g) -> {
                    g[0] = 0;
                    g[1] = Double.POSITIVE_INFINITY;
                    return 1;
                }));
        assertTrue(e2.getMessage().contains("gradient is not finite (entry 1"), e2.getMessage());
    }

    @Test
    void dimensionMismatchIsReported() throws IOException {
        Lbfgs opt = Lbfgs.builder().build();
        double[] x = rosenbrockStart(4);
        opt.iterate(x, LbfgsTest::extendedRosenbrock);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> opt.iterate(new double[6], LbfgsTest::extendedRosenbrock));
        assertTrue(e.getMessage().contains("dimension 4") && e.getMessage().contains("length 6"), e.getMessage());

        byte[] saved = save(opt);
        Lbfgs other = Lbfgs.builder().build();
        other.iterate(rosenbrockStart(6), LbfgsTest::extendedRosenbrock);
        IOException io = assertThrows(IOException.class, () -> other.readState(in(saved)));
        assertTrue(io.getMessage().contains("dimension 4"), io.getMessage());
        assertEquals(6, other.dimension()); // unchanged on failure
        IOException io2 = assertThrows(IOException.class, () -> Lbfgs.builder().build().readState(in(saved), 5));
        assertTrue(io2.getMessage().contains("dimension 4") && io2.getMessage().contains("5"), io2.getMessage());

        Lbfgs fresh = Lbfgs.builder().build();
        fresh.readState(in(saved));
        IllegalArgumentException e3 = assertThrows(IllegalArgumentException.class,
                () -> fresh.iterate(new double[2], LbfgsTest::extendedRosenbrock));
        assertTrue(e3.getMessage().contains("dimension 4"), e3.getMessage());
        assertThrows(IOException.class, () -> fresh.readState(in(new byte[] {1, 2, 3, 4, 5, 6, 7, 8})));
    }

    @Test
    void historyLargerThanCapacityIsRejected() throws IOException {
        Lbfgs opt = Lbfgs.builder().optHistorySize(8).build();
        double[] x = rosenbrockStart(10);
        for (int k = 0; k < 10; k++) {
            opt.iterate(x, LbfgsTest::chainedRosenbrock);
        }
        byte[] saved = save(opt);
        IOException e = assertThrows(IOException.class, () -> Lbfgs.builder().optHistorySize(2).build()
                .readState(in(saved)));
        assertTrue(e.getMessage().contains("history size is 2"), e.getMessage());
    }

    // ------------------------------------------------------------------ checkpointing

    @Test
    void stateRoundTripResumesBitForBit() throws IOException {
        // small history so the ring buffer wraps before the checkpoint
        Lbfgs.Builder options = Lbfgs.builder().optHistorySize(5);
        DifferentiableFunction f = LbfgsTest::chainedRosenbrock;
        Lbfgs a = options.build();
        double[] x = rosenbrockStart(30);
        for (int k = 0; k < 10; k++) {
            assertFalse(a.iterate(x, f).converged());
        }
        byte[] saved = save(a);
        double[] xSaved = x.clone();

        List<IterationResult> resultsA = new ArrayList<>();
        for (int k = 0; k < 10; k++) {
            resultsA.add(a.iterate(x, f));
        }
        assertFalse(resultsA.get(9).converged(), "run should still be in progress");

        Lbfgs b = options.build();
        b.readState(in(saved));
        assertArrayEquals(saved, save(b)); // read/write is lossless
        double[] xb = xSaved.clone();
        Recorder rec = new Recorder(f);
        List<IterationResult> resultsB = new ArrayList<>();
        for (int k = 0; k < 10; k++) {
            resultsB.add(b.iterate(xb, rec));
        }
        assertFalse(Arrays.equals(rec.xs.get(0), xSaved), "resumed run must reuse the cached evaluation at x");
        assertEquals(resultsA, resultsB); // records compare doubles bitwise
        for (int i = 0; i < x.length; i++) {
            assertEquals(Double.doubleToRawLongBits(x[i]), Double.doubleToRawLongBits(xb[i]), "component " + i);
        }
        assertEquals(a.iterationCount(), b.iterationCount());
        assertEquals(a.evaluationCount(), b.evaluationCount());
        assertArrayEquals(save(a), save(b));
    }

    @Test
    void unboundStateRoundTrips() throws IOException {
        Lbfgs opt = Lbfgs.builder().build();
        Lbfgs other = Lbfgs.builder().build();
        other.iterate(new double[] {3, 4}, LbfgsTest::extendedRosenbrock);
        other.readState(in(save(opt)));
        assertEquals(-1, other.dimension());
        assertEquals(0, other.iterationCount());
    }

    private static byte[] save(Lbfgs opt) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            opt.writeState(out);
        }
        return bytes.toByteArray();
    }

    private static DataInputStream in(byte[] bytes) {
        return new DataInputStream(new ByteArrayInputStream(bytes));
    }
}
