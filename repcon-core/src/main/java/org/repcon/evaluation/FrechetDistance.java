package org.repcon.evaluation;

/**
 * The Frechet distance between two sets of feature vectors, each summarised by a Gaussian (Heusel et al. 2017's FID
 * when the features are Inception's; repcon uses the features of a small classifier of the data set):
 * <pre>
 * d^2 = |mu_a - mu_b|^2 + Tr(C_a + C_b - 2 (C_a C_b)^{1/2})
 * Tr (C_a C_b)^{1/2} = sum_k sqrt(lambda_k),  lambda_k the eigenvalues of C_a^{1/2} C_b C_a^{1/2} (symmetric, >= 0)
 * </pre>
 * with {@code C} the unbiased sample covariance (divisor n - 1). The value returned is {@code d^2}, as FID is
 * reported. Inputs are {@code [n][d]} rows, n >= 2 each, the same d.
 */
public final class FrechetDistance {
    private FrechetDistance() {}

    /** {@code d^2} between the Gaussians fitted to {@code a} and {@code b}. */
    public static double between(double[][] a, double[][] b) {
        ArgumentChecks.sameColumns(a, "a", b, "b");
        if (a.length < 2 || b.length < 2) {
            throw new IllegalArgumentException("need at least 2 rows in each set, got " + a.length + " and " + b.length);
        }
        double[] muA = mean(a);
        double[] muB = mean(b);
        double[][] cA = covariance(a, muA);
        double[][] cB = covariance(b, muB);
        double meanTerm = 0;
        for (int j = 0; j < muA.length; j++) {
            meanTerm += (muA[j] - muB[j]) * (muA[j] - muB[j]);
        }
        double[][] rootA = sqrtPsd(cA);
        double[][] m = symmetrise(multiply(multiply(rootA, cB), rootA));
        double traceRoot = 0;
        for (double lambda : SymmetricEigen.of(m).values()) {
            traceRoot += Math.sqrt(Math.max(0, lambda));
        }
        return Math.max(0, meanTerm + trace(cA) + trace(cB) - 2 * traceRoot);
    }

    /** Column means of {@code x}. */
    static double[] mean(double[][] x) {
        double[] mu = new double[x[0].length];
        for (double[] row : x) {
            for (int j = 0; j < mu.length; j++) {
                mu[j] += row[j];
            }
        }
        for (int j = 0; j < mu.length; j++) {
            mu[j] /= x.length;
        }
        return mu;
    }

    /** Unbiased sample covariance of {@code x} around {@code mu}. */
    static double[][] covariance(double[][] x, double[] mu) {
        int d = mu.length;
        double[][] c = new double[d][d];
        double[] centred = new double[d];
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                centred[j] = row[j] - mu[j];
            }
            for (int i = 0; i < d; i++) {
                for (int j = i; j < d; j++) {
                    c[i][j] += centred[i] * centred[j];
                }
            }
        }
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                c[i][j] /= x.length - 1;
                c[j][i] = c[i][j];
            }
        }
        return c;
    }

    /** The symmetric square root {@code V diag(sqrt(max(lambda, 0))) V^T} of a symmetric PSD matrix. */
    static double[][] sqrtPsd(double[][] c) {
        SymmetricEigen eigen = SymmetricEigen.of(c);
        int d = c.length;
        double[][] root = new double[d][d];
        for (int k = 0; k < d; k++) {
            double s = Math.sqrt(Math.max(0, eigen.values()[k]));
            double[] v = eigen.vectors()[k];
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    root[i][j] += s * v[i] * v[j];
                }
            }
        }
        return symmetrise(root);
    }

    private static double[][] multiply(double[][] a, double[][] b) {
        int n = a.length;
        int k = b.length;
        int m = b[0].length;
        double[][] c = new double[n][m];
        for (int i = 0; i < n; i++) {
            for (int l = 0; l < k; l++) {
                double ail = a[i][l];
                for (int j = 0; j < m; j++) {
                    c[i][j] += ail * b[l][j];
                }
            }
        }
        return c;
    }

    private static double[][] symmetrise(double[][] m) {
        for (int i = 0; i < m.length; i++) {
            for (int j = i + 1; j < m.length; j++) {
                double s = 0.5 * (m[i][j] + m[j][i]);
                m[i][j] = s;
                m[j][i] = s;
            }
        }
        return m;
    }

    private static double trace(double[][] m) {
        double t = 0;
        for (int i = 0; i < m.length; i++) {
            t += m[i][i];
        }
        return t;
    }
}
