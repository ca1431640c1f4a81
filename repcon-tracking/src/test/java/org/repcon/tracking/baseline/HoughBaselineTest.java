package org.repcon.tracking.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.repcon.tracking.geometry.Line;
import org.repcon.tracking.matching.LineDistance;
import org.repcon.tracking.matching.MatchResult;
import org.repcon.tracking.matching.TrackMatcher;

class HoughBaselineTest {
    private static final int N = TrackImages.SIZE;
    private final HoughBaseline hough = new HoughBaseline(3);
    private final HoughBaseline raw = new HoughBaseline(HoughConfig.defaults(3).withRefine(false));

    @Test
    void findsOneCleanLine() {
        Line truth = new Line(0.6, 7.3);
        float[] image = TrackImages.draw(truth);
        for (HoughBaseline h : List.of(raw, hough)) {
            List<Line> found = h.detect(image, N, N);
            assertEquals(1, found.size(), "refine " + h.config().refine() + ": " + found);
            assertTrue(LineDistance.angleDifference(truth, found.get(0)) < 0.03, found.toString());
            assertTrue(LineDistance.offsetDifference(truth, found.get(0)) < 1.5, found.toString());
        }
        // the least-squares refit removes the accumulator's quantization (raw: 6.6 mrad, 0.38 px)
        Line refined = hough.detect(image, N, N).get(0);
        assertTrue(LineDistance.angleDifference(truth, refined) < 0.003, refined.toString());
        assertTrue(LineDistance.offsetDifference(truth, refined) < 0.15, refined.toString());
    }

    @Test
    void rawPeaksAreReadAtTheirBinCentres() {
        // ~1 px range bins: reading a peak at its bin's centre gives a mean |do| of ~0.25 px (measured 0.246);
        // BoofCV's own reading at the bin's lower edge gives ~0.43 px (measured 0.432) on the same lines
        Random rnd = new Random(11);
        HoughBaseline one = new HoughBaseline(HoughConfig.defaults(1).withRefine(false));
        double sum = 0;
        for (int i = 0; i < 40; i++) {
            Line truth = new Line(rnd.nextDouble() * Math.PI, rnd.nextDouble() * 30 - 15);
            List<Line> found = one.detect(TrackImages.draw(truth), N, N);
            assertEquals(1, found.size(), truth.toString());
            sum += LineDistance.offsetDifference(truth, found.get(0));
        }
        assertTrue(sum / 40 < 0.33, "mean |do| " + sum / 40);
    }

    @Test
    void findsLinesAtTheAccumulatorsAngleSeam() {
        // angles near 0 / pi sit at the top and bottom rows of the (r, theta) accumulator
        for (Line truth : List.of(new Line(3.125, -6.0), new Line(0.0, 0.0), new Line(Math.PI / 2, 11.0))) {
            List<Line> found = hough.detect(TrackImages.draw(truth), N, N);
            assertEquals(1, found.size(), truth + " -> " + found);
            assertTrue(LineDistance.within(truth, found.get(0), 0.01, 0.3), truth + " -> " + found);
        }
    }

    @Test
    void findsTwoCrossingLines() {
        List<Line> truth = List.of(new Line(0.6, 7.3), new Line(2.1, -5.2));
        List<Line> found = hough.detect(TrackImages.draw(truth.toArray(new Line[0])), N, N);
        MatchResult m = new TrackMatcher(0.03, 1.5).match(truth, found);
        assertEquals(2, m.pairs().size(), found.toString());
        assertTrue(m.fakePredicted().isEmpty(), found.toString());
    }

    @Test
    void keepsAtMostMaxLinesStrongestFirst() {
        Line longest = new Line(0.3, -2); // 67 px inside the image
        Line shorter = new Line(1.9, 26); // 48 px
        Line shortest = new Line(2.7, 30); // 33 px, near a corner
        float[] image = TrackImages.draw(longest, shorter, shortest);
        List<Line> all = hough.detect(image, N, N);
        assertEquals(3, new TrackMatcher().match(List.of(longest, shorter, shortest), all).pairs().size(), all.toString());
        List<Line> two = new HoughBaseline(2).detect(image, N, N);
        assertEquals(2, two.size());
        assertTrue(LineDistance.within(longest, two.get(0), 0.05, 2), two.toString());
        assertTrue(LineDistance.within(shorter, two.get(1), 0.05, 2), two.toString());
    }

    @Test
    void noLinesWithoutTracks() {
        assertTrue(hough.detect(new float[N * N], N, N).isEmpty());
        assertTrue(hough.detect(TrackImages.withNoise(new float[N * N], 0.15, 1), N, N).isEmpty());
        // a few isolated grains (below minVotes on any line) are not a track
        float[] sparse = new float[N * N];
        for (int k = 0; k < 6; k++) {
            sparse[(7 + 9 * k) * N + (5 + 11 * k) % N] = 1;
        }
        assertTrue(hough.detect(sparse, N, N).isEmpty());
    }

    @Test
    void survivesModerateNoise() {
        List<Line> truth = List.of(new Line(0.6, 7.3), new Line(2.1, -5.2));
        float[] image = TrackImages.withNoise(TrackImages.draw(truth.toArray(new Line[0])), 0.1, 5);
        MatchResult m = new TrackMatcher().match(truth, hough.detect(image, N, N));
        assertEquals(2, m.pairs().size());
        assertTrue(m.fakePredicted().isEmpty());
    }

    @Test
    void optionalBlurStillFindsTheLine() {
        Line truth = new Line(1.2, -9);
        HoughBaseline blurred = new HoughBaseline(HoughConfig.defaults(2).withBinarization(0.8, 0.3));
        List<Line> found = blurred.detect(TrackImages.draw(truth), N, N);
        assertEquals(1, found.size(), found.toString());
        assertTrue(LineDistance.within(truth, found.get(0), 0.01, 0.5), found.toString());
    }

    @Test
    void rejectsBadInput() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> hough.detect(new float[10], N, N));
        assertTrue(e.getMessage().contains("4096"), e.getMessage());
        float[] nan = new float[N * N];
        nan[N + 2] = Float.NaN;
        e = assertThrows(IllegalArgumentException.class, () -> hough.detect(nan, N, N));
        assertTrue(e.getMessage().contains("row 1, column 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new HoughBaseline(0));
        assertThrows(IllegalArgumentException.class, () -> HoughConfig.defaults(2).withBinarization(-1, 0.5));
    }
}
