package org.repcon.physics.integrators;

/**
 * Adaptive explicit Runge-Kutta 5(4) of Dormand and Prince (the method behind scipy's {@code solve_ivp}
 * default {@code RK45}), used for ground-truth trajectories.
 *
 * <p>The 5th-order solution is propagated (local extrapolation) and the embedded 4th-order one gives the error
 * estimate {@code e = h * sum_i (b_i - b*_i) k_i}. A step is accepted when
 * <pre>
 *   max over states and components of |e| / (atol + rtol * max(|y_n|, |y_{n+1}|)) <= 1
 * </pre>
 * (a max norm, stricter than scipy's RMS norm), and the next step is {@code h * clamp(0.9 err^(-1/5), 0.2, 5)}.
 * Steps are shortened to land exactly on the requested output times, so no interpolation is involved. A batch
 * of states shares one step size (controlled by its worst member), which is fine for reference solutions.
 *
 * <p>{@link #reference()} uses {@code rtol = 1e-11}, {@code atol = 1e-13}. The paper code used
 * {@code rtol = 1e-10} with scipy's default {@code atol = 1e-6} for its data and {@code rtol = 1e-12} for its
 * evaluation truth; the reference here is at least as accurate as both.
 */
public final class DormandPrince45 {

    private static final double C2 = 1.0 / 5, C3 = 3.0 / 10, C4 = 4.0 / 5, C5 = 8.0 / 9;
    private static final double A21 = 1.0 / 5;
    private static final double A31 = 3.0 / 40, A32 = 9.0 / 40;
    private static final double A41 = 44.0 / 45, A42 = -56.0 / 15, A43 = 32.0 / 9;
    private static final double A51 = 19372.0 / 6561, A52 = -25360.0 / 2187, A53 = 64448.0 / 6561,
            A54 = -212.0 / 729;
    private static final double A61 = 9017.0 / 3168, A62 = -355.0 / 33, A63 = 46732.0 / 5247, A64 = 49.0 / 176,
            A65 = -5103.0 / 18656;
    // 5th-order weights (also the 7th stage's arguments, FSAL)
    private static final double B1 = 35.0 / 384, B3 = 500.0 / 1113, B4 = 125.0 / 192, B5 = -2187.0 / 6784,
            B6 = 11.0 / 84;
    // b - b* (5th minus embedded 4th order weights)
    private static final double E1 = 71.0 / 57600, E3 = -71.0 / 16695, E4 = 71.0 / 1920, E5 = -17253.0 / 339200,
            E6 = 22.0 / 525, E7 = -1.0 / 40;

    private final double rtol;
    private final double atol;
    private final long maxSteps;

    public DormandPrince45(double rtol, double atol, long maxSteps) {
        if (!(rtol > 0) || !(atol > 0) || maxSteps < 1) {
            throw new IllegalArgumentException("need rtol > 0, atol > 0, maxSteps >= 1");
        }
        this.rtol = rtol;
        this.atol = atol;
        this.maxSteps = maxSteps;
    }

    /** {@code rtol = 1e-11}, {@code atol = 1e-13}, at most 50 million steps. */
    public static DormandPrince45 reference() {
        return new DormandPrince45(1e-11, 1e-13, 50_000_000L);
    }

    public double rtol() {
        return rtol;
    }

    public double atol() {
        return atol;
    }

    /**
     * Integrates a batch of states through the given output times.
     *
     * @param initialStates {@code [n][d]} states at {@code outputTimes[0]} (not modified)
     * @param outputTimes non-decreasing times; integration starts at {@code outputTimes[0]}
     * @return {@code [outputTimes.length][n][d]} states at the output times (index 0 is a copy of the input)
     * @throws IllegalStateException if the step budget is exhausted or the step size underflows
     */
    public double[][][] integrate(VectorField f, double[][] initialStates, double[] outputTimes) {
        if (outputTimes == null || outputTimes.length == 0) {
            throw new IllegalArgumentException("need at least one output time");
        }
        for (int i = 0; i < outputTimes.length; i++) {
            if (!Double.isFinite(outputTimes[i]) || (i > 0 && outputTimes[i] < outputTimes[i - 1])) {
                throw new IllegalArgumentException("output times must be finite and non-decreasing");
            }
        }
        int n = initialStates.length;
        int d = Rk4.checkedDimension(initialStates);
        double[][][] out = new double[outputTimes.length][][];
        double[][] y = Rk4.copy(initialStates);
        out[0] = Rk4.copy(y);
        Stages s = new Stages(n, d);
        double t = outputTimes[0];
        double span = outputTimes[outputTimes.length - 1] - t;
        f.evaluate(y, s.k1);
        double h = span > 0 ? initialStep(y, s.k1, span) : 0;
        long steps = 0;
        for (int o = 1; o < outputTimes.length; o++) {
            double target = outputTimes[o];
            while (t < target) {
                if (++steps > maxSteps) {
                    throw new IllegalStateException("step budget of " + maxSteps + " exhausted at t = " + t);
                }
                double remaining = target - t;
                boolean last = h >= remaining;
                double hTry = last ? remaining : h;
                double err = attempt(f, y, hTry, s);
                if (!Double.isFinite(err)) {
                    err = Double.POSITIVE_INFINITY;
                }
                if (err <= 1) {
                    t = last ? target : t + hTry;
                    double[][] swap = y;
                    y = s.y1;
                    s.y1 = swap;
                    double[][] k = s.k1;
                    s.k1 = s.k7; // FSAL: f(y_{n+1}) is the 7th stage
                    s.k7 = k;
                    double factor = err == 0 ? 5 : Math.min(5, Math.max(0.2, 0.9 * Math.pow(err, -0.2)));
                    // a step shortened to hit an output time says little about larger steps: keep h then
                    if (!(last && hTry < h)) {
                        h = hTry * factor;
                    }
                } else {
                    double factor = Math.max(0.2, 0.9 * Math.pow(err, -0.2));
                    h = hTry * (Double.isInfinite(err) ? 0.2 : factor);
                    if (!(h > Math.ulp(Math.max(1.0, Math.abs(t))) * 16)) {
                        throw new IllegalStateException("step size underflow at t = " + t);
                    }
                }
            }
            out[o] = Rk4.copy(y);
        }
        return out;
    }

