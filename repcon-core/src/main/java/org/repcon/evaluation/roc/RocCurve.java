package org.repcon.evaluation.roc;

import java.util.Arrays;

/**
 * The ROC curve of an anomaly score (higher = more anomalous; an image is flagged when its score is >= the
 * threshold): for each distinct score value v, from the highest down, the point
 * {@code (false-alarm rate, detection rate) = (#{n: s_n >= v} / n_n, #{a: s_a >= v} / n_a)}, preceded by (0, 0)
 * (threshold +infinity). The last point is (1, 1). The trapezoidal area under these points equals {@link Auroc#of}
 * (ties become a straight segment, i.e. count half).
 *
 * @param falseAlarm false-alarm rates (false positive rate), non-decreasing, from 0 to 1
 * @param detection detection rates (true positive rate), non-decreasing, from 0 to 1
 * @param thresholds the threshold of each point (the first is +infinity)
 */
public record RocCurve(double[] falseAlarm, double[] detection, double[] thresholds) {

    /**
     * The curve of {@code anomalous} against {@code normal} scores.
     *
     * @throws IllegalArgumentException if either is empty or holds a non-finite score
     */
    public static RocCurve of(double[] normal, double[] anomalous) {
        Scores.check(normal, "normal scores");
        Scores.check(anomalous, "anomalous scores");
        double[] n = normal.clone();
        double[] a = anomalous.clone();
        Arrays.sort(n);
        Arrays.sort(a);
        double[] values = new double[n.length + a.length];
        System.arraycopy(n, 0, values, 0, n.length);
        System.arraycopy(a, 0, values, n.length, a.length);
        double[] distinct = Arrays.stream(values).sorted().distinct().toArray();
        int points = distinct.length + 1;
        double[] fa = new double[points];
        double[] det = new double[points];
        double[] th = new double[points];
        th[0] = Double.POSITIVE_INFINITY;
        int in = n.length; // index of the first normal score >= the current threshold
        int ia = a.length;
        for (int k = 1; k < points; k++) {
            double v = distinct[distinct.length - k];
            while (in > 0 && n[in - 1] >= v) {
                in--;
            }
            while (ia > 0 && a[ia - 1] >= v) {
                ia--;
            }
            fa[k] = (n.length - in) / (double) n.length;
            det[k] = (a.length - ia) / (double) a.length;
            th[k] = v;
        }
        return new RocCurve(fa, det, th);
    }

    /** The trapezoidal area under the points: equals {@link Auroc#of} of the same scores. */
    public double area() {
        double s = 0;
        for (int k = 1; k < falseAlarm.length; k++) {
            s += (falseAlarm[k] - falseAlarm[k - 1]) * (detection[k] + detection[k - 1]) / 2;
        }
        return s;
    }
}
