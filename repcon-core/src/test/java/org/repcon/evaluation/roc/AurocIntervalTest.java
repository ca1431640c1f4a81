package org.repcon.evaluation.roc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AurocIntervalTest {

    /** Normal N(0, 1), anomalous N(d, 1): the true AUROC is Phi(d / sqrt 2). For d = 1: 0.76025. */
    private static final double D = 1.0;
    private static final double TRUE_AUROC = 0.7602499389065233;

    @Test
    void coversTheTruthOnGaussiansMostOfTheTime() {
        SplittableRandom rng = new SplittableRandom(17);
        int trials = 100;
        int covered = 0;
        double width = 0;
        for (int t = 0; t < trials; t++) {
            double[] n = new double[80];
            double[] a = new double[60];
            for (int i = 0; i < n.length; i++) {
                n[i] = gaussian(rng);
            }
            for (int i = 0; i < a.length; i++) {
                a[i] = D + gaussian(rng);
            }
            AurocInterval ci = AurocInterval.of(n, a, 0.95, 300, t);
            assertTrue(ci.lower() <= ci.estimate() && ci.estimate() <= ci.upper(), ci::toString);
            covered += ci.covers(TRUE_AUROC) ? 1 : 0;
            width += (ci.upper() - ci.lower()) / trials;
        }
        // percentile intervals undercover a little at these sizes; 95% nominal, binomial sd about 2.2% over 100 trials
        assertTrue(covered >= 87, "covered " + covered + " of " + trials);
        // the width of a 95% interval is about 2 * 1.96 * se, se ~ 0.042 here (Hanley-McNeil)
        assertEquals(0.164, width, 0.015, "mean width");
    }

    @Test
    void isReproducibleFromTheSeed() {
        double[] n = {0.1, 0.5, 0.3, 0.9, 0.2};
        double[] a = {0.6, 0.4, 1.2};
        assertEquals(AurocInterval.of(n, a, 0.95, 200, 3), AurocInterval.of(n, a, 0.95, 200, 3));
    }

    @Test
    void rejectsBadLevelOrReplicates() {
        assertThrows(IllegalArgumentException.class, () -> AurocInterval.of(new double[] {1}, new double[] {2}, 1.0, 100, 1));
        assertThrows(IllegalArgumentException.class, () -> AurocInterval.of(new double[] {1}, new double[] {2}, 0.95, 1, 1));
    }

    /** Standard normal draw by Box-Muller. */
    static double gaussian(SplittableRandom rng) {
        return Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
    }
}
