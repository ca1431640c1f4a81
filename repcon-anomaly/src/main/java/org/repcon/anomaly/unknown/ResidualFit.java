package org.repcon.anomaly.unknown;

/**
 * The combination of a density score x and a knowledge score y fitted on known (validation) images only: the least
 * squares line of y on x over n known images,
 * <pre>
 * b = sum (x_i - xbar)(y_i - ybar) / sum (x_i - xbar)^2,   a = ybar - b xbar,   s^2 = sum (y_i - a - b x_i)^2 / (n - 2)
 * combination(x, y) = (y - a - b x) / s
 * </pre>
 * the knowledge score in residual standard deviations above what the density explains among known images: an image
 * whose models disagree more than known images of the same density do is taken as unknown. No unknown image is needed
 * to fit it.
 *
 * @param a intercept
 * @param b slope
 * @param sd s, the residual standard deviation
 */
public record ResidualFit(double a, double b, double sd) {

    /**
     * Fits the line.
     *
     * @throws IllegalArgumentException with fewer than 3 points, unequal lengths, non-finite values, all x equal or
     *     all points on the line
     */
    public static ResidualFit fit(double[] x, double[] y) {
        int n = x.length;
        if (n != y.length) {
            throw new IllegalArgumentException(n + " density scores but " + y.length + " knowledge scores");
        }
        if (n < 3) {
            throw new IllegalArgumentException("the residual fit needs at least 3 validation images, got " + n);
        }
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) {
                throw new IllegalArgumentException("validation image " + i + " has a non-finite score: " + x[i] + ", " + y[i]);
            }
            mx += x[i] / n;
            my += y[i] / n;
        }
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < n; i++) {
            sxx += (x[i] - mx) * (x[i] - mx);
            sxy += (x[i] - mx) * (y[i] - my);
        }
        if (!(sxx > 0)) {
            throw new IllegalArgumentException("all validation density scores are equal: no line can be fitted");
        }
        double b = sxy / sxx;
        double a = my - b * mx;
        double ss = 0;
        for (int i = 0; i < n; i++) {
            double r = y[i] - a - b * x[i];
            ss += r * r;
        }
        double sd = Math.sqrt(ss / (n - 2));
        if (!(sd > 0)) {
            throw new IllegalArgumentException("the validation knowledge scores lie exactly on a line of the density: no spread to scale by");
        }
        return new ResidualFit(a, b, sd);
    }

    /** The combination of every image; [N]. */
    public double[] combine(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException(x.length + " density scores but " + y.length + " knowledge scores");
        }
        double[] out = new double[x.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (y[i] - a - b * x[i]) / sd;
        }
        return out;
    }
}
