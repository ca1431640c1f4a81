package org.repcon.anomaly.unknown;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The verdict rule on made-up validation scores (knowledge = 2 + 0.5 density + noise): the unknown threshold flags
 * floor(alpha n) validation images, the unlikely threshold floor(beta n) of the tail densities; an image far above the
 * line is unknown whatever its density, one on the line is unlikely above the density threshold and typical below it.
 */
class VerdictRuleTest {

    private static EnsembleScores validation(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] d = new double[n];
        double[] u = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = 1 + 3 * rng.nextDouble();
            u[i] = 2 + 0.5 * d[i] + 0.1 * rng.nextGaussian();
        }
        return new EnsembleScores(d, u, new double[n]);
    }

    @Test
    void thresholdsHoldTheFalseAlarmRatesOnValidation() {
        EnsembleScores v = validation(400, 3);
        VerdictRule rule = VerdictRule.fit(v, v.density(), 0.10, 0.05);
        double[] c = rule.combination(v);
        int unknown = 0;
        int aboveDensity = 0;
        for (int i = 0; i < v.size(); i++) {
            unknown += rule.unknown().flags(c[i]) ? 1 : 0;
            aboveDensity += rule.unlikely().flags(v.density()[i]) ? 1 : 0;
        }
        assertEquals(20, unknown);
        assertEquals(40, aboveDensity);
        assertEquals(0.5, rule.fit().b(), 0.02);
        assertEquals(0.1, rule.fit().sd(), 0.01);
    }

    @Test
    void verdictsFollowTheRule() {
        EnsembleScores v = validation(400, 4);
        VerdictRule rule = VerdictRule.fit(v, v.density(), 0.10, 0.05);
        double tail = rule.unlikely().threshold();
        double[] d = {2.0, 2.0, tail + 0.01, tail - 0.01, tail + 0.01};
        double[] u = {2 + 0.5 * 2.0 + 1.0, 2 + 0.5 * 2.0, 2 + 0.5 * (tail + 0.01), 2 + 0.5 * (tail - 0.01), 2 + 0.5 * (tail + 0.01) + 1.0};
        Verdict[] got = rule.verdicts(new EnsembleScores(d, u, new double[5]));
        assertEquals(Verdict.UNKNOWN, got[0], "10 residual sd above the line");
        assertEquals(Verdict.TYPICAL, got[1]);
        assertEquals(Verdict.UNLIKELY, got[2]);
        assertEquals(Verdict.TYPICAL, got[3]);
        assertEquals(Verdict.UNKNOWN, got[4], "unknown takes precedence over unlikely");
    }
}
