package org.repcon.tracking.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.repcon.tracking.geometry.Line;
import org.repcon.tracking.matching.TrackMatcher;

/** The finder's duplicate tolerances are its own: same defaults as the matcher's, set apart from them. */
class DuplicateFilterTest {
    @Test
    void keepsTheStrongestOfEachGroupWithinItsOwnTolerances() {
        List<Line> strongestFirst = List.of(new Line(1.0, 0), new Line(1.03, 1.5), new Line(1.0, 3.5), new Line(2.0, 0));
        assertEquals(List.of(strongestFirst.get(0), strongestFirst.get(2), strongestFirst.get(3)),
                DuplicateFilter.defaults().keep(strongestFirst, l -> l), "(1.03, 1.5) is within 0.05 rad, 2 px of (1.0, 0)");
        assertEquals(strongestFirst, new DuplicateFilter(0.02, 2.0).keep(strongestFirst, l -> l),
                "a tighter angle keeps the 0.03 rad neighbour");
        assertEquals(List.of(strongestFirst.get(0), strongestFirst.get(3)),
                new DuplicateFilter(0.05, 4.0).keep(strongestFirst, l -> l));
    }

    @Test
    void defaultsEqualTheMatchersButAreNotReadFromIt() {
        assertEquals(TrackMatcher.DEFAULT_ANGLE_TOLERANCE, DuplicateFilter.DEFAULT_ANGLE);
        assertEquals(TrackMatcher.DEFAULT_OFFSET_TOLERANCE, DuplicateFilter.DEFAULT_OFFSET);
        assertThrows(IllegalArgumentException.class, () -> new DuplicateFilter(0, 2));
        assertThrows(IllegalArgumentException.class, () -> new DuplicateFilter(0.05, Double.NaN));
    }
}
