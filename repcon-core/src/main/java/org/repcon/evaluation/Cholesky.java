package org.repcon.evaluation;

import java.util.function.IntFunction;

/** The Cholesky factor of a symmetric positive-definite matrix (covariances of Gaussian fits and densities). */
public final class Cholesky {
    private Cholesky() {}

    /**
     * Lower-triangular L with L L^T = a (only a's lower triangle is read).
     *
     * @param notPositiveDefinite the message when pivot i is not positive (a is singular or indefinite there)
     * @throws IllegalArgumentException with that message
     */
    public static double[][] lower(double[][] a, IntFunction<String> notPositiveDefinite) {
        int d = a.length;
        double[][] l = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i][j];
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                if (i == j) {
                    if (!(s > 0)) {
                        throw new IllegalArgumentException(notPositiveDefinite.apply(i));
                    }
                    l[i][i] = Math.sqrt(s);
                } else {
                    l[i][j] = s / l[j][j];
                }
            }
        }
        return l;
    }
}
