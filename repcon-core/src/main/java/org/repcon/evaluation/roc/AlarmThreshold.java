package org.repcon.evaluation.roc;

import java.util.Arrays;

/**
 * A threshold on an anomaly score set on validation scores of normal data at a stated false-alarm rate alpha, and the
 * rates it gives on other data. An image is flagged (an alarm) when its score is strictly greater than the threshold.
 * The threshold is the empirical (1 - alpha) quantile of the n validation scores: with them sorted ascending
 * s_(1) <= ... <= s_(n) and k = floor(alpha n), it is {@code s_(n - k)}, so at most k of the validation scores,
 * a fraction <= alpha, lie above it (fewer if there are ties at the threshold).
 *
 * @param threshold the threshold
 * @param falseAlarmRate alpha, the rate aimed at
 * @param validationSize n
 */
public record AlarmThreshold(double threshold, double falseAlarmRate, int validationSize) {

    /**
     * The threshold at rate {@code alpha} on the normal {@code validation} scores.
     *
     * @param alpha in [0, 1)
     * @throws IllegalArgumentException on empty or non-finite scores or alpha out of range
     */
    public static AlarmThreshold at(double[] validation, double alpha) {
        Scores.check(validation, "validation scores");
        if (!(alpha >= 0 && alpha < 1)) {
            throw new IllegalArgumentException("the false-alarm rate must be in [0, 1), e.g. 0.05, got " + alpha);
        }
        double[] s = validation.clone();
        Arrays.sort(s);
        int n = s.length;
        int k = (int) Math.floor(alpha * n);
        return new AlarmThreshold(s[n - 1 - k], alpha, n);
    }

    /** Whether a score raises an alarm (score > threshold). */
    public boolean flags(double score) {
        return score > threshold;
    }

    /** The fraction of {@code scores} flagged: the false-alarm rate on normal data, the detection rate on anomalies. */
    public double flaggedFraction(double[] scores) {
        Scores.check(scores, "scores");
        int flagged = 0;
        for (double s : scores) {
            if (flags(s)) {
                flagged++;
            }
        }
        return flagged / (double) scores.length;
    }

    /** The false-alarm rate on {@code normal} scores and the detection rate on {@code anomalous} ones. */
    public Rates rates(double[] normal, double[] anomalous) {
        return new Rates(flaggedFraction(normal), flaggedFraction(anomalous));
    }

    /** What a threshold gives on a labelled set. */
    public record Rates(double falseAlarm, double detection) {}
}
