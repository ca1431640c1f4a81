package org.repcon.tracking.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.repcon.tracking.geometry.Line;

class LineDistanceTest {

    @Test
    void plainDifferences() {
        Line a = new Line(1.0, 3.0);
        Line b = new Line(1.02, 4.5);
        assertEquals(0.02, LineDistance.angleDifference(a, b), 1e-12);
        assertEquals(1.5, LineDistance.offsetDifference(a, b), 1e-12);
        assertEquals(0.02 / 0.05 + 1.5 / 2, LineDistance.cost(a, b, 0.05, 2), 1e-12);
        assertEquals(LineDistance.cost(a, b, 0.05, 2), LineDistance.cost(b, a, 0.05, 2), 0, "symmetric");
    }

    @Test
    void wrapAcrossZeroAndPiFlipsTheOffset() {
        Line a = new Line(0.01, 5.0);
        Line b = new Line(Math.PI - 0.01, -5.0); // the same line up to 0.02 rad
        assertEquals(0.02, LineDistance.angleDifference(a, b), 1e-12);
        assertEquals(0.0, LineDistance.offsetDifference(a, b), 1e-12);
        assertTrue(LineDistance.within(a, b, 0.05, 2));
        // without the flip the offsets differ by 10 px
        Line c = new Line(Math.PI - 0.01, 5.0);
        assertEquals(10.0, LineDistance.offsetDifference(a, c), 1e-12);
        assertFalse(LineDistance.within(a, c, 0.05, 2));
    }

    @Test
    void wrapAgreesWithLineNormalized() {
        // a line given with angle slightly below 0 is normalized to near pi with the opposite offset
        Line truth = new Line(0.003, -7.25);
        Line predicted = Line.normalized(-0.004, -7.0);
        assertEquals(0.007, LineDistance.angleDifference(truth, predicted), 1e-12);
        assertEquals(0.25, LineDistance.offsetDifference(truth, predicted), 1e-12);
    }

    @Test
    void perpendicularLinesAreHalfPiApart() {
        assertEquals(Math.PI / 2, LineDistance.angleDifference(new Line(0.2, 0), new Line(0.2 + Math.PI / 2, 0)), 1e-12);
        assertEquals(Math.PI / 2 - 0.1, LineDistance.angleDifference(new Line(0, 0), new Line(Math.PI / 2 + 0.1, 0)), 1e-12);
    }

    @Test
    void rejectsBadTolerances() {
        Line a = new Line(0, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LineDistance.cost(a, a, 0, 2));
        assertTrue(e.getMessage().contains("angle tolerance"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> LineDistance.cost(a, a, 0.05, Double.NaN));
        assertTrue(e.getMessage().contains("offset tolerance"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LineDistance.angleDifference(a, null));
    }
}
