package org.repcon.evaluation;

/**
 * Summary statistics of latent codes that show whether a constraint or condition holds. Latents are
 * {@code z[n][i]}: N samples (rows) of D dimensions (columns); all inputs must be finite and rectangular.
 */
public final class LatentStatistics {
    /** Default tolerance of {@link #sparsity(double[][])}. */
    public static final double DEFAULT_SPARSITY_TOLERANCE = 1e-3;
    /** Default variance threshold of {@link #activeUnits(double[][])}, as in Burda et al. (2016). */
    public static final double DEFAULT_ACTIVE_THRESHOLD = 0.01;

    private LatentStatistics() {
    }

    /** {@link #sparsity(double[][], double)} with {@code tol = 1e-3}. */
    public static double sparsity(double[][] z) {
        return sparsity(z, DEFAULT_SPARSITY_TOLERANCE);
    }

    /**
     * Share of (near) zero entries: {@code (1 / (N D)) #{(n, i) : |z_ni| < tol}}.
     *
     * @param tol non-negative tolerance
     */
    public static double sparsity(double[][] z, double tol) {
        int d = ArgumentChecks.matrix(z, "z");
        if (!(tol >= 0) || Double.isInfinite(tol)) {
            throw new IllegalArgumentException("tol must be finite and >= 0: " + tol);
        }
        long small = 0;
        for (double[] row : z) {
            for (double v : row) {
                if (Math.abs(v) < tol) {
                    small++;
                }
            }
        }
        return small / ((double) z.length * d);
    }

    /** Unit-sphere violation {@code (1/N) sum_n | ||z_n||_2 - 1 |}. */
    public static double sphereViolation(double[][] z) {
        ArgumentChecks.matrix(z, "z");
        double s = 0;
        for (double[] row : z) {
            double sq = 0;
            for (double v : row) {
                sq += v * v;
            }
            s += Math.abs(Math.sqrt(sq) - 1);
        }
        return s / z.length;
    }

    /**
     * Simplex (sum-to-one) violation {@code (1/N) sum_n | sum_i z_ni - 1 |}. Negative entries are not
     * counted separately: pair with the share of negative entries if those matter.
     */
    public static double simplexViolation(double[][] z) {
        ArgumentChecks.matrix(z, "z");
        double s = 0;
        for (double[] row : z) {
            double sum = 0;
            for (double v : row) {
                sum += v;
            }
            s += Math.abs(sum - 1);
        }
        return s / z.length;
    }

    /** {@link #activeUnits(double[][], double)} with threshold {@code 0.01}. */
    public static int activeUnits(double[][] mu) {
        return activeUnits(mu, DEFAULT_ACTIVE_THRESHOLD);
    }

    /**
     * Active units (Burda, Grosse and Salakhutdinov 2016): the number of dimensions {@code i} with
     * {@code Var_n(mu_ni) > threshold}, where {@code mu} is the posterior mean of each sample and the variance
     * over the data is the population variance {@code (1/N) sum_n (mu_ni - mean_n mu_ni)^2}.
     */
    public static int activeUnits(double[][] mu, double threshold) {
        int d = ArgumentChecks.matrix(mu, "mu");
        if (!(threshold >= 0) || Double.isInfinite(threshold)) {
            throw new IllegalArgumentException("threshold must be finite and >= 0: " + threshold);
        }
        double[] var = columnVariances(mu, d);
        int active = 0;
        for (double v : var) {
            if (v > threshold) {
                active++;
            }
        }
        return active;
    }

    /** Population variance of each column, two-pass. */
    static double[] columnVariances(double[][] z, int d) {
        double[] mean = new double[d];
        for (double[] row : z) {
            for (int i = 0; i < d; i++) {
                mean[i] += row[i];
            }
        }
        for (int i = 0; i < d; i++) {
            mean[i] /= z.length;
        }
        double[] var = new double[d];
        for (double[] row : z) {
            for (int i = 0; i < d; i++) {
                double c = row[i] - mean[i];
                var[i] += c * c;
            }
        }
        for (int i = 0; i < d; i++) {
            var[i] /= z.length;
        }
        return var;
    }

    /**
     * Mean KL divergence of diagonal Gaussian posteriors from the standard normal prior:
     * {@code (1/N) sum_n 0.5 sum_i (mu_ni^2 + exp(logvar_ni) - logvar_ni - 1)} (nats per sample).
     */
    public static double gaussianKl(double[][] mu, double[][] logvar) {
        ArgumentChecks.sameShape(mu, "mu", logvar, "logvar");
        double s = 0;
        for (int n = 0; n < mu.length; n++) {
            for (int i = 0; i < mu[n].length; i++) {
                double lv = logvar[n][i];
                s += mu[n][i] * mu[n][i] + Math.exp(lv) - lv - 1;
            }
        }
        return 0.5 * s / mu.length;
    }

    /**
     * Codebook perplexity {@code exp(-sum_k p_k ln p_k)} with {@code p_k = c_k / sum c}; codes with zero count are
     * skipped ({@code 0 ln 0 = 0}). It is 1 when one code is used and K when K codes are used equally often.
     *
     * @param codeCounts how often each code was chosen; non-negative, not all zero
     */
    public static double perplexity(long[] codeCounts) {
        if (codeCounts == null || codeCounts.length == 0) {
            throw new IllegalArgumentException("codeCounts is empty");
        }
        double total = 0;
        for (int k = 0; k < codeCounts.length; k++) {
            if (codeCounts[k] < 0) {
                throw new IllegalArgumentException("codeCounts[" + k + "] is negative: " + codeCounts[k]);
            }
            total += codeCounts[k];
        }
        if (total == 0) {
            throw new IllegalArgumentException("codeCounts are all zero");
        }
        double h = 0;
        for (long c : codeCounts) {
            if (c > 0) {
                double p = c / total;
                h -= p * Math.log(p);
            }
        }
        return Math.exp(h);
    }

    /**
     * Relative invariance error {@code mean|zT - z| / mean|z|}, both means over all N D entries, where {@code zT} are
     * the codes of the transformed inputs: 0 for a perfectly invariant code.
     *
     * @throws IllegalArgumentException if the shapes differ or {@code z} is all zeros
     */
    public static double invarianceError(double[][] z, double[][] zT) {
        ArgumentChecks.sameShape(z, "z", zT, "zT");
        double diff = 0;
        double norm = 0;
        for (int n = 0; n < z.length; n++) {
            for (int i = 0; i < z[n].length; i++) {
                diff += Math.abs(zT[n][i] - z[n][i]);
                norm += Math.abs(z[n][i]);
            }
        }
        if (norm == 0) {
            throw new IllegalArgumentException("z is all zeros: the relative invariance error is undefined");
        }
        return diff / norm;
    }
}
