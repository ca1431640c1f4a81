package org.repcon.anomaly;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class DenoisingScoreTest {

    @Test
    void standardisesEachLevelOnValidationAndAverages() {
        // level 1: 1, 2, 3 (mean 2, sd 1); level 2: 10, 30, 50 (mean 30, sd 20)
        double[][] validation = {{1, 10}, {2, 30}, {3, 50}};
        DenoisingScore s = DenoisingScore.fit(validation, List.of(0.1, 0.4), 7);
        assertArrayEquals(new double[] {2, 30}, s.mean(), 1e-12);
        assertArrayEquals(new double[] {1, 20}, s.sd(), 1e-12);
        double[] score = s.score(new double[][] {{4, 30}, {2, 70}, {0, -10}});
        assertEquals((2 + 0) / 2.0, score[0], 1e-12);
        assertEquals((0 + 2) / 2.0, score[1], 1e-12);
        assertEquals((-2 - 2) / 2.0, score[2], 1e-12);
    }

    @Test
    void aConstantLevelIsLeftOut() {
        DenoisingScore s = DenoisingScore.fit(new double[][] {{1, 5}, {3, 5}}, List.of(0.1, 0.2), 1);
        assertEquals((3 - 2) / Math.sqrt(2) / 2, s.score(new double[][] {{3, 100}})[0], 1e-12);
        assertThrows(IllegalArgumentException.class, () -> DenoisingScore.fit(new double[][] {{1, 2}}, List.of(0.1, 0.2), 1));
    }
}
