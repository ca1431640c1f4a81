package org.repcon.transformations.latent;

/**
 * An evaluation metric (plain Java, no autograd) for how invariant a representation is to a transformation T:
 * the relative error {@code mean_{b,i} |zT_bi - z_bi| / mean_{b,i} |z_bi|}, with {@code z} the representations
 * of N inputs and {@code zT} those of the transformed inputs, both [N][D]. 0 for an exactly invariant
 * representation; about 1 when the change is as large as the representation itself. Conventions: if every
 * {@code z} is 0, the result is 0 when {@code zT} is also 0 and +Infinity otherwise.
 */
public final class InvarianceError {
    private InvarianceError() {}

    /** {@code mean |zT - z| / mean |z|}. */
    public static double of(double[][] z, double[][] zT) {
        if (z.length != zT.length || z.length == 0) {
            throw new IllegalArgumentException("need the same nonzero number of rows, got " + z.length + " and " + zT.length);
        }
        double diff = 0;
        double size = 0;
        long count = 0;
        for (int b = 0; b < z.length; b++) {
            if (z[b].length != zT[b].length) {
                throw new IllegalArgumentException("row " + b + ": " + z[b].length + " and " + zT[b].length
                        + " values differ in length");
            }
            for (int i = 0; i < z[b].length; i++) {
                diff += Math.abs(zT[b][i] - z[b][i]);
                size += Math.abs(z[b][i]);
                count++;
            }
        }
        if (count == 0) {
            throw new IllegalArgumentException("empty representations");
        }
        if (size == 0) {
            return diff == 0 ? 0 : Double.POSITIVE_INFINITY;
        }
        return (diff / count) / (size / count);
    }
}
