package org.repcon.anomaly;

import java.util.List;
import java.util.Map;

/**
 * A combination of anomaly scores: each member standardised by the mean and standard deviation of its scores on
 * normal validation images, then averaged,
 * <pre>
 *   s(x) = (1 / |S|) sum_{k in S} (s_k(x) - mu_k) / sd_k
 * </pre>
 * so that members on different scales (squared errors, nats, bits/dim) count alike, each in units of its own spread
 * over normal images. Nothing but normal images is used to fit it; which members to combine is a choice made
 * elsewhere (on validation data).
 *
 * @param members the score names S
 * @param mean mu_k, in the members' order
 * @param sd sd_k (population standard deviation), in the members' order
 */
public record ScoreCombination(List<String> members, double[] mean, double[] sd) {

    /**
     * Fits mu and sd of every member on its validation scores.
     *
     * @throws IllegalArgumentException if a member has no validation scores, fewer than 2, a non-finite one, or no
     *     spread
     */
    public static ScoreCombination fit(List<String> members, Map<String, double[]> validation) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("a combination needs at least one score");
        }
        double[] mu = new double[members.size()];
        double[] sd = new double[members.size()];
        for (int k = 0; k < members.size(); k++) {
            String name = members.get(k);
            double[] v = validation.get(name);
            if (v == null || v.length < 2) {
                throw new IllegalArgumentException("score " + name + " has " + (v == null ? "no" : v.length)
                        + " validation score(s); standardising it needs at least 2");
            }
            double m = 0;
            for (double x : v) {
                if (!Double.isFinite(x)) {
                    throw new IllegalArgumentException("score " + name + " has a non-finite validation score: " + x);
                }
                m += x / v.length;
            }
            double ss = 0;
            for (double x : v) {
                ss += (x - m) * (x - m) / v.length;
            }
            if (!(ss > 0)) {
                throw new IllegalArgumentException("score " + name + " is constant on the validation images: it cannot be standardised");
            }
            mu[k] = m;
            sd[k] = Math.sqrt(ss);
        }
        return new ScoreCombination(List.copyOf(members), mu, sd);
    }

    /** s(x) for every image, from each member's scores of the same images ({@code scores.get(member)[i]}). */
    public double[] score(Map<String, double[]> scores) {
        int n = -1;
        for (String name : members) {
            double[] s = scores.get(name);
            if (s == null) {
                throw new IllegalArgumentException("no scores of member " + name);
            }
            if (n >= 0 && s.length != n) {
                throw new IllegalArgumentException("member " + name + " has " + s.length + " scores, another " + n);
            }
            n = s.length;
        }
        double[] out = new double[n];
        for (int k = 0; k < members.size(); k++) {
            double[] s = scores.get(members.get(k));
            for (int i = 0; i < n; i++) {
                out[i] += (s[i] - mean[k]) / sd[k] / members.size();
            }
        }
        return out;
    }
}
