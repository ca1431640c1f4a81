package org.repcon.anomaly.transform;

/**
 * GEOM's Dirichlet normality score (Golan and El-Yaniv 2018, section 4): for each transform k, the softmax outputs
 * {@code p_k(x) = softmax(f(T_k x))} of normal images are modelled as Dirichlet(alpha_k) (K parameters per transform),
 * fitted by maximum likelihood on normal images; the normality of x is
 * <pre>
 *   n(x) = sum_k sum_j (alpha_kj - 1) log p_k(x)_j
 * </pre>
 * (the log density without the constant normalisers), and the anomaly score is {@code -n(x)} (higher = more anomalous).
 * Inputs are log-probabilities, {@code logP[i][k][j] = log softmax(f(T_k x_i))_j}, so that probabilities that underflow
 * in float32 still have finite logs.
 *
 * <p>Fit (Minka 2000, GEOM's {@code fixed_point_dirichlet_mle}): with {@code l_j = mean_i log p_ij}, start from
 * {@code alpha = mean_i p_i * s}, s GEOM's moment approximation of the precision
 * {@code s = N (K - 1) (-psi(1)) / (N sum_j f_j log f_j - sum_j f_j sum_i log p_ij)}, f = mean_i p_i, and iterate
 * {@code alpha_j <- psi^{-1}(psi(sum alpha) + l_j)} until the step's L2 norm is below 1e-9 (at most 1000 times); the
 * inverse digamma by Newton's method from Minka's starting point.
 */
public final class DirichletScore {
    private static final double EULER = 0.57721566490153286;
    private final double[][] alpha;

    private DirichletScore(double[][] alpha) {
        this.alpha = alpha;
    }

    /** Fits alpha_k for every transform k on the log-probabilities [N][K][K] of normal images (N >= 2). */
    public static DirichletScore fit(double[][][] logP) {
        if (logP.length < 2) {
            throw new IllegalArgumentException("fitting a Dirichlet needs at least 2 normal images, got " + logP.length);
        }
        int k = logP[0].length;
        double[][] alpha = new double[k][];
        for (int t = 0; t < k; t++) {
            double[][] rows = new double[logP.length][];
            for (int i = 0; i < logP.length; i++) {
                rows[i] = logP[i][t];
            }
            alpha[t] = mle(rows);
        }
        return new DirichletScore(alpha);
    }

    /** The maximum-likelihood Dirichlet parameters of observations given as log-probabilities [N][D]. */
    public static double[] mle(double[][] logP) {
        int n = logP.length;
        int d = logP[0].length;
        double[] meanLog = new double[d];
        double[] meanP = new double[d];
        for (double[] row : logP) {
            if (row.length != d) {
                throw new IllegalArgumentException("observations of different lengths: " + d + " and " + row.length);
            }
            for (int j = 0; j < d; j++) {
                meanLog[j] += row[j] / n;
                meanP[j] += Math.exp(row[j]) / n;
            }
        }
        double fLogF = 0;
        double fSumLog = 0;
        for (int j = 0; j < d; j++) {
            fLogF += meanP[j] * Math.log(meanP[j]);
            fSumLog += meanP[j] * meanLog[j] * n;
        }
        double s = n * (d - 1) * EULER / (n * fLogF - fSumLog);
        if (!(s > 0) || Double.isInfinite(s)) {
            s = d; // identical observations or round-off: a neutral start; the iteration decides
        }
        double[] a = new double[d];
        for (int j = 0; j < d; j++) {
            a[j] = Math.max(1e-6, meanP[j] * s);
        }
        for (int it = 0; it < 1000; it++) {
            double sum = 0;
            for (double v : a) {
                sum += v;
            }
            double psiSum = digamma(sum);
            double step = 0;
            double[] next = new double[d];
            for (int j = 0; j < d; j++) {
                next[j] = inverseDigamma(psiSum + meanLog[j]);
                step += (next[j] - a[j]) * (next[j] - a[j]);
            }
            a = next;
            if (Math.sqrt(step) < 1e-9) {
                break;
            }
        }
        return a;
    }

    /** alpha_k of transform k; a copy. */
    public double[] alpha(int k) {
        return alpha[k].clone();
    }

    /** The anomaly score {@code -sum_k (alpha_k - 1) . log p_k(x)} of every image, from log-probabilities [N][K][K]. */
    public double[] score(double[][][] logP) {
        double[] out = new double[logP.length];
        for (int i = 0; i < logP.length; i++) {
            if (logP[i].length != alpha.length) {
                throw new IllegalArgumentException("image " + i + " has " + logP[i].length + " transforms; the fit had " + alpha.length);
            }
            double n = 0;
            for (int t = 0; t < alpha.length; t++) {
                for (int j = 0; j < alpha[t].length; j++) {
                    n += (alpha[t][j] - 1) * logP[i][t][j];
                }
            }
            out[i] = -n;
        }
        return out;
    }

    /** psi(x) = d/dx log Gamma(x) for x > 0: recurrence up to x >= 10, then the asymptotic series. */
    public static double digamma(double x) {
        if (!(x > 0)) {
            throw new IllegalArgumentException("digamma needs x > 0, got " + x);
        }
        double r = 0;
        while (x < 10) {
            r -= 1 / x;
            x += 1;
        }
        double f = 1 / (x * x);
        return r + Math.log(x) - 0.5 / x - f * (1.0 / 12 - f * (1.0 / 120 - f * (1.0 / 252 - f * (1.0 / 240 - f / 132))));
    }

    /** psi'(x) for x > 0: recurrence up to x >= 10, then the asymptotic series. */
    public static double trigamma(double x) {
        if (!(x > 0)) {
            throw new IllegalArgumentException("trigamma needs x > 0, got " + x);
        }
        double r = 0;
        while (x < 10) {
            r += 1 / (x * x);
            x += 1;
        }
        double f = 1 / (x * x);
        return r + 1 / x + f / 2 + f / x * (1.0 / 6 - f * (1.0 / 30 - f * (1.0 / 42 - f / 30)));
    }

    /** x with psi(x) = y: Newton's method from Minka's start (exp(y) + 1/2 for y >= -2.22, else -1 / (y + gamma)). */
    public static double inverseDigamma(double y) {
        double x = y >= -2.22 ? Math.exp(y) + 0.5 : -1 / (y + EULER);
        for (int i = 0; i < 30; i++) {
            double dx = (digamma(x) - y) / trigamma(x);
            double next = x - dx;
            x = next > 0 ? next : x / 2;
            if (Math.abs(dx) < 1e-14 * Math.max(1, x)) {
                break;
            }
        }
        return x;
    }
}
