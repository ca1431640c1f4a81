package org.repcon.tracking.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.repcon.tracking.geometry.Line;

/** RMSEs on the tracks every finder matched, against sums written out by hand. */
class CommonSubsetTest {
    private static final TrackMatcher MATCHER = new TrackMatcher();

    @Test
    void rmseIsOverTheTracksAllFindersMatchedOnly() {
        // image 1: three true tracks; finder A finds all three, finder B misses track 1 (its line is 0.2 rad off)
        List<Line> truth1 = List.of(new Line(0.5, 0), new Line(1.5, 10), new Line(2.5, -10));
        MatchResult a1 = MATCHER.match(truth1, List.of(new Line(0.51, 0.5), new Line(1.52, 10), new Line(2.5, -11)));
        MatchResult b1 = MATCHER.match(truth1, List.of(new Line(0.53, 0), new Line(1.7, 10), new Line(2.49, -10.2)));
        // image 2: one true track both find; finder B's only other line is a fake
        List<Line> truth2 = List.of(new Line(1.0, 5));
        MatchResult a2 = MATCHER.match(truth2, List.of(new Line(1.0, 5.4)));
        MatchResult b2 = MATCHER.match(truth2, List.of(new Line(0.1, -20), new Line(0.96, 5)));
        CommonSubset common = new CommonSubset(List.of("a_", "b_"));
        common.add(List.of(a1, b1));
        common.add(List.of(a2, b2));

        // common tracks: image 1 tracks 0 and 2, image 2 track 0
        assertEquals(3, common.tracks());
        double aAngle = 1000 * Math.sqrt((0.01 * 0.01 + 0 + 0) / 3);
        double bAngle = 1000 * Math.sqrt((0.03 * 0.03 + 0.01 * 0.01 + 0.04 * 0.04) / 3);
        double aOffset = Math.sqrt((0.5 * 0.5 + 1 + 0.4 * 0.4) / 3);
        double bOffset = Math.sqrt((0 + 0.2 * 0.2 + 0) / 3);
        assertEquals(aAngle, common.angleRmseMrad(0), 1e-9);
        assertEquals(bAngle, common.angleRmseMrad(1), 1e-9);
        assertEquals(aOffset, common.offsetRmsePx(0), 1e-9);
        assertEquals(bOffset, common.offsetRmsePx(1), 1e-9);

        // finder A's own RMSE includes track 1 of image 1 (0.02 rad), which B missed: a different subset
        TrackMetrics own = new TrackMetrics(MATCHER);
        own.add(a1, "0");
        own.add(a2, "0");
        assertTrue(own.angleRmseMrad() > aAngle + 1, own.angleRmseMrad() + " vs " + aAngle);

        Map<String, Double> map = common.toMap("val_");
        assertEquals(List.of("val_common_tracks", "val_a_angle_rmse_mrad_common", "val_a_offset_rmse_px_common",
                "val_b_angle_rmse_mrad_common", "val_b_offset_rmse_px_common"), List.copyOf(map.keySet()));
        assertEquals(bAngle, map.get("val_b_angle_rmse_mrad_common"), 1e-9);
    }

    @Test
    void noCommonTrackGivesNaNAndMismatchedResultsAreRejected() {
        CommonSubset common = new CommonSubset(List.of("", "hough_"));
        List<Line> truth = List.of(new Line(0.5, 0));
        common.add(List.of(MATCHER.match(truth, truth), MATCHER.match(truth, List.of())));
        assertEquals(0, common.tracks());
        assertTrue(Double.isNaN(common.angleRmseMrad(0)));
        assertThrows(IllegalArgumentException.class, () -> common.add(List.of(MATCHER.match(truth, truth))));
        assertThrows(IllegalArgumentException.class,
                () -> common.add(List.of(MATCHER.match(truth, truth), MATCHER.match(List.of(), List.of()))));
    }
}
