package org.repcon.tracking.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.repcon.tracking.geometry.Line;
import org.repcon.tracking.matching.LineDistance;

class LineRefitTest {
    private static final int N = TrackImages.SIZE;

    @Test
    void pullsANearbyLineOntoTheTrack() {
        Line truth = new Line(2.3, 4.0);
        float[] image = TrackImages.draw(truth);
        Line start = new Line(2.31, 4.6); // 10 mrad and 0.6 px off, as a coarse Hough peak
        Line fitted = LineRefit.refit(start, image, lit(image), 0.5, N, N, 1.5);
        assertTrue(LineDistance.angleDifference(truth, fitted) < 0.003, fitted.toString());
        assertTrue(LineDistance.offsetDifference(truth, fitted) < 0.1, fitted.toString());
    }

    @Test
    void keepsTheLineWhenTheBandHoldsNoTrack() {
        float[] image = TrackImages.draw(new Line(2.3, 4.0));
        Line far = new Line(0.7, -20); // crosses the track once: a blob, not an elongated strip
        assertEquals(far, LineRefit.refit(far, image, lit(image), 0.5, N, N, 1.5));
        Line empty = new Line(0.0, 30);
        assertEquals(empty, LineRefit.refit(empty, new float[N * N], new boolean[N * N], 0.5, N, N, 1.5));
    }

    private static boolean[] lit(float[] image) {
        boolean[] lit = new boolean[image.length];
        for (int k = 0; k < image.length; k++) {
            lit[k] = image[k] > 0.5;
        }
        return lit;
    }
}
