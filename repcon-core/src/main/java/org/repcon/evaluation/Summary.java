package org.repcon.evaluation;

/**
 * Mean, sample standard deviation and standard error of per-item figures (e.g. bits/dim per test image).
 *
 * @param n items
 * @param mean their mean
 * @param sd the sample standard deviation (n - 1 in the denominator; NaN for n < 2)
 */
public record Summary(int n, double mean, double sd) {
    /** The summary of {@code values} (at least one). */
    public static Summary of(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values to summarise");
        }
        double m = 0;
        for (double v : values) {
            m += v;
        }
        m /= values.length;
        if (values.length < 2) {
            return new Summary(1, m, Double.NaN);
        }
        double ss = 0;
        for (double v : values) {
            ss += (v - m) * (v - m);
        }
        return new Summary(values.length, m, Math.sqrt(ss / (values.length - 1)));
    }

    /** The standard error of the mean, sd / sqrt(n). */
    public double standardError() {
        return sd / Math.sqrt(n);
    }
}
