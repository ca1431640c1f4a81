package org.repcon.physics.integrators;

/**
 * Fixed-step classical fourth-order Runge-Kutta for a batch of states of an autonomous {@link VectorField}.
 *
 * <pre>
 *   k1 = f(x_n)
 *   k2 = f(x_n + h/2 k1)
 *   k3 = f(x_n + h/2 k2)
 *   k4 = f(x_n + h   k3)
 *   x_{n+1} = x_n + h/6 (k1 + 2 k2 + 2 k3 + k4)
 * </pre>
 *
 * <p>Each stage makes exactly one {@link VectorField#evaluate} call on the whole batch, so a rollout of
 * {@code steps} steps costs {@code 4 * steps} batched evaluations. The local error is {@code O(h^5)}, the
 * global error {@code O(h^4)}; for the harmonic oscillator the energy drifts by a relative
 * {@code ~ (omega h)^6 / 72} per step.
 */
public final class Rk4 {

    private Rk4() {}

    /**
     * Integrates from {@code t0} to {@code t1} with {@code steps} equal steps {@code h = (t1 - t0) / steps}.
     *
     * @param initialStates {@code [n][d]} states at {@code t0} (not modified)
     * @return {@code [steps + 1][n][d]}: index {@code k} holds the states at {@code t0 + k h} (index 0 is a copy
     *     of the initial states); see {@link #times}
     */
    public static double[][][] rollout(VectorField f, double[][] initialStates, double t0, double t1, int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("need at least one step");
        }
        if (!Double.isFinite(t0) || !Double.isFinite(t1)) {
            throw new IllegalArgumentException("t0 and t1 must be finite");
        }
        int n = initialStates.length;
        int d = checkedDimension(initialStates);
        double h = (t1 - t0) / steps;
        double[][][] out = new double[steps + 1][][];
        out[0] = copy(initialStates);
        Workspace w = new Workspace(n, d);
        for (int k = 0; k < steps; k++) {
            out[k + 1] = new double[n][d];
            step(f, out[k], h, out[k + 1], w);
        }
        return out;
    }

    /** One RK4 step of size {@code h} from {@code state} into {@code next} ({@code [n][d]} each, may not alias). */
    public static void step(VectorField f, double[][] state, double h, double[][] next) {
        step(f, state, h, next, new Workspace(state.length, checkedDimension(state)));
    }

    /** {@code t0 + k (t1 - t0) / steps} for {@code k = 0..steps}, the last one exactly {@code t1}. */
    public static double[] times(double t0, double t1, int steps) {
        double[] t = new double[steps + 1];
        double h = (t1 - t0) / steps;
        for (int k = 0; k <= steps; k++) {
            t[k] = t0 + k * h;
        }
        t[steps] = t1;
        return t;
    }

    private static void step(VectorField f, double[][] x, double h, double[][] next, Workspace w) {
        int n = x.length;
        int d = w.k1[0].length;
        f.evaluate(x, w.k1);
        stage(x, w.k1, h / 2, w.tmp, n, d);
        f.evaluate(w.tmp, w.k2);
        stage(x, w.k2, h / 2, w.tmp, n, d);
        f.evaluate(w.tmp, w.k3);
        stage(x, w.k3, h, w.tmp, n, d);
        f.evaluate(w.tmp, w.k4);
        double h6 = h / 6;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                next[i][j] = x[i][j] + h6 * (w.k1[i][j] + 2 * w.k2[i][j] + 2 * w.k3[i][j] + w.k4[i][j]);
            }
        }
    }

    private static void stage(double[][] x, double[][] k, double c, double[][] out, int n, int d) {
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                out[i][j] = x[i][j] + c * k[i][j];
            }
        }
    }

    /** The common dimension d of a non-empty batch of states {@code [n][d]}; rejects an empty or ragged batch. */
    public static int checkedDimension(double[][] states) {
        if (states == null || states.length == 0) {
            throw new IllegalArgumentException("need at least one state");
        }
        int d = states[0].length;
        for (double[] s : states) {
            if (s == null || s.length != d || d == 0) {
                throw new IllegalArgumentException("all states must have the same positive dimension");
            }
        }
        return d;
    }

    static double[][] copy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }

    private static final class Workspace {
        final double[][] k1;
        final double[][] k2;
        final double[][] k3;
        final double[][] k4;
        final double[][] tmp;

        Workspace(int n, int d) {
            k1 = new double[n][d];
            k2 = new double[n][d];
            k3 = new double[n][d];
            k4 = new double[n][d];
            tmp = new double[n][d];
        }
    }
}
