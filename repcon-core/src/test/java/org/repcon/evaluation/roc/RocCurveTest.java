package org.repcon.evaluation.roc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RocCurveTest {

    @Test
    void pointsOfASmallCaseByHand() {
        // normal {1, 2}, anomalous {2, 3}: thresholds inf, 3, 2, 1
        RocCurve c = RocCurve.of(new double[] {2, 1}, new double[] {3, 2});
        assertArrayEquals(new double[] {0, 0, 0.5, 1}, c.falseAlarm(), 1e-12);
        assertArrayEquals(new double[] {0, 0.5, 1, 1}, c.detection(), 1e-12);
        assertArrayEquals(new double[] {Double.POSITIVE_INFINITY, 3, 2, 1}, c.thresholds(), 1e-12);
    }

    @Test
    void areaEqualsAurocAndPointsMatchCounting() {
        SplittableRandom rng = new SplittableRandom(9);
        for (int trial = 0; trial < 30; trial++) {
            double[] n = new double[1 + rng.nextInt(40)];
            double[] a = new double[1 + rng.nextInt(40)];
            for (int i = 0; i < n.length; i++) {
                n[i] = rng.nextInt(10);
            }
            for (int i = 0; i < a.length; i++) {
                a[i] = rng.nextInt(10) + 2;
            }
            RocCurve c = RocCurve.of(n, a);
            assertEquals(AurocTest.pairCount(n, a), c.area(), 1e-12);
            for (int k = 1; k < c.thresholds().length; k++) {
                double v = c.thresholds()[k];
                assertEquals(java.util.Arrays.stream(n).filter(s -> s >= v).count() / (double) n.length, c.falseAlarm()[k], 1e-12);
                assertEquals(java.util.Arrays.stream(a).filter(s -> s >= v).count() / (double) a.length, c.detection()[k], 1e-12);
            }
            assertEquals(1.0, c.falseAlarm()[c.falseAlarm().length - 1]);
            assertEquals(1.0, c.detection()[c.detection().length - 1]);
        }
    }
}
