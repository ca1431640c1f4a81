package org.repcon.anomaly;

import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * Out-of-fold scores of the images a score's density is fitted on (MSMA's Gaussian, GEOM's Dirichlets): the rows are
 * split into two folds by index parity (even, odd); each fold is scored by the density fitted on the other one. Scoring
 * the fit's own images in-sample makes them look more normal than unseen normal images (a validation threshold at
 * 5% false alarms then gives more on test images, and a score's validation spread is too narrow); out-of-fold scores
 * are what unseen normal images get, up to the halved fit. With fewer than 4 rows (folds of fewer than 2) the fit on
 * all rows scores them in-sample.
 */
public final class CrossFit {
    private CrossFit() {}

    /**
     * @param rows the fit's observations (one per image)
     * @param fit fits a density on some rows and returns its scorer (rows -> one score per row)
     * @return one out-of-fold score per row, in the rows' order
     */
    public static <T> double[] outOfFold(T[] rows, Function<T[], Function<T[], double[]>> fit) {
        int n = rows.length;
        if (n < 4) {
            return fit.apply(rows).apply(rows);
        }
        int[] even = IntStream.range(0, n).filter(i -> i % 2 == 0).toArray();
        int[] odd = IntStream.range(0, n).filter(i -> i % 2 == 1).toArray();
        double[] out = new double[n];
        place(out, even, fit.apply(pick(rows, odd)).apply(pick(rows, even)));
        place(out, odd, fit.apply(pick(rows, even)).apply(pick(rows, odd)));
        return out;
    }

    private static <T> T[] pick(T[] rows, int[] idx) {
        T[] out = Arrays.copyOf(rows, idx.length);
        for (int i = 0; i < idx.length; i++) {
            out[i] = rows[idx[i]];
        }
        return out;
    }

    private static void place(double[] out, int[] idx, double[] scores) {
        if (scores.length != idx.length) {
            throw new IllegalStateException(scores.length + " scores for " + idx.length + " rows");
        }
        for (int i = 0; i < idx.length; i++) {
            out[idx[i]] = scores[i];
        }
    }
}
