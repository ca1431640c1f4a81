package org.repcon.tracking.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.repcon.tracking.geometry.Line;

class TrackMatcherTest {
    private final TrackMatcher matcher = new TrackMatcher(); // 0.05 rad, 2 px

    @Test
    void pairsEachTrueTrackWithItsNearestPrediction() {
        List<Line> truth = List.of(new Line(0.5, 3), new Line(2.0, -8));
        List<Line> predicted = List.of(new Line(2.01, -7.5), new Line(0.52, 3.4)); // listed in the other order
        MatchResult r = matcher.match(truth, predicted);
        assertEquals(2, r.pairs().size());
        assertEquals(0, r.pairs().get(0).truthIndex());
        assertEquals(1, r.pairs().get(0).predictedIndex());
        assertEquals(0.02, r.pairs().get(0).angleError(), 1e-12);
        assertEquals(0.4, r.pairs().get(0).offsetError(), 1e-12);
        assertEquals(0, r.pairs().get(1).predictedIndex());
        assertTrue(r.missedTruth().isEmpty());
        assertTrue(r.fakePredicted().isEmpty());
    }

    @Test
    void toleranceBoundsAreRespected() {
        Line t = new Line(1.0, 0.0);
        assertEquals(1, matcher.match(List.of(t), List.of(new Line(1.049, 1.99))).pairs().size(), "inside both");
        assertEquals(0, matcher.match(List.of(t), List.of(new Line(1.051, 0.0))).pairs().size(), "angle too far");
        assertEquals(0, matcher.match(List.of(t), List.of(new Line(1.0, 2.01))).pairs().size(), "offset too far");
        TrackMatcher loose = new TrackMatcher(0.1, 3);
        assertEquals(1, loose.match(List.of(t), List.of(new Line(1.08, 2.5))).pairs().size());
    }

    @Test
    void wrapAroundNearZeroAndPiIsAMatch() {
        MatchResult r = matcher.match(List.of(new Line(0.01, 6.0)), List.of(new Line(Math.PI - 0.015, -5.0)));
        assertEquals(1, r.pairs().size());
        assertEquals(0.025, r.pairs().get(0).angleError(), 1e-12);
        assertEquals(1.0, r.pairs().get(0).offsetError(), 1e-12);
    }

    @Test
    void missedAndFakeTracks() {
        List<Line> truth = List.of(new Line(0.3, 0), new Line(1.5, 10));
        List<Line> predicted = List.of(new Line(0.31, 0.5), new Line(2.5, -12));
        MatchResult r = matcher.match(truth, predicted);
        assertEquals(1, r.pairs().size());
        assertEquals(List.of(1), r.missedTruth());
        assertEquals(List.of(1), r.fakePredicted());
        MatchResult none = matcher.match(List.of(), predicted);
        assertEquals(List.of(0, 1), none.fakePredicted());
        MatchResult empty = matcher.match(truth, List.of());
        assertEquals(List.of(0, 1), empty.missedTruth());
    }

    @Test
    void gatingKeepsAMatchThatAPlainMinimumCostAssignmentWouldLose() {
        // cost in tolerance units (da/0.05, do/2): T1-P2 = 0 and T2-P1 = 1.4 (angle 1.4 > 1, inadmissible) sum to
        // 1.4 < T1-P1 (1.8) + T2-P2 (1.4); yet only T1-P1 and T2-P2 are both admissible
        Line t1 = new Line(1.0, 0);
        Line t2 = new Line(0.975, 1.8);
        Line p1 = new Line(1.045, 1.8);
        Line p2 = new Line(1.0, 0);
        double[][] plain = {
            {LineDistance.cost(t1, p1, 0.05, 2), LineDistance.cost(t1, p2, 0.05, 2)},
            {LineDistance.cost(t2, p1, 0.05, 2), LineDistance.cost(t2, p2, 0.05, 2)}};
        assertEquals(1, Hungarian.solve(plain)[0], "the plain optimum pairs T1 with P2");
        MatchResult r = matcher.match(List.of(t1, t2), List.of(p1, p2));
        assertEquals(2, r.pairs().size());
        assertEquals(0, r.pairs().get(0).predictedIndex());
        assertEquals(1, r.pairs().get(1).predictedIndex());
    }

    @Test
    void rejectsBadInput() {
        assertThrows(IllegalArgumentException.class, () -> new TrackMatcher(-0.1, 2));
        assertThrows(IllegalArgumentException.class, () -> new TrackMatcher(0.05, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> matcher.match(null, List.of()));
        assertTrue(e.getMessage().contains("true tracks"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> matcher.match(List.of(), java.util.Arrays.asList(new Line(0, 0), null)));
    }
}
