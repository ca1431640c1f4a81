package org.repcon.tracking.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.repcon.tracking.geometry.Line;

class TrackMetricsTest {

    @Test
    void perfectPredictions() {
        TrackMetrics m = new TrackMetrics();
        List<Line> one = List.of(new Line(0.4, 2));
        List<Line> two = List.of(new Line(0.1, -3), new Line(2.2, 9.5));
        m.add(one, one, "0.05");
        m.add(two, two, "0.1");
        assertEquals(1.0, m.efficiency());
        assertEquals(0.0, m.fakeRate());
        assertEquals(0.0, m.angleRmseMrad());
        assertEquals(0.0, m.offsetRmsePx());
        assertEquals(2, m.images());
    }

    @Test
    void missedFakeAndRmse() {
        TrackMetrics m = new TrackMetrics();
        // image A: 2 true tracks, one found with errors (0.03 rad, 1 px), one missed, plus one fake
        m.add(List.of(new Line(1.0, 0), new Line(2.0, 10)), List.of(new Line(1.03, 1), new Line(0.2, -20)), "0.1");
        // image B: 1 true track found with errors (0.04 rad, 0 px) across the 0/pi wrap
        m.add(List.of(new Line(0.01, 4)), List.of(new Line(Math.PI - 0.03, -4)), "0.1");
        assertEquals(2.0 / 3, m.efficiency(), 1e-12);
        assertEquals(1.0 / 3, m.fakeRate(), 1e-12);
        assertEquals(1000 * Math.sqrt((0.03 * 0.03 + 0.04 * 0.04) / 2), m.angleRmseMrad(), 1e-9);
        assertEquals(Math.sqrt(0.5), m.offsetRmsePx(), 1e-12);
    }

    @Test
    void extraNoiseLevelsGoToTheNoiseBreakdownOnly() {
        TrackMetrics m = new TrackMetrics();
        Line a = new Line(0.5, 0);
        m.add(List.of(a), List.of(a), "0.05");
        m.addToNoiseBreakdown(m.matcher().match(List.of(a), List.of()), "0.2"); // missed, at another noise level
        Map<String, Double> map = m.toMap("");
        assertEquals(1.0, map.get("efficiency"), 1e-12);
        assertEquals(1.0, map.get("images"), 1e-12);
        assertEquals(1.0, map.get("efficiency_tracks_1"), 1e-12);
        assertEquals(0.0, map.get("efficiency_noise_0.2"), 1e-12);
    }

    @Test
    void breakdownKeys() {
        TrackMetrics m = new TrackMetrics();
        Line a = new Line(0.5, 0);
        Line b = new Line(1.5, 5);
        m.add(List.of(a, b), List.of(a), "0.05"); // 2 tracks, 1 missed
        m.add(List.of(a), List.of(a, b), "0.2"); // 1 track, 1 fake
        m.add(List.of(), List.of(), "0.2"); // empty image
        Map<String, Double> map = m.toMap("hough_");
        assertEquals(2.0 / 3, map.get("hough_efficiency"), 1e-12);
        assertEquals(1.0 / 3, map.get("hough_fake_rate"), 1e-12);
        assertEquals(3.0, map.get("hough_images"));
        assertEquals(3.0, map.get("hough_true_tracks"));
        assertEquals(2.0, map.get("hough_matched"));
        assertEquals(0.5, map.get("hough_efficiency_tracks_2"));
        assertEquals(0.0, map.get("hough_fake_rate_tracks_2"));
        assertEquals(1.0, map.get("hough_efficiency_tracks_1"));
        assertEquals(0.5, map.get("hough_fake_rate_tracks_1"));
        assertTrue(Double.isNaN(map.get("hough_efficiency_tracks_0")), "no true tracks: efficiency undefined");
        assertTrue(Double.isNaN(map.get("hough_fake_rate_tracks_0")), "no predictions: fake rate undefined");
        assertEquals(0.5, map.get("hough_efficiency_noise_0.05"));
        assertEquals(0.0, map.get("hough_fake_rate_noise_0.05"));
        assertEquals(1.0, map.get("hough_efficiency_noise_0.2"));
        assertEquals(0.5, map.get("hough_fake_rate_noise_0.2"));
        assertEquals(0.0, map.get("hough_angle_rmse_mrad_noise_0.2"));
        assertEquals(0.0, map.get("hough_offset_rmse_px_tracks_1"));
        List<String> keys = List.copyOf(m.toMap("").keySet());
        assertEquals(List.of("efficiency", "fake_rate", "angle_rmse_mrad", "offset_rmse_px"), keys.subList(0, 4));
        assertEquals("efficiency_tracks_0", keys.get(8), "track buckets ascending after the overall keys");
        assertEquals(8 + 4 * 3 + 4 * 2, keys.size());
    }

    @Test
    void emptyMetricsAreUndefinedNotPerfect() {
        TrackMetrics m = new TrackMetrics();
        assertTrue(Double.isNaN(m.efficiency()));
        assertTrue(Double.isNaN(m.angleRmseMrad()));
        assertEquals(0.0, m.toMap("").get("images"));
    }

    @Test
    void noiseLabels() {
        assertEquals("0.05", TrackMetrics.noiseLabel(0.05));
        assertEquals("0.1", TrackMetrics.noiseLabel(0.10));
        assertEquals("2", TrackMetrics.noiseLabel(2.0));
        assertEquals("0", TrackMetrics.noiseLabel(0.0));
        TrackMetrics m = new TrackMetrics();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.add(List.of(), List.of(), "a b"));
        assertTrue(e.getMessage().contains("noise label"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> m.add(List.of(), List.of(), null));
        assertThrows(IllegalArgumentException.class, () -> m.toMap(null));
    }
}
