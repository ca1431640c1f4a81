package org.repcon.anomaly;

import org.repcon.evaluation.Cholesky;

/**
 * A multivariate Gaussian fitted to feature vectors, with a shrunk covariance, as the density model of MSMA:
 * <pre>
 * mu = mean of the rows,  S = sum (x_i - mu)(x_i - mu)^T / (n - 1)
 * Sigma = (1 - lambda) S + lambda (tr S / d) I                 (shrinkage towards a scaled identity, lambda in [0, 1])
 * score(x) = -log N(x; mu, Sigma) = (1/2) (x - mu)^T Sigma^-1 (x - mu) + (1/2) log det Sigma + (d / 2) log 2 pi
 * </pre>
 * through the Cholesky factor of Sigma. lambda > 0 keeps Sigma invertible with few rows or collinear features.
 */
public final class GaussianDensity {
    private final double[] mean;
    private final double[][] cholesky; // lower triangle L, Sigma = L L^T
    private final double logNormaliser; // (1/2) log det Sigma + (d/2) log 2 pi

    private GaussianDensity(double[] mean, double[][] cholesky) {
        this.mean = mean;
        this.cholesky = cholesky;
        double logDet = 0;
        for (int i = 0; i < mean.length; i++) {
            logDet += 2 * Math.log(cholesky[i][i]);
        }
        this.logNormaliser = 0.5 * logDet + 0.5 * mean.length * Math.log(2 * Math.PI);
    }

    /**
     * Fits the density to the rows of {@code x}.
     *
     * @param shrinkage lambda in [0, 1]
     * @throws IllegalArgumentException with fewer than 2 rows, ragged or non-finite rows, lambda out of range, or a
     *     covariance that is not positive definite (lambda = 0 with collinear or constant features)
     */
    public static GaussianDensity fit(double[][] x, double shrinkage) {
        if (x.length < 2) {
            throw new IllegalArgumentException("a Gaussian needs at least 2 feature rows, got " + x.length);
        }
        if (!(shrinkage >= 0 && shrinkage <= 1)) {
            throw new IllegalArgumentException("shrinkage must be in [0, 1], got " + shrinkage);
        }
        int d = x[0].length;
        int n = x.length;
        double[] mu = new double[d];
        for (double[] row : x) {
            if (row.length != d) {
                throw new IllegalArgumentException("feature rows of different lengths: " + row.length + " and " + d);
            }
            for (int j = 0; j < d; j++) {
                if (!Double.isFinite(row[j])) {
                    throw new IllegalArgumentException("a feature is not finite: " + row[j]);
                }
                mu[j] += row[j] / n;
            }
        }
        double[][] s = new double[d][d];
        for (double[] row : x) {
            for (int a = 0; a < d; a++) {
                for (int b = 0; b <= a; b++) {
                    s[a][b] += (row[a] - mu[a]) * (row[b] - mu[b]) / (n - 1);
                }
            }
        }
        double trace = 0;
        for (int a = 0; a < d; a++) {
            trace += s[a][a];
        }
        double[][] sigma = new double[d][d];
        for (int a = 0; a < d; a++) {
            for (int b = 0; b <= a; b++) {
                sigma[a][b] = (1 - shrinkage) * s[a][b] + (a == b ? shrinkage * trace / d : 0);
                sigma[b][a] = sigma[a][b];
            }
        }
        return new GaussianDensity(mu, Cholesky.lower(sigma, i -> "the covariance is not positive definite (feature " + i
                + "): give a shrinkage > 0 or more varied features"));
    }

    /** -log N(x; mu, Sigma) of one feature vector. */
    public double negativeLogDensity(double[] x) {
        int d = mean.length;
        if (x.length != d) {
            throw new IllegalArgumentException("expected " + d + " features, got " + x.length);
        }
        double[] y = new double[d]; // L y = x - mu
        double q = 0;
        for (int i = 0; i < d; i++) {
            double s = x[i] - mean[i];
            for (int k = 0; k < i; k++) {
                s -= cholesky[i][k] * y[k];
            }
            y[i] = s / cholesky[i][i];
            q += y[i] * y[i];
        }
        return 0.5 * q + logNormaliser;
    }

    /** -log N of every row; [N]. */
    public double[] score(double[][] x) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = negativeLogDensity(x[i]);
        }
        return out;
    }

    /** The fitted mean. */
    public double[] mean() {
        return mean.clone();
    }
}
