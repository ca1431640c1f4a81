package org.repcon.anomaly;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CrossFitTest {
    /** "Density": the squared distance to the mean of the fitted rows. */
    private static java.util.function.Function<double[][], double[]> fitMean(double[][] train) {
        double m = 0;
        for (double[] r : train) {
            m += r[0] / train.length;
        }
        double mean = m;
        return rows -> java.util.Arrays.stream(rows).mapToDouble(r -> (r[0] - mean) * (r[0] - mean)).toArray();
    }

    @Test
    void eachFoldIsScoredByTheFitOnTheOther() {
        double[][] rows = {{0}, {10}, {2}, {20}, {4}};
        // even rows {0, 2, 4} scored by the odd rows' mean 15, odd rows {10, 20} by the even rows' mean 2
        assertArrayEquals(new double[] {225, 64, 169, 324, 121}, CrossFit.outOfFold(rows, CrossFitTest::fitMean), 1e-12);
    }

    @Test
    void outOfFoldScoresOfAGaussianAreLikeThoseOfUnseenRows() {
        SplittableRandom rng = new SplittableRandom(3);
        double[][] fit = new double[40][];
        double[][] unseen = new double[4000][];
        for (int i = 0; i < fit.length; i++) {
            fit[i] = new double[] {rng.nextGaussian(), rng.nextGaussian(), rng.nextGaussian(), rng.nextGaussian(), rng.nextGaussian()};
        }
        for (int i = 0; i < unseen.length; i++) {
            unseen[i] = new double[] {rng.nextGaussian(), rng.nextGaussian(), rng.nextGaussian(), rng.nextGaussian(), rng.nextGaussian()};
        }
        GaussianDensity all = GaussianDensity.fit(fit, 0);
        double inSample = mean(all.score(fit));
        double outOfFold = mean(CrossFit.outOfFold(fit, f -> GaussianDensity.fit(f, 0)::score));
        double truth = mean(all.score(unseen));
        assertTrue(inSample < truth - 0.3, inSample + " vs " + truth); // in-sample: optimistic
        assertTrue(outOfFold >= truth - 0.1, outOfFold + " vs " + truth); // out-of-fold: not (a little pessimistic)
        assertTrue(outOfFold > inSample + 0.5, outOfFold + " vs " + inSample);
    }

    @Test
    void fewRowsAreScoredInSample() {
        double[][] rows = {{1}, {3}, {5}};
        assertArrayEquals(new double[] {4, 0, 4}, CrossFit.outOfFold(rows, CrossFitTest::fitMean), 1e-12);
        assertEquals(0, CrossFit.outOfFold(new double[0][], CrossFitTest::fitMean).length);
    }

    private static double mean(double[] x) {
        return java.util.Arrays.stream(x).average().orElseThrow();
    }
}
