package org.repcon.anomaly;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScoreCombinationTest {
    @Test
    void averagesTheMembersStandardisedOnValidation() {
        // a: mean 2, sd 1; b: mean 100, sd 10 (population)
        Map<String, double[]> val = Map.of("a", new double[] {1, 3}, "b", new double[] {90, 110}, "c", new double[] {0, 0});
        ScoreCombination comb = ScoreCombination.fit(List.of("a", "b"), val);
        assertArrayEquals(new double[] {2, 100}, comb.mean(), 1e-12);
        assertArrayEquals(new double[] {1, 10}, comb.sd(), 1e-12);
        double[] s = comb.score(Map.of("a", new double[] {2, 4, 0}, "b", new double[] {100, 100, 130}));
        assertArrayEquals(new double[] {0, 1, (-2 + 3) / 2.0}, s, 1e-12);
    }

    @Test
    void twoNoisyViewsOfOneSignalSeparateBetterThanEither() {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(1);
        int n = 2000;
        double[][] a = new double[2][n];
        double[][] b = new double[2][n];
        for (int g = 0; g < 2; g++) {
            for (int i = 0; i < n; i++) {
                a[g][i] = g + rng.nextGaussian();
                b[g][i] = 50 + 10 * (g + rng.nextGaussian());
            }
        }
        ScoreCombination comb = ScoreCombination.fit(List.of("a", "b"), Map.of("a", a[0], "b", b[0]));
        double single = org.repcon.evaluation.roc.Auroc.of(a[0], a[1]);
        double both = org.repcon.evaluation.roc.Auroc.of(comb.score(Map.of("a", a[0], "b", b[0])), comb.score(Map.of("a", a[1], "b", b[1])));
        assertTrue(both > single + 0.05, both + " vs " + single); // independent noise: sqrt(2) the separation (0.84 vs 0.76)
    }

    @Test
    void refusesScoresItCannotStandardise() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ScoreCombination.fit(List.of("c"), Map.of("c", new double[] {1, 1})))
                .getMessage().contains("constant"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ScoreCombination.fit(List.of("d"), Map.of("c", new double[] {1, 2})))
                .getMessage().contains("d has no validation"));
        ScoreCombination comb = ScoreCombination.fit(List.of("a"), Map.of("a", new double[] {1, 2}));
        assertEquals("no scores of member a", assertThrows(IllegalArgumentException.class, () -> comb.score(Map.of())).getMessage());
    }
}
