package org.repcon.diffusion.schedule;

import java.util.Arrays;

/**
 * The variances {@code beta_t} of a DDPM's forward process, t = 0 .. T-1 (0-based; Ho et al.'s t = 1 .. T), and every
 * number derived from them, in float64 (as Ho et al.'s {@code GaussianDiffusion2} computes them in numpy):
 * <pre>
 * alpha_t        = 1 - beta_t
 * alphaBar_t     = prod_{s <= t} alpha_s                    alphaBarPrev_t = alphaBar_{t-1}  (alphaBarPrev_0 = 1)
 * q(x_t | x_0)   = N(sqrt(alphaBar_t) x_0, (1 - alphaBar_t) I)
 * q(x_{t-1} | x_t, x_0) = N(c1_t x_0 + c2_t x_t, posteriorVariance_t I) with
 *   c1_t = beta_t sqrt(alphaBarPrev_t) / (1 - alphaBar_t)
 *   c2_t = (1 - alphaBarPrev_t) sqrt(alpha_t) / (1 - alphaBar_t)
 *   posteriorVariance_t = beta_t (1 - alphaBarPrev_t) / (1 - alphaBar_t)     (0 at t = 0)
 *   posteriorLogVarianceClipped_t = log(posteriorVariance_max(t, 1))           (log 0 avoided at t = 0)
 * </pre>
 * Arrays returned are copies.
 */
public final class NoiseSchedule {
    /** Nichol and Dhariwal's offset s of the cosine schedule. */
    public static final double COSINE_OFFSET = 0.008;
    /** Nichol and Dhariwal's clip of beta in the cosine schedule. */
    public static final double MAX_BETA = 0.999;

    private final double[] betas;
    private final double[] alphas;
    private final double[] alphaBar;
    private final double[] alphaBarPrev;
    private final double[] posteriorVariance;
    private final double[] posteriorLogVarianceClipped;
    private final double[] posteriorMeanCoef1;
    private final double[] posteriorMeanCoef2;

    private NoiseSchedule(double[] betas) {
        int n = betas.length;
        if (n < 2) {
            throw new IllegalArgumentException("a noise schedule needs at least 2 timesteps, got " + n);
        }
        for (int t = 0; t < n; t++) {
            if (!(betas[t] > 0 && betas[t] < 1)) {
                throw new IllegalArgumentException("beta_" + t + " = " + betas[t] + " is not in (0, 1)");
            }
        }
        this.betas = betas.clone();
        alphas = new double[n];
        alphaBar = new double[n];
        alphaBarPrev = new double[n];
        posteriorVariance = new double[n];
        posteriorLogVarianceClipped = new double[n];
        posteriorMeanCoef1 = new double[n];
        posteriorMeanCoef2 = new double[n];
        double product = 1;
        for (int t = 0; t < n; t++) {
            alphas[t] = 1 - betas[t];
            alphaBarPrev[t] = product;
            product *= alphas[t];
            alphaBar[t] = product;
            posteriorVariance[t] = betas[t] * (1 - alphaBarPrev[t]) / (1 - alphaBar[t]);
            posteriorMeanCoef1[t] = betas[t] * Math.sqrt(alphaBarPrev[t]) / (1 - alphaBar[t]);
            posteriorMeanCoef2[t] = (1 - alphaBarPrev[t]) * Math.sqrt(alphas[t]) / (1 - alphaBar[t]);
        }
        for (int t = 0; t < n; t++) {
            posteriorLogVarianceClipped[t] = Math.log(posteriorVariance[Math.max(t, 1)]);
        }
    }

    /** A schedule with the given betas (each in (0, 1), at least 2). */
    public static NoiseSchedule of(double[] betas) {
        return new NoiseSchedule(betas);
    }

    /** Ho et al.'s linear schedule scaled to T steps: beta from 1e-4 * 1000 / T to 0.02 * 1000 / T, evenly spaced. */
    public static NoiseSchedule linear(int steps) {
        requireSteps(steps);
        double scale = 1000.0 / steps;
        double lo = scale * 1e-4;
        double hi = scale * 0.02;
        if (hi >= 1) {
            throw new IllegalArgumentException("the linear schedule needs T >= 21 (beta_max = 20 / T < 1), got " + steps);
        }
        double[] b = new double[steps];
        for (int t = 0; t < steps; t++) {
            b[t] = lo + (hi - lo) * t / (steps - 1);
        }
        return new NoiseSchedule(b);
    }

