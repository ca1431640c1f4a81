package org.repcon.anomaly.shift;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RateChoiceTest {

    /** Mann-Whitney AUROC by a plain double loop, ties 1/2 (the reference of this package's choice tests). */
    static double auroc(double[] normal, double[] anomalous) {
        double s = 0;
        for (double a : anomalous) {
            for (double n : normal) {
                s += a > n ? 1 : a == n ? 0.5 : 0;
            }
        }
        return s / (normal.length * (double) anomalous.length);
    }

    @Test
    void choosesTheRateWhoseRatioBestSeparatesShuffledCopies() {
        SplittableRandom rng = new SplittableRandom(4);
        int n = 40;
        double[] mv = new double[n];
        double[] ms = new double[n];
        double[][] b1 = new double[2][n];
        double[][] b2 = new double[2][n];
        double[][] b3 = new double[2][n];
        for (int i = 0; i < n; i++) {
            double c = rng.nextDouble(); // complexity, shared by an image and its copy
            mv[i] = 2 + 3 * c + 0.1 * rng.nextGaussian();
            ms[i] = 2.4 + 3 * c + 0.1 * rng.nextGaussian();
            // rate 0.1: the background is the model itself plus noise (ratio ~ noise)
            b1[0][i] = mv[i] + 0.3 * rng.nextGaussian();
            b1[1][i] = ms[i] + 0.3 * rng.nextGaussian();
            // rate 0.2: the background explains the complexity only (ratio ~ the 0.4 shift)
            b2[0][i] = 2 + 3 * c;
            b2[1][i] = 2 + 3 * c;
            // rate 0.3: the background knows nothing (ratio ~ raw bits/dim)
            b3[0][i] = 8;
            b3[1][i] = 8;
        }
        RateChoice ch = RateChoice.choose(List.of(0.3, 0.1, 0.2), mv, ms, Map.of(0.1, b1, 0.2, b2, 0.3, b3));
        assertEquals(0.2, ch.chosen());
        assertEquals(auroc(LikelihoodRatio.score(mv, b2[0]), LikelihoodRatio.score(ms, b2[1])), ch.auroc().get(0.2), 1e-12);
        assertEquals(auroc(mv, ms), ch.auroc().get(0.3), 1e-12); // a constant background leaves the raw ranking
        assertEquals(List.of(0.1, 0.2, 0.3), List.copyOf(ch.auroc().keySet()));
    }

    @Test
    void tiesGoToTheSmallerRate() {
        double[] v = {1, 2};
        double[] s = {3, 4};
        double[][] bg = {{0, 0}, {0, 0}};
        assertEquals(0.1, RateChoice.choose(List.of(0.2, 0.1), v, s, Map.of(0.1, bg, 0.2, bg)).chosen());
    }
}
