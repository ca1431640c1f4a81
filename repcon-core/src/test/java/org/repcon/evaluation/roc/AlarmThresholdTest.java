package org.repcon.evaluation.roc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AlarmThresholdTest {

    @Test
    void atMostAlphaOfTheValidationScoresLieAbove() {
        double[] v = {5, 1, 4, 2, 3, 10, 9, 8, 7, 6}; // 1..10
        AlarmThreshold t = AlarmThreshold.at(v, 0.2);
        assertEquals(8, t.threshold()); // 9 and 10 lie above: 2 of 10
        assertEquals(0.2, t.flaggedFraction(v), 1e-12);
        assertEquals(0.0, AlarmThreshold.at(v, 0.05).flaggedFraction(v), 1e-12); // floor(0.5) = 0: the maximum
        AlarmThreshold.Rates r = t.rates(new double[] {1, 9}, new double[] {8, 8.5, 11, 0});
        assertEquals(0.5, r.falseAlarm(), 1e-12);
        assertEquals(0.5, r.detection(), 1e-12);
    }

    @Test
    void givesAboutTheRateOnFreshNormalData() {
        SplittableRandom rng = new SplittableRandom(3);
        double[] validation = new double[4000];
        double[] fresh = new double[20000];
        for (int i = 0; i < validation.length; i++) {
            validation[i] = AurocIntervalTest.gaussian(rng);
        }
        for (int i = 0; i < fresh.length; i++) {
            fresh[i] = AurocIntervalTest.gaussian(rng);
        }
        AlarmThreshold t = AlarmThreshold.at(validation, 0.05);
        assertEquals(1.6449, t.threshold(), 0.08); // the 95% quantile of N(0, 1)
        assertEquals(0.05, t.flaggedFraction(fresh), 0.008);
        assertTrue(t.flaggedFraction(validation) <= 0.05);
    }

    @Test
    void rejectsARateOutOfRange() {
        assertThrows(IllegalArgumentException.class, () -> AlarmThreshold.at(new double[] {1}, 1.0));
        assertThrows(IllegalArgumentException.class, () -> AlarmThreshold.at(new double[] {1}, -0.1));
    }
}
