package org.repcon.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TicksTest {
    @Test
    void niceStepsAndLabels() {
        assertEquals(0.25, Ticks.step(-1, 1, 8), 1e-12);
        assertEquals(List.of(-1.0, -0.5, 0.0, 0.5, 1.0), Ticks.values(-1, 1, 0.5));
        assertEquals("-0.25", Ticks.format(-0.25, 0.25));
        assertEquals("0", Ticks.format(1e-17, 0.1));
        assertEquals("0.5", Ticks.format(0.5, 0.1));
        assertEquals("1250", Ticks.format(1250, 250));
        assertEquals("2e-4", Ticks.format(2e-4, 2e-4));
        assertEquals("1.5e6", Ticks.format(1.5e6, 5e5));
    }
}
