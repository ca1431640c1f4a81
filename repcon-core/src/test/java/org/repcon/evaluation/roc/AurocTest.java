package org.repcon.evaluation.roc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AurocTest {

    /** The definition: pairs counted one by one, ties half. */
    static double pairCount(double[] normal, double[] anomalous) {
        double s = 0;
        for (double a : anomalous) {
            for (double n : normal) {
                s += a > n ? 1 : a == n ? 0.5 : 0;
            }
        }
        return s / ((double) normal.length * anomalous.length);
    }

    @Test
    void matchesPairCountingWithAndWithoutTies() {
        SplittableRandom rng = new SplittableRandom(5);
        for (int trial = 0; trial < 50; trial++) {
            int nn = 1 + rng.nextInt(60);
            int na = 1 + rng.nextInt(60);
            boolean ties = trial % 2 == 0;
            double[] n = new double[nn];
            double[] a = new double[na];
            for (int i = 0; i < nn; i++) {
                n[i] = ties ? rng.nextInt(6) : rng.nextDouble();
            }
            for (int i = 0; i < na; i++) {
                a[i] = ties ? rng.nextInt(6) + 1 : rng.nextDouble() + 0.3;
            }
            assertEquals(pairCount(n, a), Auroc.of(n, a), 1e-12, "trial " + trial);
        }
    }

    @Test
    void knownCases() {
        assertEquals(1.0, Auroc.of(new double[] {0, 1, 2}, new double[] {3, 4}));
        assertEquals(0.0, Auroc.of(new double[] {3, 4}, new double[] {0, 1, 2}));
        assertEquals(0.5, Auroc.of(new double[] {1, 1}, new double[] {1, 1, 1}));
        // a: 2 beats 1 and ties 2 -> 1.5 of 2 pairs; a: 0 beats none -> 0; (1.5 + 0) / 4
        assertEquals(0.375, Auroc.of(new double[] {1, 2}, new double[] {2, 0}));
    }

    @Test
    void rejectsEmptyOrNonFinite() {
        assertThrows(IllegalArgumentException.class, () -> Auroc.of(new double[0], new double[] {1}));
        assertThrows(IllegalArgumentException.class, () -> Auroc.of(new double[] {Double.NaN}, new double[] {1}));
    }
}
