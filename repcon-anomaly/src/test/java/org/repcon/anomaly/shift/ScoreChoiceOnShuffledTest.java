package org.repcon.anomaly.shift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ScoreChoiceOnShuffledTest {

    private static SetScores scores(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        SetScores s = new SetScores();
        s.addSet("validation", n, null);
        s.addSet("shuffled", n, null);
        double[][] v = new double[3][n];
        double[][] sh = new double[3][n];
        for (int i = 0; i < n; i++) {
            v[0][i] = rng.nextGaussian();
            sh[0][i] = rng.nextGaussian() + 0.5; // weak
            v[1][i] = rng.nextGaussian();
            sh[1][i] = rng.nextGaussian() + 2; // strong
            v[2][i] = rng.nextGaussian();
            sh[2][i] = rng.nextGaussian() - 1; // inverted
        }
        List<String> names = List.of("weak", "strong", "inverted");
        for (int k = 0; k < 3; k++) {
            s.put("validation", names.get(k), v[k]);
            s.put("shuffled", names.get(k), sh[k]);
        }
        return s;
    }

    @Test
    void choosesTheScoreThatBestSeparatesTheShuffledCopiesAndReportsEveryAuroc() {
        SetScores s = scores(60, 3);
        ScoreChoiceOnShuffled ch = ScoreChoiceOnShuffled.of(s, "validation", "shuffled", List.of("weak", "strong", "inverted"));
        assertEquals("strong", ch.chosen());
        assertEquals(List.of("weak", "strong", "inverted"), List.copyOf(ch.auroc().keySet()));
        for (String k : ch.auroc().keySet()) {
            assertEquals(RateChoiceTest.auroc(s.get("validation", k), s.get("shuffled", k)), ch.auroc().get(k), 1e-12, k);
        }
        // an inverted score (validation AUROC < 0.5) is taken as it is, not flipped: the weak score wins over it
        assertEquals("weak", ScoreChoiceOnShuffled.of(s, "validation", "shuffled", List.of("weak", "inverted")).chosen());
    }

    @Test
    void tiesGoToTheEarlierScoreAndNoScoreIsRefused() {
        SetScores s = new SetScores();
        s.addSet("validation", 2, null);
        s.addSet("shuffled", 2, null);
        for (String k : List.of("a", "b")) {
            s.put("validation", k, new double[] {0, 1});
            s.put("shuffled", k, new double[] {2, 3});
        }
        assertEquals("b", ScoreChoiceOnShuffled.of(s, "validation", "shuffled", List.of("b", "a")).chosen());
        assertThrows(IllegalArgumentException.class, () -> ScoreChoiceOnShuffled.of(s, "validation", "shuffled", List.of()));
    }
}
