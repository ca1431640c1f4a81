package org.repcon.diffusion.toy;

import java.util.SplittableRandom;
import org.repcon.evaluation.Cholesky;

/**
 * The baseline generative model of the toy: a Gaussian N(mu, Sigma) with the sample mean and (maximum-likelihood)
 * covariance of the training points; samples mu + L z, L the Cholesky factor of Sigma, z ~ N(0, I).
 */
public final class GaussianFit {
    private final double[] mean;
    private final double[][] cholesky;

    private GaussianFit(double[] mean, double[][] cholesky) {
        this.mean = mean;
        this.cholesky = cholesky;
    }

    /** Fits the points [n][d] (n >= 2). */
    public static GaussianFit fit(double[][] points) {
        int n = points.length;
        if (n < 2) {
            throw new IllegalArgumentException("a Gaussian fit needs at least 2 points, got " + n);
        }
        int d = points[0].length;
        double[] mu = new double[d];
        for (double[] p : points) {
            for (int j = 0; j < d; j++) {
                mu[j] += p[j] / n;
            }
        }
        double[][] cov = new double[d][d];
        for (double[] p : points) {
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    cov[i][j] += (p[i] - mu[i]) * (p[j] - mu[j]) / n;
                }
            }
        }
        return new GaussianFit(mu, Cholesky.lower(cov, i -> "the covariance of the points is singular (all points on a line?)"));
    }

    public double[] mean() {
        return mean.clone();
    }

    /** Sigma = L L^T. */
    public double[][] covariance() {
        int d = mean.length;
        double[][] c = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                for (int k = 0; k < d; k++) {
                    c[i][j] += cholesky[i][k] * cholesky[j][k];
                }
            }
        }
        return c;
    }

    /** {@code n} samples [n][d], seeded. */
    public double[][] sample(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int d = mean.length;
        double[][] out = new double[n][d];
        double[] z = new double[d];
        for (int s = 0; s < n; s++) {
            for (int j = 0; j < d; j++) {
                z[j] = rng.nextGaussian();
            }
            for (int i = 0; i < d; i++) {
                double v = mean[i];
                for (int k = 0; k <= i; k++) {
                    v += cholesky[i][k] * z[k];
                }
                out[s][i] = v;
            }
        }
        return out;
    }
}