    /**
     * Nichol and Dhariwal's cosine schedule: {@code beta_t = min(1 - f((t+1)/T) / f(t/T), 0.999)} with
     * {@code f(u) = cos^2((u + s) / (1 + s) * pi / 2)}, s = 0.008.
     */
    public static NoiseSchedule cosine(int steps) {
        requireSteps(steps);
        double[] b = new double[steps];
        for (int t = 0; t < steps; t++) {
            b[t] = Math.min(1 - cosineAlphaBar((t + 1.0) / steps) / cosineAlphaBar((double) t / steps), MAX_BETA);
        }
        return new NoiseSchedule(b);
    }

    /** {@code f(u) = cos^2((u + s) / (1 + s) * pi / 2)}, not normalised by f(0) (the ratio cancels it). */
    static double cosineAlphaBar(double u) {
        double c = Math.cos((u + COSINE_OFFSET) / (1 + COSINE_OFFSET) * Math.PI / 2);
        return c * c;
    }

    private static void requireSteps(int steps) {
        if (steps < 2) {
            throw new IllegalArgumentException("the number of diffusion steps T must be >= 2, got " + steps);
        }
    }

    /** T. */
    public int steps() {
        return betas.length;
    }

    public double[] betas() {
        return betas.clone();
    }

    public double[] alphas() {
        return alphas.clone();
    }

    public double[] alphaBar() {
        return alphaBar.clone();
    }

    public double[] alphaBarPrev() {
        return alphaBarPrev.clone();
    }

    public double[] posteriorVariance() {
        return posteriorVariance.clone();
    }

    public double[] posteriorLogVarianceClipped() {
        return posteriorLogVarianceClipped.clone();
    }

    public double[] posteriorMeanCoef1() {
        return posteriorMeanCoef1.clone();
    }

    public double[] posteriorMeanCoef2() {
        return posteriorMeanCoef2.clone();
    }

    public double beta(int t) {
        return betas[t];
    }

    public double alpha(int t) {
        return alphas[t];
    }

    public double alphaBar(int t) {
        return alphaBar[t];
    }

    public double alphaBarPrev(int t) {
        return alphaBarPrev[t];
    }

    public double posteriorVariance(int t) {
        return posteriorVariance[t];
    }

    public double posteriorLogVarianceClipped(int t) {
        return posteriorLogVarianceClipped[t];
    }

    public double posteriorMeanCoef1(int t) {
        return posteriorMeanCoef1[t];
    }

    public double posteriorMeanCoef2(int t) {
        return posteriorMeanCoef2[t];
    }

    /** The noise-to-signal ratio of x_t = sqrt(alphaBar) x_0 + sqrt(1 - alphaBar) eps: sqrt((1 - alphaBar_t) / alphaBar_t). */
    public double noiseToSignal(int t) {
        return Math.sqrt((1 - alphaBar[t]) / alphaBar[t]);
    }

    /**
     * The timestep whose noise-to-signal ratio is closest to {@code sigma} (in log): x_0 + sigma n, scaled by
     * sqrt(alphaBar_t), is distributed as x_t when sqrt((1 - alphaBar_t) / alphaBar_t) = sigma.
     */
    public int timestepForNoise(double sigma) {
        if (!(sigma > 0)) {
            throw new IllegalArgumentException("noise level sigma must be > 0, got " + sigma);
        }
        int best = 0;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int t = 0; t < betas.length; t++) {
            double d = Math.abs(Math.log(noiseToSignal(t)) - Math.log(sigma));
            if (d < bestDistance) {
                bestDistance = d;
                best = t;
            }
        }
        return best;
    }

    @Override
    public String toString() {
        return "NoiseSchedule(T=" + betas.length + ", beta " + betas[0] + " .. " + betas[betas.length - 1] + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NoiseSchedule s && Arrays.equals(betas, s.betas);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(betas);
    }
}
