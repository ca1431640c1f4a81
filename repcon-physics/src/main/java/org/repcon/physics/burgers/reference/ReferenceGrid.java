package org.repcon.physics.burgers.reference;

/**
 * A reference solution sampled on a tensor grid: {@code u[it][ix] = u(t[it], x[ix])}.
 *
 * <p>Arrays are shared, not copied (the record is a plain carrier; do not mutate them). As with any
 * record holding arrays, {@code equals}/{@code hashCode} compare array identity.
 */
public record ReferenceGrid(double[] t, double[] x, double[][] u) {
    public ReferenceGrid {
        if (t == null || x == null || u == null || u.length != t.length) {
            throw new IllegalArgumentException("u must have one row per time");
        }
        for (double[] row : u) {
            if (row == null || row.length != x.length) {
                throw new IllegalArgumentException("every row of u must have one value per x");
            }
        }
    }

    public int nt() {
        return t.length;
    }

    public int nx() {
        return x.length;
    }

    /** Relative L2 error {@code ||pred - u||_2 / ||u||_2} over the whole grid ({@code pred[it][ix]}). */
    public double relativeL2Error(double[][] pred) {
        checkShape(pred);
        double num = 0;
        double den = 0;
        for (int it = 0; it < u.length; it++) {
            for (int ix = 0; ix < x.length; ix++) {
                double d = pred[it][ix] - u[it][ix];
                num += d * d;
                den += u[it][ix] * u[it][ix];
            }
        }
        return Math.sqrt(num / den);
    }

    /** Largest absolute pointwise difference {@code max |pred - u|}. */
    public double maxAbsError(double[][] pred) {
        checkShape(pred);
        double max = 0;
        for (int it = 0; it < u.length; it++) {
            for (int ix = 0; ix < x.length; ix++) {
                max = Math.max(max, Math.abs(pred[it][ix] - u[it][ix]));
            }
        }
        return max;
    }

    private void checkShape(double[][] pred) {
        if (pred == null || pred.length != u.length) {
            throw new IllegalArgumentException("prediction must have " + u.length + " rows (one per time)");
        }
        for (double[] row : pred) {
            if (row == null || row.length != x.length) {
                throw new IllegalArgumentException("every prediction row must have " + x.length + " values");
            }
        }
    }
}
