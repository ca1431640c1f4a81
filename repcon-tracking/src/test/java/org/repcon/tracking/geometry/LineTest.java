package org.repcon.tracking.geometry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** {@link Line#normalized} at the wrap-around points of the angle. */
class LineTest {
    @Test
    void normalizedKeepsTheLineAtTheWrapAround() {
        // angle pi is angle 0 with the direction flipped: the offset changes sign
        assertEquals(new Line(0, -3), Line.normalized(Math.PI, 3));
        assertEquals(new Line(0.5, -3), Line.normalized(Math.PI + 0.5, 3));
        assertEquals(new Line(0.5, 3), Line.normalized(0.5 - 2 * Math.PI, 3));
        // a tiny negative angle: 2 pi - 1e-17 rounds to 2 pi; the line is (almost) at angle 0 with the same offset
        assertEquals(new Line(0, 3), Line.normalized(-1e-17, 3));
        Line nearPi = Line.normalized(-1e-9, 3); // here 2 pi - 1e-9 does not round: pi - 1e-9 with the offset flipped
        assertEquals(Math.PI - 1e-9, nearPi.angle(), 1e-15);
        assertEquals(-3, nearPi.offset(), 0);
    }
}
