package org.repcon.evaluation.roc;

import java.util.Arrays;

/**
 * The area under the ROC curve of an anomaly score (higher = more anomalous), exact, with ties counted half:
 * <pre>
 * AUROC = P(s_a > s_n) + P(s_a = s_n) / 2 = (1 / (n_a n_n)) sum_{a, n} [s_a > s_n] + [s_a = s_n] / 2
 * </pre>
 * over all pairs of an anomaly a and a normal n. Computed through ranks (the Mann-Whitney U statistic): with the
 * mid-ranks r (1-based, tied values share the mean of their ranks) of all n_a + n_n scores together,
 * {@code U = sum_a r_a - n_a (n_a + 1) / 2} and {@code AUROC = U / (n_a n_n)}; O(n log n).
 */
public final class Auroc {
    private Auroc() {}

    /**
     * AUROC of {@code anomalous} against {@code normal} scores, in [0, 1]; 0.5 is chance, 1 ranks every anomaly above
     * every normal.
     *
     * @throws IllegalArgumentException if either is empty or holds a non-finite score
     */
    public static double of(double[] normal, double[] anomalous) {
        Scores.check(normal, "normal scores");
        Scores.check(anomalous, "anomalous scores");
        int nn = normal.length;
        int na = anomalous.length;
        double[] all = new double[nn + na];
        System.arraycopy(normal, 0, all, 0, nn);
        System.arraycopy(anomalous, 0, all, nn, na);
        Integer[] order = new Integer[all.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (i, j) -> Double.compare(all[i], all[j]));
        double rankSum = 0; // of the anomalies
        for (int start = 0; start < order.length;) {
            int end = start;
            while (end + 1 < order.length && all[order[end + 1]] == all[order[start]]) {
                end++;
            }
            double midRank = (start + end) / 2.0 + 1; // 1-based mean rank of the tied run
            for (int k = start; k <= end; k++) {
                if (order[k] >= nn) {
                    rankSum += midRank;
                }
            }
            start = end + 1;
        }
        double u = rankSum - na * (na + 1.0) / 2;
        return u / ((double) na * nn);
    }
}
