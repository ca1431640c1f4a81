package org.repcon.evaluation;

/**
 * Principal component analysis of latents {@code z[n][i]} (N samples, D dimensions).
 *
 * <p>With the mean {@code m = (1/N) sum_n z_n} and the covariance {@code C = (1/(N-1)) sum_n (z_n - m)(z_n - m)^T},
 * the components are the unit eigenvectors {@code v_1, ..., v_D} of {@code C} ordered by eigenvalue
 * {@code lambda_1 >= ... >= lambda_D} ({@link SymmetricEigen}, Jacobi). Each component's sign is fixed so that its
 * entry of largest magnitude is positive. The projection onto the top k components is
 * {@code p_nk = (z_n - m) . v_k}, and the explained variance ratio is {@code lambda_k / sum_j lambda_j} (negative
 * round-off eigenvalues count as 0; all ratios are 0 when the data have no variance).
 */
public final class Pca {
    private final double[] mean;
    private final double[] variances;
    private final double[][] components;

    private Pca(double[] mean, double[] variances, double[][] components) {
        this.mean = mean;
        this.variances = variances;
        this.components = components;
    }

    /** Fits all D components to at least two samples. */
    public static Pca fit(double[][] z) {
        int d = ArgumentChecks.matrix(z, "z");
        if (z.length < 2) {
            throw new IllegalArgumentException("PCA needs at least 2 samples, got " + z.length);
        }
        double[] mean = new double[d];
        for (double[] row : z) {
            for (int i = 0; i < d; i++) {
                mean[i] += row[i];
            }
        }
        for (int i = 0; i < d; i++) {
            mean[i] /= z.length;
        }
        double[][] cov = new double[d][d];
        double[] c = new double[d];
        for (double[] row : z) {
            for (int i = 0; i < d; i++) {
                c[i] = row[i] - mean[i];
            }
            for (int i = 0; i < d; i++) {
                double ci = c[i];
                double[] ri = cov[i];
                for (int j = i; j < d; j++) {
                    ri[j] += ci * c[j];
                }
            }
        }
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                cov[i][j] /= z.length - 1;
                cov[j][i] = cov[i][j];
            }
        }
        SymmetricEigen eig = SymmetricEigen.of(cov);
        double[][] comps = eig.vectors();
        for (double[] v : comps) {
            int arg = 0;
            for (int i = 1; i < d; i++) {
                if (Math.abs(v[i]) > Math.abs(v[arg])) {
                    arg = i;
                }
            }
            if (v[arg] < 0) {
                for (int i = 0; i < d; i++) {
                    v[i] = -v[i];
                }
            }
        }
        return new Pca(mean, eig.values(), comps);
    }

    /** Fits on {@code z} and returns its projection onto the top {@code k} components, {@code [N][k]}. */
    public static double[][] fitProject(double[][] z, int k) {
        return fit(z).project(z, k);
    }

    /** Number of input dimensions D. */
    public int dimension() {
        return mean.length;
    }

    /** The mean {@code m} (a copy). */
    public double[] mean() {
        return mean.clone();
    }

    /** Eigenvalues of the covariance (variance along each component), descending (a copy). */
    public double[] variances() {
        return variances.clone();
    }

    /** Component {@code k} (0-based), a unit vector of length D (a copy). */
    public double[] component(int k) {
        checkK(k + 1);
        return components[k].clone();
    }

    /** {@code lambda_k / sum_j lambda_j} for every component, descending. */
    public double[] explainedVarianceRatio() {
        double total = 0;
        for (double v : variances) {
            total += Math.max(0, v);
        }
        double[] r = new double[variances.length];
        for (int k = 0; k < r.length; k++) {
            r[k] = total == 0 ? 0 : Math.max(0, variances[k]) / total;
        }
        return r;
    }

    /** Projects {@code z} (same D as the fitted data) onto the top {@code k} components: {@code [N][k]}. */
    public double[][] project(double[][] z, int k) {
        int d = ArgumentChecks.matrix(z, "z");
        if (d != mean.length) {
            throw new IllegalArgumentException("z has " + d + " columns but the PCA was fitted on " + mean.length);
        }
        checkK(k);
        double[][] out = new double[z.length][k];
        double[] c = new double[d];
        for (int n = 0; n < z.length; n++) {
            for (int i = 0; i < d; i++) {
                c[i] = z[n][i] - mean[i];
            }
            for (int j = 0; j < k; j++) {
                double s = 0;
                double[] v = components[j];
                for (int i = 0; i < d; i++) {
                    s += c[i] * v[i];
                }
                out[n][j] = s;
            }
        }
        return out;
    }

    private void checkK(int k) {
        if (k < 1 || k > mean.length) {
            throw new IllegalArgumentException("k must be in [1, " + mean.length + "], got " + k);
        }
    }
}
