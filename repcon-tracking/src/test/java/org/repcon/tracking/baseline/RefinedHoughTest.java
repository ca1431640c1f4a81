package org.repcon.tracking.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.repcon.tracking.geometry.Line;
import org.repcon.tracking.inference.DuplicateFilter;
import org.repcon.tracking.matching.LineDistance;
import org.repcon.tracking.model.LineRefinement;

/** Hough with the tracker's refinement: Hough's lines, then exactly the tracker's LineRefinement. */
class RefinedHoughTest {
    private static final int N = TrackImages.SIZE;
    private final HoughBaseline hough = new HoughBaseline(3);
    private final LineRefinement refinement = new LineRefinement(0.3, 1.5, 10);
    private final RefinedHough refined = new RefinedHough(hough, refinement, DuplicateFilter.defaults());

    @Test
    void isTheTrackersRefinementAppliedToHoughsLines() {
        List<Line> truth = List.of(new Line(0.3, 4.2), new Line(1.9, -7.6));
        float[] image = TrackImages.withNoise(TrackImages.draw(truth.toArray(Line[]::new)), 0.05, 3);
        List<Line> found = hough.detect(image, N, N);
        assertEquals(2, found.size());
        List<Line> expected = refinement.refine(image, N, N, found);
        assertEquals(expected, refined.detect(image, N, N));
        for (int k = 0; k < 2; k++) {
            Line got = refined.detect(image, N, N).get(k);
            Line t = truth.stream().min((a, b) -> Double.compare(LineDistance.angleDifference(a, got),
                    LineDistance.angleDifference(b, got))).orElseThrow();
            assertTrue(LineDistance.within(t, got, 0.01, 0.3), "refined " + got + " vs true " + t);
        }
    }

    @Test
    void linesThatTheRefinementBringsTogetherAreDroppedAsDuplicates() {
        Line track = new Line(0.8, 2.0);
        float[] image = TrackImages.draw(track);
        // two starts on the same track: refined, they coincide, and the second (weaker) is dropped
        List<Line> starts = List.of(new Line(0.8, 2.3), new Line(0.83, 1.2));
        List<Line> got = refined.refine(starts, image, N, N);
        assertEquals(1, got.size());
        assertEquals(refinement.refine(image, N, N, starts).get(0), got.get(0));
    }
}
