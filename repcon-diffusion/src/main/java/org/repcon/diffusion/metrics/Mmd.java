package org.repcon.diffusion.metrics;

import java.util.Arrays;

/**
 * The maximum mean discrepancy between two samples with an RBF kernel k(x, y) = exp(-||x - y||^2 / (2 h^2))
 * (Gretton et al. 2012), the unbiased estimate
 * <pre>
 * MMD^2_u = 1/(m(m-1)) sum_{i != j} k(x_i, x_j) + 1/(n(n-1)) sum_{i != j} k(y_i, y_j) - 2/(mn) sum_{i, j} k(x_i, y_j)
 * </pre>
 * (it can be slightly negative when the samples come from the same distribution). The bandwidth h is chosen by the
 * median heuristic on a held-out set: the median of its pairwise distances ({@link #medianBandwidth}).
 */
public final class Mmd {
    private Mmd() {}

    /** The median of the pairwise Euclidean distances between distinct points of {@code points} (at least 2). */
    public static double medianBandwidth(double[][] points) {
        int n = points.length;
        if (n < 2) {
            throw new IllegalArgumentException("the median heuristic needs at least 2 points, got " + n);
        }
        double[] d = new double[n * (n - 1) / 2];
        int k = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                d[k++] = Math.sqrt(squaredDistance(points[i], points[j]));
            }
        }
        Arrays.sort(d);
        return d.length % 2 == 1 ? d[d.length / 2] : 0.5 * (d[d.length / 2 - 1] + d[d.length / 2]);
    }

    /** MMD^2_u between {@code x} [m][d] and {@code y} [n][d] (m, n >= 2) at bandwidth {@code h}. */
    public static double squared(double[][] x, double[][] y, double h) {
        if (x.length < 2 || y.length < 2) {
            throw new IllegalArgumentException("MMD needs at least 2 points per sample, got " + x.length + " and " + y.length);
        }
        if (!(h > 0)) {
            throw new IllegalArgumentException("bandwidth must be > 0, got " + h);
        }
        double g = 1 / (2 * h * h);
        double xx = within(x, g);
        double yy = within(y, g);
        double xy = 0;
        for (double[] a : x) {
            for (double[] b : y) {
                xy += Math.exp(-g * squaredDistance(a, b));
            }
        }
        return xx + yy - 2 * xy / ((double) x.length * y.length);
    }

    private static double within(double[][] x, double g) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            for (int j = i + 1; j < x.length; j++) {
                s += 2 * Math.exp(-g * squaredDistance(x[i], x[j]));
            }
        }
        return s / ((double) x.length * (x.length - 1));
    }

    static double squaredDistance(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("points of " + a.length + " and " + b.length + " dimensions");
        }
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            double d = a[k] - b[k];
            s += d * d;
        }
        return s;
    }
}