    /**
     * Single-trajectory convenience for a one-degree-of-freedom field (such as a Hamiltonian system's
     * {@code vectorField()}): the states {@code [times.length][2]} through {@code (q0, p0)}.
     */
    public double[][] integrate(VectorField field, double q0, double p0, double[] times) {
        double[][][] batch = integrate(field, new double[][] {{q0, p0}}, times);
        double[][] out = new double[times.length][];
        for (int i = 0; i < times.length; i++) {
            out[i] = batch[i][0];
        }
        return out;
    }

    /** One trial step of size {@code h} from {@code y} (with {@code s.k1 = f(y)}); fills {@code s.y1}, {@code s.k7}. */
    private double attempt(VectorField f, double[][] y, double h, Stages s) {
        int n = y.length;
        int d = y[0].length;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                s.tmp[i][j] = y[i][j] + h * A21 * s.k1[i][j];
            }
        }
        f.evaluate(s.tmp, s.k2);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                s.tmp[i][j] = y[i][j] + h * (A31 * s.k1[i][j] + A32 * s.k2[i][j]);
            }
        }
        f.evaluate(s.tmp, s.k3);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                s.tmp[i][j] = y[i][j] + h * (A41 * s.k1[i][j] + A42 * s.k2[i][j] + A43 * s.k3[i][j]);
            }
        }
        f.evaluate(s.tmp, s.k4);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                s.tmp[i][j] = y[i][j]
                        + h * (A51 * s.k1[i][j] + A52 * s.k2[i][j] + A53 * s.k3[i][j] + A54 * s.k4[i][j]);
            }
        }
        f.evaluate(s.tmp, s.k5);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                s.tmp[i][j] = y[i][j] + h * (A61 * s.k1[i][j] + A62 * s.k2[i][j] + A63 * s.k3[i][j]
                        + A64 * s.k4[i][j] + A65 * s.k5[i][j]);
            }
        }
        f.evaluate(s.tmp, s.k6);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                s.y1[i][j] = y[i][j] + h * (B1 * s.k1[i][j] + B3 * s.k3[i][j] + B4 * s.k4[i][j]
                        + B5 * s.k5[i][j] + B6 * s.k6[i][j]);
            }
        }
        f.evaluate(s.y1, s.k7);
        double err = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double e = h * (E1 * s.k1[i][j] + E3 * s.k3[i][j] + E4 * s.k4[i][j] + E5 * s.k5[i][j]
                        + E6 * s.k6[i][j] + E7 * s.k7[i][j]);
                double scale = atol + rtol * Math.max(Math.abs(y[i][j]), Math.abs(s.y1[i][j]));
                err = Math.max(err, Math.abs(e) / scale);
            }
        }
        return err;
    }

    /** Hairer-Norsett-Wanner starting step heuristic (first-order part only), capped by the span. */
    private double initialStep(double[][] y, double[][] f0, double span) {
        double d0 = 0;
        double d1 = 0;
        for (int i = 0; i < y.length; i++) {
            for (int j = 0; j < y[i].length; j++) {
                double scale = atol + rtol * Math.abs(y[i][j]);
                d0 = Math.max(d0, Math.abs(y[i][j]) / scale);
                d1 = Math.max(d1, Math.abs(f0[i][j]) / scale);
            }
        }
        double h = (d0 < 1e-5 || d1 < 1e-5) ? 1e-6 : 0.01 * d0 / d1;
        return Math.min(h, span);
    }

    private static final class Stages {
        double[][] k1;
        final double[][] k2;
        final double[][] k3;
        final double[][] k4;
        final double[][] k5;
        final double[][] k6;
        double[][] k7;
        double[][] y1;
        final double[][] tmp;

        Stages(int n, int d) {
            k1 = new double[n][d];
            k2 = new double[n][d];
            k3 = new double[n][d];
            k4 = new double[n][d];
            k5 = new double[n][d];
            k6 = new double[n][d];
            k7 = new double[n][d];
            y1 = new double[n][d];
            tmp = new double[n][d];
        }
    }
}
