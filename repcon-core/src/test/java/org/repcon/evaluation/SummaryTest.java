package org.repcon.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SummaryTest {
    @Test
    void matchesTheTextbookFormulas() {
        Summary s = Summary.of(new double[] {2, 4, 4, 4, 5, 5, 7, 9});
        assertEquals(5.0, s.mean(), 1e-12);
        assertEquals(Math.sqrt(32.0 / 7), s.sd(), 1e-12); // sum of squares 32, n - 1 = 7
        assertEquals(Math.sqrt(32.0 / 7) / Math.sqrt(8), s.standardError(), 1e-12);
        assertTrue(Double.isNaN(Summary.of(new double[] {3}).sd()));
        assertThrows(IllegalArgumentException.class, () -> Summary.of(new double[0]));
    }
}
