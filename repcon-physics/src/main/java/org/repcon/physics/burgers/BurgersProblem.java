package org.repcon.physics.burgers;

import java.util.Random;

/**
 * Burgers' equation on x in [-1, 1], t in [0, 1] (Raissi, Perdikaris, Karniadakis 2017):
 * <pre>
 *   u_t + u u_x - nu u_xx = 0,   nu = 0.01 / pi
 *   u(0, x) = -sin(pi x),   u(t, -1) = u(t, 1) = 0
 * </pre>
 * and the sampling of its training points: {@code N_u} initial/boundary points drawn at random from the
 * standard grid's initial line (256 x-points at t = 0) and boundary lines (100 t-points at x = -1 and x = 1),
 * as in the paper's code; {@code N_f} collocation points by Latin-hypercube sampling of the domain, to which
 * the N_u points are appended (also as in the paper's code).
 *
 * @param nu viscosity
 */
public record BurgersProblem(double nu) {
    public static final double T_MIN = 0;
    public static final double T_MAX = 1;
    public static final double X_MIN = -1;
    public static final double X_MAX = 1;

    /** The paper's problem, nu = 0.01 / pi. */
    public static BurgersProblem standard() {
        return new BurgersProblem(0.01 / Math.PI);
    }

    /** Initial condition u(0, x) = -sin(pi x). */
    public double initial(double x) {
        return -Math.sin(Math.PI * x);
    }

    /**
     * Training points.
     *
     * @param tx conditioned points, [nU][2] (t, x)
     * @param u values there, [nU]
     * @param collocation residual points, [nF + nU][2] (t, x)
     */
    public record TrainingPoints(double[][] tx, double[] u, double[][] collocation) {}

    /** Draws training points with a seeded generator. */
    public TrainingPoints sample(int nU, int nF, long seed) {
        if (nU <= 0 || nF <= 0) {
            throw new IllegalArgumentException("N_u and N_f must be positive");
        }
        Random rng = new Random(seed);
        int nx = 256;
        int nt = 100;
        int candidates = nx + 2 * nt;
        if (nU > candidates) {
            throw new IllegalArgumentException("N_u must be at most " + candidates + " (initial and boundary grid points)");
        }
        double[][] all = new double[candidates][];
        double[] values = new double[candidates];
        for (int i = 0; i < nx; i++) {
            double x = X_MIN + (X_MAX - X_MIN) * i / (nx - 1);
            all[i] = new double[] {0, x};
            values[i] = initial(x);
        }
        for (int j = 0; j < nt; j++) {
            double t = 0.99 * j / (nt - 1);
            all[nx + j] = new double[] {t, X_MIN};
            all[nx + nt + j] = new double[] {t, X_MAX};
        }
        int[] order = permutation(candidates, rng);
        double[][] tx = new double[nU][];
        double[] u = new double[nU];
        for (int k = 0; k < nU; k++) {
            tx[k] = all[order[k]];
            u[k] = values[order[k]];
        }
        double[][] lhs = latinHypercube(nF, rng);
        double[][] collocation = new double[nF + nU][];
        for (int k = 0; k < nF; k++) {
            collocation[k] = new double[] {T_MIN + (T_MAX - T_MIN) * lhs[k][0], X_MIN + (X_MAX - X_MIN) * lhs[k][1]};
        }
        System.arraycopy(tx, 0, collocation, nF, nU);
        return new TrainingPoints(tx, u, collocation);
    }

    /** n points in [0,1]^2, one in each of n strata per dimension, at a random position within it. */
    static double[][] latinHypercube(int n, Random rng) {
        double[][] points = new double[n][2];
        for (int dim = 0; dim < 2; dim++) {
            int[] perm = permutation(n, rng);
            for (int k = 0; k < n; k++) {
                points[k][dim] = (perm[k] + rng.nextDouble()) / n;
            }
        }
        return points;
    }

    private static int[] permutation(int n, Random rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int tmp = p[i];
            p[i] = p[j];
            p[j] = tmp;
        }
        return p;
    }
}
