package org.repcon.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Exact t-SNE (van der Maaten and Hinton 2008) in plain Java, O(N^2) time and memory per iteration: meant for up to a
 * few thousand points (at most {@value #MAX_POINTS}).
 *
 * <p><b>Affinities.</b> With squared Euclidean input distances {@code d_ij = ||x_i - x_j||^2}, each row uses
 * {@code p_j|i = exp(-beta_i d_ij) / sum_{k != i} exp(-beta_i d_ik)} where {@code beta_i} is found by bisection (at
 * most 100 steps, tolerance 1e-5 nats) such that the entropy {@code H_i = -sum_j p_j|i ln p_j|i} equals
 * {@code ln(perplexity)}. The joint affinities are {@code p_ij = (p_j|i + p_i|j) / (2N)}, floored at 1e-12.
 *
 * <p><b>Embedding.</b> {@code q_ij = w_ij / Z} with the Student-t kernel {@code w_ij = 1 / (1 + ||y_i - y_j||^2)} and
 * {@code Z = sum_{k != l} w_kl}; the objective is {@code KL(P || Q) = sum_{i != j} p_ij ln(p_ij / q_ij)} with gradient
 * {@code dC/dy_i = 4 sum_j (p_ij - q_ij) w_ij (y_i - y_j)}. The start is {@code y ~ N(0, 1e-4^2)} from the seed.
 * Gradient descent as in scikit-learn: per-coordinate gains ({@code +0.2} where the gradient's sign differs from the
 * last update's, else {@code x0.8}, at least 0.01), {@code u <- momentum u - learningRate gains grad},
 * {@code y <- y + u}, then re-centring. Defaults: early exaggeration 12 (P multiplied by it) with momentum 0.5 for the
 * first 250 iterations, momentum 0.8 afterwards, learning rate 200, 1,000 iterations. For a few hundred points a
 * rate of 200 makes the KL divergence oscillate after the exaggeration phase (it still decreases overall);
 * scikit-learn's "auto" rate {@code max(N / 48, 50)} converges smoothly there.
 *
 * <p>Rows are split between {@code threads} workers; every sum is formed in a fixed order, so the result depends on
 * the seed only, not on the thread count.
 */
public final class Tsne {
    /** Largest accepted number of points (an N x N double matrix is held in memory). */
    public static final int MAX_POINTS = 5000;
    private static final double P_FLOOR = 1e-12;
    private static final double MIN_GAIN = 0.01;
    private static final int KL_EVERY = 50;

    private final double perplexity;
    private final int iterations;
    private final int dims;
    private final double learningRate;
    private final double exaggeration;
    private final int exaggerationIterations;
    private final double momentum;
    private final double finalMomentum;
    private final long seed;
    private final int threads;

    private Tsne(Builder b) {
        perplexity = b.perplexity;
        iterations = b.iterations;
        dims = b.dims;
        learningRate = b.learningRate;
        exaggeration = b.exaggeration;
        exaggerationIterations = b.exaggerationIterations;
        momentum = b.momentum;
        finalMomentum = b.finalMomentum;
        seed = b.seed;
        threads = b.threads;
    }

    /** A builder with the defaults above (perplexity 30, seed 0, 2 threads, 2 output dimensions). */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Embeds the rows of {@code x} ({@code [N][D]}, finite, N &gt; perplexity + 1).
     *
     * @return the embedding and the KL divergence recorded every 50 iterations
     */
    public TsneResult fit(double[][] x) {
        ArgumentChecks.matrix(x, "x");
        int n = x.length;
        if (n > MAX_POINTS) {
            throw new IllegalArgumentException("exact t-SNE takes at most " + MAX_POINTS + " points, got " + n
                    + "; subsample first");
        }
        if (!(perplexity < n - 1)) {
            throw new IllegalArgumentException("perplexity " + perplexity + " must be smaller than N - 1 = " + (n - 1));
        }
        ExecutorService pool = threads > 1 ? Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "tsne");
            t.setDaemon(true);
            return t;
        }) : null;
        try {
            return new Run(x, pool).optimise();
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
    }

    /**
     * Conditional affinities {@code p_j|i} of one row by bisection on {@code beta}; {@code dist} holds the squared
     * distances of row {@code i} (entry i ignored), the result is written to {@code out} (entry i = 0).
     */
    static void conditionalRow(double[] dist, int i, double perplexity, double[] out) {
        int n = dist.length;
        double dmin = Double.POSITIVE_INFINITY;
        for (int j = 0; j < n; j++) {
            if (j != i) {
                dmin = Math.min(dmin, dist[j]);
            }
        }
        double target = Math.log(perplexity);
        double beta = 1;
        double lo = Double.NEGATIVE_INFINITY;
        double hi = Double.POSITIVE_INFINITY;
        for (int step = 0; step < 100; step++) {
            double sum = 0;
            double weighted = 0;
            for (int j = 0; j < n; j++) {
                if (j == i) {
                    out[j] = 0;
                    continue;
                }
                double dj = dist[j] - dmin; // shifting by the minimum cancels in the normalisation
                double p = Math.exp(-beta * dj);
                out[j] = p;
                sum += p;
                weighted += dj * p;
            }
            double h = Math.log(sum) + beta * weighted / sum;
            for (int j = 0; j < n; j++) {
                out[j] /= sum;
            }
            double diff = h - target;
            if (Math.abs(diff) <= 1e-5) {
                break;
            }
            if (diff > 0) {
                lo = beta;
                beta = hi == Double.POSITIVE_INFINITY ? beta * 2 : (beta + hi) / 2;
            } else {
                hi = beta;
                beta = lo == Double.NEGATIVE_INFINITY ? beta / 2 : (beta + lo) / 2;
            }
        }
    }

    /** Joint affinities {@code p_ij}, flat row-major {@code [N*N]}, diagonal 0. */
    static double[] jointAffinities(double[][] x, double perplexity) {
        int n = x.length;
        double[] p = new double[n * n];
        double[] dist = new double[n];
        double[] row = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int k = 0; k < x[i].length; k++) {
                    double d = x[i][k] - x[j][k];
                    s += d * d;
                }
                dist[j] = s;
            }
            conditionalRow(dist, i, perplexity, row);
            System.arraycopy(row, 0, p, i * n, n);
        }
        double norm = 2.0 * n;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double s = Math.max((p[i * n + j] + p[j * n + i]) / norm, P_FLOOR);
                p[i * n + j] = s;
                p[j * n + i] = s;
            }
        }
        return p;
    }

    /** {@code KL(P || Q)} of embedding {@code y} (flat {@code [N*dims]}). */
    static double klDivergence(double[] p, double[] y, int n, int dims) {
        double z = 0;
        double cross = 0; // sum p_ij ln w_ij
        double entropy = 0; // sum p_ij ln p_ij
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (j == i) {
                    continue;
                }
                double d2 = 0;
                for (int k = 0; k < dims; k++) {
                    double d = y[i * dims + k] - y[j * dims + k];
                    d2 += d * d;
                }
                double w = 1 / (1 + d2);
                z += w;
                double pij = p[i * n + j];
                entropy += pij * Math.log(pij);
                cross += pij * Math.log(w);
            }
        }
        double psum = 0;
        for (int i = 0; i < n * n; i++) {
            psum += p[i];
        }
        // sum p ln(p / q) = sum p ln p - sum p ln w + (sum p) ln Z, with q = w / Z (not floored)
        return entropy - cross + psum * Math.log(z);
    }

    /** Gradient of {@code KL(P || Q)} at {@code y} (single-threaded; the optimiser uses the same sums in parallel). */
    static double[] klGradient(double[] p, double[] y, int n, int dims) {
        double[] a = new double[n * dims];
        double[] r = new double[n * dims];
        double[] z = new double[n];
        double[] g = new double[n * dims];
        rowSums(p, y, n, dims, 0, n, a, r, z);
        combine(1, a, r, z, g);
        return g;
    }

    /** {@code grad_i = 4 (ex a_i - r_i / Z)}, {@code Z = sum_i rowZ_i} summed in index order. */
    private static void combine(double ex, double[] attract, double[] repulse, double[] rowZ, double[] grad) {
        double z = 0;
        for (double zi : rowZ) {
            z += zi;
        }
        for (int k = 0; k < grad.length; k++) {
            grad[k] = 4 * (ex * attract[k] - repulse[k] / z);
        }
    }

    /**
     * For rows {@code [from, to)}: {@code a_i = sum_j p_ij w_ij (y_i - y_j)}, {@code r_i = sum_j w_ij^2 (y_i - y_j)}
     * and {@code rowZ_i = sum_{j != i} w_ij}, so that {@code dC/dy_i = 4 (a_i - r_i / Z)} since
     * {@code q_ij w_ij = w_ij^2 / Z}.
     */
    private static void rowSums(double[] p, double[] y, int n, int dims, int from, int to, double[] attract,
            double[] repulse, double[] rowZ) {
        if (dims == 2) {
            rowSums2(p, y, n, from, to, attract, repulse, rowZ);
            return;
        }
        double[] a = new double[dims];
        double[] r = new double[dims];
        double[] d = new double[dims];
        for (int i = from; i < to; i++) {
            java.util.Arrays.fill(a, 0);
            java.util.Arrays.fill(r, 0);
            double zi = 0;
            int base = i * n;
            for (int j = 0; j < n; j++) {
                if (j == i) {
                    continue;
                }
                double d2 = 0;
                for (int k = 0; k < dims; k++) {
                    d[k] = y[i * dims + k] - y[j * dims + k];
                    d2 += d[k] * d[k];
                }
                double w = 1 / (1 + d2);
                double pw = p[base + j] * w;
                double ww = w * w;
                zi += w;
                for (int k = 0; k < dims; k++) {
                    a[k] += pw * d[k];
                    r[k] += ww * d[k];
                }
            }
            rowZ[i] = zi;
            System.arraycopy(a, 0, attract, i * dims, dims);
            System.arraycopy(r, 0, repulse, i * dims, dims);
        }
    }

    /** {@link #rowSums} for two dimensions with scalar locals (the hot loop of a 2-D embedding). */
    private static void rowSums2(double[] p, double[] y, int n, int from, int to, double[] attract, double[] repulse,
            double[] rowZ) {
        for (int i = from; i < to; i++) {
            double yi0 = y[2 * i];
            double yi1 = y[2 * i + 1];
            double a0 = 0;
            double a1 = 0;
            double r0 = 0;
            double r1 = 0;
            double zi = 0;
            int base = i * n;
            for (int j = 0; j < n; j++) {
                // j == i contributes d = 0, w = 1, p_ii = 0: nothing but the 1 removed from zi below
                double d0 = yi0 - y[2 * j];
                double d1 = yi1 - y[2 * j + 1];
                double w = 1 / (1 + d0 * d0 + d1 * d1);
                double pw = p[base + j] * w;
                double ww = w * w;
                zi += w;
                a0 += pw * d0;
                a1 += pw * d1;
                r0 += ww * d0;
                r1 += ww * d1;
            }
            rowZ[i] = zi - 1;
            attract[2 * i] = a0;
            attract[2 * i + 1] = a1;
            repulse[2 * i] = r0;
            repulse[2 * i + 1] = r1;
        }
    }

    /** For rows {@code [from, to)}: {@code cross_i = sum_{j != i} p_ij ln(1 + ||y_i - y_j||^2)} and {@code rowZ_i}. */
    private static void klRowSums(double[] p, double[] y, int n, int dims, int from, int to, double[] cross,
            double[] rowZ) {
        for (int i = from; i < to; i++) {
            double c = 0;
            double zi = 0;
            int base = i * n;
            for (int j = 0; j < n; j++) {
                if (j == i) {
                    continue;
                }
                double d2 = 0;
                for (int k = 0; k < dims; k++) {
                    double d = y[i * dims + k] - y[j * dims + k];
                    d2 += d * d;
                }
                zi += 1 / (1 + d2);
                c += p[base + j] * Math.log1p(d2);
            }
            cross[i] = c;
            rowZ[i] = zi;
        }
    }

    /** One optimisation: state and the parallel gradient. */
    private final class Run {
        private final int n;
        private final double[] p;
        private final double[] y;
        private final double[] grad;
        private final double[] update;
        private final double[] gains;
        private final double[] attract; // sum_j p_ij w_ij (y_i - y_j), per row
        private final double[] repulse; // sum_j w_ij^2 (y_i - y_j), per row
        private final double[] rowZ;
        private final double[] cross;
        private final double entropy; // sum p ln p
        private final double psum; // sum p (1 up to the floor)
        private final ExecutorService pool;

        Run(double[][] x, ExecutorService pool) {
            this.n = x.length;
            this.pool = pool;
            this.p = jointAffinities(x, perplexity);
            this.y = new double[n * dims];
            Random rng = new Random(seed);
            for (int i = 0; i < y.length; i++) {
                y[i] = 1e-4 * rng.nextGaussian();
            }
            grad = new double[n * dims];
            update = new double[n * dims];
            gains = new double[n * dims];
            java.util.Arrays.fill(gains, 1);
            attract = new double[n * dims];
            repulse = new double[n * dims];
            rowZ = new double[n];
            cross = new double[n];
            double h = 0;
            double ps = 0;
            for (double v : p) {
                if (v > 0) {
                    h += v * Math.log(v);
                    ps += v;
                }
            }
            entropy = h;
            psum = ps;
        }

        /** {@code KL = sum p ln p + sum p ln(1 + d^2) + (sum p) ln Z}, rows in parallel, sums in index order. */
        private double kl() {
            parallelRows((from, to) -> klRowSums(p, y, n, dims, from, to, cross, rowZ));
            double c = 0;
            double z = 0;
            for (int i = 0; i < n; i++) {
                c += cross[i];
                z += rowZ[i];
            }
            return entropy + c + psum * Math.log(z);
        }

        TsneResult optimise() {
            List<Integer> klIt = new ArrayList<>();
            List<Double> kl = new ArrayList<>();
            klIt.add(0);
            kl.add(kl());
            for (int it = 0; it < iterations; it++) {
                boolean early = it < exaggerationIterations;
                gradient(early ? exaggeration : 1);
                double mom = early ? momentum : finalMomentum;
                for (int k = 0; k < y.length; k++) {
                    boolean opposite = update[k] * grad[k] < 0; // sign of gradient differs from last update's
                    gains[k] = Math.max(MIN_GAIN, opposite ? gains[k] + 0.2 : gains[k] * 0.8);
                    update[k] = mom * update[k] - learningRate * gains[k] * grad[k];
                    y[k] += update[k];
                }
                centre();
                int done = it + 1;
                if (done % KL_EVERY == 0 || done == iterations) {
                    klIt.add(done);
                    kl.add(kl());
                }
            }
            double[][] emb = new double[n][dims];
            for (int i = 0; i < n; i++) {
                System.arraycopy(y, i * dims, emb[i], 0, dims);
            }
            int[] its = klIt.stream().mapToInt(Integer::intValue).toArray();
            double[] hist = kl.stream().mapToDouble(Double::doubleValue).toArray();
            return new TsneResult(emb, hist[hist.length - 1], its, hist);
        }

        private void centre() {
            for (int k = 0; k < dims; k++) {
                double m = 0;
                for (int i = 0; i < n; i++) {
                    m += y[i * dims + k];
                }
                m /= n;
                for (int i = 0; i < n; i++) {
                    y[i * dims + k] -= m;
                }
            }
        }

        private void gradient(double ex) {
            parallelRows((from, to) -> rowSums(p, y, n, dims, from, to, attract, repulse, rowZ));
            combine(ex, attract, repulse, rowZ, grad);
        }

        private void parallelRows(RowTask task) {
            if (pool == null) {
                task.run(0, n);
                return;
            }
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int from = (int) ((long) n * t / threads);
                int to = (int) ((long) n * (t + 1) / threads);
                futures.add(pool.submit(() -> task.run(from, to)));
            }
            try {
                for (Future<?> f : futures) {
                    f.get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("t-SNE interrupted", e);
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("t-SNE worker failed", e.getCause());
            }
        }
    }

    @FunctionalInterface
    private interface RowTask {
        void run(int from, int to);
    }

    /** Options of {@link Tsne}; every setter checks its argument. */
    public static final class Builder {
        private double perplexity = 30;
        private int iterations = 1000;
        private int dims = 2;
        private double learningRate = 200;
        private double exaggeration = 12;
        private int exaggerationIterations = 250;
        private double momentum = 0.5;
        private double finalMomentum = 0.8;
        private long seed;
        private int threads = 2;

        private Builder() {
        }

        /** Effective number of neighbours (default 30); must be below N - 1. */
        public Builder optPerplexity(double perplexity) {
            if (!(perplexity >= 1) || Double.isInfinite(perplexity)) {
                throw new IllegalArgumentException("perplexity must be finite and >= 1: " + perplexity);
            }
            this.perplexity = perplexity;
            return this;
        }

        /** Total gradient iterations (default 1000), including the early-exaggeration phase. */
        public Builder optIterations(int iterations) {
            if (iterations < 0) {
                throw new IllegalArgumentException("iterations must be >= 0: " + iterations);
            }
            this.iterations = iterations;
            return this;
        }

        /** Dimensions of the embedding (default 2). */
        public Builder optDimensions(int dims) {
            if (dims < 1) {
                throw new IllegalArgumentException("dimensions must be >= 1: " + dims);
            }
            this.dims = dims;
            return this;
        }

        /** Learning rate (default 200). */
        public Builder optLearningRate(double learningRate) {
            if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
                throw new IllegalArgumentException("learning rate must be positive and finite: " + learningRate);
            }
            this.learningRate = learningRate;
            return this;
        }

        /** Early exaggeration factor (default 12) and its number of iterations (default 250). */
        public Builder optEarlyExaggeration(double factor, int iterations) {
            if (!(factor >= 1) || Double.isInfinite(factor)) {
                throw new IllegalArgumentException("exaggeration must be finite and >= 1: " + factor);
            }
            if (iterations < 0) {
                throw new IllegalArgumentException("exaggeration iterations must be >= 0: " + iterations);
            }
            this.exaggeration = factor;
            this.exaggerationIterations = iterations;
            return this;
        }

        /** Momentum during (default 0.5) and after (default 0.8) the early-exaggeration phase. */
        public Builder optMomentum(double early, double late) {
            if (!(early >= 0 && early < 1) || !(late >= 0 && late < 1)) {
                throw new IllegalArgumentException("momenta must be in [0, 1): " + early + ", " + late);
            }
            this.momentum = early;
            this.finalMomentum = late;
            return this;
        }

        /** Seed of the initial embedding (default 0). */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Worker threads (default 2); the result does not depend on it. */
        public Builder optThreads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be >= 1: " + threads);
            }
            this.threads = threads;
            return this;
        }

        public Tsne build() {
            return new Tsne(this);
        }
    }
}
