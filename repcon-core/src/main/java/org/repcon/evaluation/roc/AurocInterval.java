package org.repcon.evaluation.roc;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A bootstrap percentile interval of the AUROC (Efron and Tibshirani 1993, ch. 13). Stratified: each of the B
 * replicates draws n_n normal and n_a anomalous scores with replacement from their own groups (so every replicate has
 * both groups, in the observed proportion), and computes {@link Auroc#of} on them. The interval at level 1 - alpha
 * is the alpha/2 and 1 - alpha/2 empirical quantiles of the B replicates (quantile q: the value at sorted index
 * {@code round(q (B - 1))}). Draws come from {@code new SplittableRandom(seed)}, so an interval is reproducible.
 *
 * @param estimate the AUROC of the observed scores
 * @param lower the lower end
 * @param upper the upper end
 * @param level the coverage aimed at, e.g. 0.95
 * @param replicates B
 */
public record AurocInterval(double estimate, double lower, double upper, double level, int replicates) {

    /** B used by the experiments unless they say otherwise. */
    public static final int DEFAULT_REPLICATES = 1000;

    /**
     * The interval of {@code anomalous} against {@code normal} scores.
     *
     * @param level coverage in (0, 1), e.g. 0.95
     * @param replicates B >= 2
     * @throws IllegalArgumentException on empty or non-finite scores, or a level or B out of range
     */
    public static AurocInterval of(double[] normal, double[] anomalous, double level, int replicates, long seed) {
        Scores.check(normal, "normal scores");
        Scores.check(anomalous, "anomalous scores");
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("level must be in (0, 1), e.g. 0.95, got " + level);
        }
        double[] values = replicates(normal, anomalous, replicates, seed);
        return fromReplicates(Auroc.of(normal, anomalous), values, level);
    }

    /**
     * The B bootstrap AUROCs of the stratified resampling described above, in the order drawn (so that replicates of
     * several problems with the same B can be combined draw by draw, e.g. averaged into replicates of a mean AUROC).
     */
    public static double[] replicates(double[] normal, double[] anomalous, int replicates, long seed) {
        Scores.check(normal, "normal scores");
        Scores.check(anomalous, "anomalous scores");
        if (replicates < 2) {
            throw new IllegalArgumentException("replicates (B) must be at least 2, got " + replicates);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        double[] values = new double[replicates];
        double[] n = new double[normal.length];
        double[] a = new double[anomalous.length];
        for (int b = 0; b < replicates; b++) {
            for (int i = 0; i < n.length; i++) {
                n[i] = normal[rng.nextInt(normal.length)];
            }
            for (int i = 0; i < a.length; i++) {
                a[i] = anomalous[rng.nextInt(anomalous.length)];
            }
            values[b] = Auroc.of(n, a);
        }
        return values;
    }

    /** The percentile interval at {@code level} around {@code estimate} from bootstrap replicates (any order). */
    public static AurocInterval fromReplicates(double estimate, double[] replicates, double level) {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("level must be in (0, 1), e.g. 0.95, got " + level);
        }
        if (replicates.length < 2) {
            throw new IllegalArgumentException("need at least 2 replicates, got " + replicates.length);
        }
        double[] sorted = replicates.clone();
        Arrays.sort(sorted);
        double alpha = 1 - level;
        return new AurocInterval(estimate, quantile(sorted, alpha / 2), quantile(sorted, 1 - alpha / 2), level, sorted.length);
    }

    private static double quantile(double[] sorted, double q) {
        return sorted[(int) Math.round(q * (sorted.length - 1))];
    }

    /** Whether {@code value} lies in [lower, upper]. */
    public boolean covers(double value) {
        return value >= lower && value <= upper;
    }
}
