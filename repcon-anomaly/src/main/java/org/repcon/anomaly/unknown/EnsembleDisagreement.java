package org.repcon.anomaly.unknown;

import java.util.List;

/**
 * Disagreement of an ensemble of K models trained alike but with different seeds: a knowledge (epistemic) score,
 * high where the training data did not pin the models down.
 * <ul>
 *   <li>{@link #pixelVariance}: of the members' reconstructions r_k(x) (D values each), the per-pixel sample variance
 *       across members averaged over the pixels,
 *       <pre>
 *       u(x) = (1 / D) sum_d (1 / (K - 1)) sum_k (r_kd(x) - rbar_d(x))^2,   rbar_d = (1 / K) sum_k r_kd
 *       </pre></li>
 *   <li>{@link #spread}: of a per-image score s_k(x) of each member (e.g. -ELBO bits/dim), the sample standard
 *       deviation across members, sqrt((1 / (K - 1)) sum_k (s_k - sbar)^2);</li>
 *   <li>{@link #mean}: the members' mean score, sbar.</li>
 * </ul>
 */
public final class EnsembleDisagreement {
    private EnsembleDisagreement() {}

    /**
     * u(x) of each image.
     *
     * @param reconstructions K >= 2 arrays of the same N images of {@code per} values each, [N * per] row-major
     */
    public static double[] pixelVariance(List<float[]> reconstructions, int per) {
        int k = reconstructions.size();
        if (k < 2) {
            throw new IllegalArgumentException("disagreement needs at least 2 ensemble members, got " + k);
        }
        int len = reconstructions.get(0).length;
        if (per < 1 || len % per != 0 || reconstructions.stream().anyMatch(r -> r.length != len)) {
            throw new IllegalArgumentException("expected " + k + " equally long arrays of images of " + per + " values");
        }
        int n = len / per;
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int d = i * per; d < (i + 1) * per; d++) {
                double mean = 0;
                for (float[] r : reconstructions) {
                    mean += r[d];
                }
                mean /= k;
                double ss = 0;
                for (float[] r : reconstructions) {
                    ss += (r[d] - mean) * (r[d] - mean);
                }
                sum += ss / (k - 1);
            }
            out[i] = sum / per;
        }
        return out;
    }

    /** The sample standard deviation across K >= 2 members' scores of each image; [N]. */
    public static double[] spread(List<double[]> scores) {
        int k = check(scores, 2);
        double[] m = mean(scores);
        double[] out = new double[m.length];
        for (int i = 0; i < m.length; i++) {
            double ss = 0;
            for (double[] s : scores) {
                ss += (s[i] - m[i]) * (s[i] - m[i]);
            }
            out[i] = Math.sqrt(ss / (k - 1));
        }
        return out;
    }

    /** The mean across K >= 1 members' scores of each image; [N]. */
    public static double[] mean(List<double[]> scores) {
        int k = check(scores, 1);
        double[] out = new double[scores.get(0).length];
        for (double[] s : scores) {
            for (int i = 0; i < out.length; i++) {
                out[i] += s[i] / k;
            }
        }
        return out;
    }

    private static int check(List<double[]> scores, int min) {
        if (scores.size() < min) {
            throw new IllegalArgumentException("expected at least " + min + " ensemble members, got " + scores.size());
        }
        int n = scores.get(0).length;
        if (scores.stream().anyMatch(s -> s.length != n)) {
            throw new IllegalArgumentException("the members scored different numbers of images");
        }
        return scores.size();
    }
}
