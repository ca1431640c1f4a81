package org.repcon.evaluation;

/**
 * Eigen-decomposition {@code A = V diag(lambda) V^T} of a real symmetric matrix by the cyclic Jacobi method: plane
 * rotations {@code A <- J^T A J} that zero one off-diagonal entry {@code a_pq} at a time, with
 * {@code theta = (a_qq - a_pp) / (2 a_pq)}, {@code t = sgn(theta) / (|theta| + sqrt(theta^2 + 1))},
 * {@code c = 1 / sqrt(t^2 + 1)}, {@code s = t c}, sweeping all pairs until the off-diagonal mass is below
 * {@code 1e-15} of the Frobenius norm (quadratic convergence; fine up to a few hundred dimensions).
 *
 * @param values eigenvalues in descending order
 * @param vectors {@code vectors[k]} is the unit eigenvector of {@code values[k]}
 */
public record SymmetricEigen(double[] values, double[][] vectors) {
    private static final int MAX_SWEEPS = 100;

    /** Decomposes a symmetric matrix (it is not modified). */
    public static SymmetricEigen of(double[][] a) {
        int n = ArgumentChecks.matrix(a, "matrix");
        if (a.length != n) {
            throw new IllegalArgumentException("matrix is not square: " + a.length + "x" + n);
        }
        double[][] m = new double[n][];
        double frob = 0;
        for (int i = 0; i < n; i++) {
            m[i] = a[i].clone();
            for (int j = 0; j < n; j++) {
                if (Math.abs(a[i][j] - a[j][i]) > 1e-12 * (Math.abs(a[i][j]) + Math.abs(a[j][i]) + 1e-300)) {
                    throw new IllegalArgumentException("matrix is not symmetric at [" + i + "][" + j + "]");
                }
                frob += a[i][j] * a[i][j];
            }
        }
        double[][] v = new double[n][n];
        for (int i = 0; i < n; i++) {
            v[i][i] = 1;
        }
        for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
            double off = 0;
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    off += 2 * m[p][q] * m[p][q];
                }
            }
            if (off <= 1e-30 * frob || off == 0) {
                break;
            }
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    if (m[p][q] != 0) {
                        rotate(m, v, p, q);
                    }
                }
            }
        }
        return sorted(m, v, n);
    }

    private static void rotate(double[][] m, double[][] v, int p, int q) {
        int n = m.length;
        double theta = (m[q][q] - m[p][p]) / (2 * m[p][q]);
        double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        if (theta == 0) {
            t = 1;
        }
        double c = 1 / Math.sqrt(t * t + 1);
        double s = t * c;
        for (int k = 0; k < n; k++) { // columns p, q: M J
            double kp = m[k][p];
            double kq = m[k][q];
            m[k][p] = c * kp - s * kq;
            m[k][q] = s * kp + c * kq;
        }
        for (int k = 0; k < n; k++) { // rows p, q: J^T (M J)
            double pk = m[p][k];
            double qk = m[q][k];
            m[p][k] = c * pk - s * qk;
            m[q][k] = s * pk + c * qk;
        }
        m[p][q] = 0;
        m[q][p] = 0;
        for (int k = 0; k < n; k++) { // V J
            double kp = v[k][p];
            double kq = v[k][q];
            v[k][p] = c * kp - s * kq;
            v[k][q] = s * kp + c * kq;
        }
    }

    private static SymmetricEigen sorted(double[][] m, double[][] v, int n) {
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (x, y) -> Double.compare(m[y][y], m[x][x]));
        double[] values = new double[n];
        double[][] vectors = new double[n][n];
        for (int k = 0; k < n; k++) {
            int col = order[k];
            values[k] = m[col][col];
            for (int i = 0; i < n; i++) {
                vectors[k][i] = v[i][col];
            }
        }
        return new SymmetricEigen(values, vectors);
    }
}
