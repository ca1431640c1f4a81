package org.repcon.tracking.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.repcon.tracking.geometry.Line;

/**
 * The generator's reproducibility (by (seed, index) only), its truth against the spec, and the truth against the
 * picture: the true lines run over bright pixels.
 */
class TrackImageGeneratorTest {
    private final TrackImageGenerator generator = new TrackImageGenerator(TrackImageSpec.defaults());

    @Test
    void defaultsAreTheDocumentedOnes() {
        TrackImageSpec s = TrackImageSpec.defaults();
        assertEquals(List.of(64, 64, 1, 3), List.of(s.width(), s.height(), s.minTracks(), s.maxTracks()));
        assertArrayEquals(new double[] {1.5, 0.35, 0.8, 0.2, 0.8, 0.05, 0.002, 0.35, 0.15},
                new double[] {s.hitSpacing(), s.hitJitter(), s.hitIntensity(), s.hitIntensitySpread(), s.hitRadius(),
                        s.noiseSigma(), s.isolatedGrainDensity(), s.offsetFraction(), s.minAngleSeparation()});
        assertEquals(0.35 * 64, s.maxOffset(), 1e-12);
        assertEquals(0.35 * 32, s.withSize(48, 32).maxOffset(), 1e-12);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.withTracks(3, 2));
        assertTrue(e.getMessage().contains("minTracks <= maxTracks"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> s.withTracks(1, 12)); // 2 * 11 * 0.15 > pi: no room
        assertThrows(IllegalArgumentException.class, () -> s.withBackground(-0.1, 0));
    }

    @Test
    void theSameSeedAndIndexGiveTheSameImageAndTruth() {
        GeneratedImage a = generator.generate(7, 3);
        GeneratedImage b = new TrackImageGenerator(TrackImageSpec.defaults()).generate(7, 3);
        assertArrayEquals(a.pixels(), b.pixels());
        assertEquals(a.truth(), b.truth());
    }

    @Test
    void differentSeedsAndIndicesGiveDifferentImages() {
        GeneratedImage a = generator.generate(7, 3);
        for (GeneratedImage other : List.of(generator.generate(8, 3), generator.generate(7, 4),
                generator.generate(-7, 3))) {
            assertFalse(Arrays.equals(a.pixels(), other.pixels()));
            assertNotEquals(a.truth(), other.truth());
        }
    }

    @Test
    void generationOrderDoesNotMatter() {
        GeneratedImage[] forward = new GeneratedImage[6];
        for (int i = 0; i < 6; i++) {
            forward[i] = generator.generate(21, i);
        }
        for (int i = 5; i >= 0; i--) {
            GeneratedImage again = generator.generate(21, i);
            assertArrayEquals(forward[i].pixels(), again.pixels(), "image " + i);
            assertEquals(forward[i].truth(), again.truth());
        }
        TrackImageSet set = TrackImageSet.generate(generator, 21, 2, 3); // images 2, 3, 4
        assertEquals(List.of("img00002.png", "img00003.png", "img00004.png"), set.images().names());
        for (int n = 0; n < 3; n++) {
            assertArrayEquals(forward[n + 2].pixels(), Arrays.copyOfRange(set.images().pixels(), n * 4096, (n + 1) * 4096));
            assertEquals(forward[n + 2].truth(), set.truth(n));
        }
    }

    @Test
    void truthFollowsTheSpec() {
        TrackImageSpec spec = TrackImageSpec.defaults();
        int[] counts = new int[4];
        for (int i = 0; i < 300; i++) {
            GeneratedImage g = generator.generate(5, i);
            List<Line> lines = g.truth();
            counts[lines.size()]++;
            for (int a = 0; a < lines.size(); a++) {
                Line l = lines.get(a);
                assertTrue(l.angle() >= 0 && l.angle() < Math.PI, l::toString);
                assertTrue(Math.abs(l.offset()) <= spec.maxOffset(), l::toString);
                for (int b = 0; b < a; b++) {
                    double diff = Math.abs(l.angle() - lines.get(b).angle());
                    assertTrue(Math.min(diff, Math.PI - diff) >= spec.minAngleSeparation(), lines::toString);
                }
            }
            for (float v : g.pixels()) {
                assertTrue(v >= 0 && v <= 1, "pixel " + v);
            }
        }
        assertEquals(0, counts[0]);
        for (int k = 1; k <= 3; k++) { // uniform: 100 expected each, sd about 8
            assertTrue(counts[k] > 70 && counts[k] < 130, Arrays.toString(counts));
        }
    }

    @Test
    void withoutBackgroundOnlyTrackPixelsAreLit() {
        TrackImageGenerator clean = new TrackImageGenerator(TrackImageSpec.defaults().withBackground(0, 0));
        for (int i = 0; i < 20; i++) {
            GeneratedImage g = clean.generate(3, i);
            for (int p = 0; p < g.pixels().length; p++) {
                double x = p % 64 + 0.5;
                double y = p / 64 + 0.5;
                // a grain reaches 3 r + 1 = 3.4 px from its centre, its centre is 5 jitter sd = 1.75 px from the line
                boolean near = g.truth().stream().anyMatch(l -> Math.abs(l.distance(x, y, 64, 64)) < 5.2);
                if (!near) {
                    assertEquals(0f, g.pixels()[p], "pixel " + p + " of image " + i);
                }
            }
        }
    }

    @Test
    void trueLinesRunOverBrightPixels() {
        double onLine = 0;
        double shifted = 0;
        double background = 0;
        int lines = 0;
        int bgPixels = 0;
        for (int i = 0; i < 60; i++) {
            GeneratedImage g = generator.generate(11, i);
            for (Line l : g.truth()) {
                onLine += meanAlong(g, l);
                shifted += meanAlong(g, new Line(l.angle(), l.offset() + 4)); // 4 px off: a wrong truth
                lines++;
            }
            for (int p = 0; p < g.pixels().length; p++) {
                double x = p % 64 + 0.5;
                double y = p / 64 + 0.5;
                if (g.truth().stream().allMatch(l -> Math.abs(l.distance(x, y, 64, 64)) > 6)) {
                    background += g.pixels()[p];
                    bgPixels++;
                }
            }
        }
        onLine /= lines;
        shifted /= lines;
        background /= bgPixels;
        // measured: 0.601 on the lines, 0.055 on lines shifted by 4 px, 0.026 background
        assertTrue(onLine > 0.45, "mean intensity along the true lines " + onLine);
        assertTrue(onLine > 10 * background, "on line " + onLine + ", background " + background);
        assertTrue(onLine > 4 * shifted, "on line " + onLine + ", 4 px off " + shifted);
    }

    /** Mean of the pixels under the line's points every 0.5 px along its part inside the image (nearest pixel). */
    private static double meanAlong(GeneratedImage g, Line l) {
        double[] seg = l.clip(64, 64);
        if (seg == null) {
            return 0;
        }
        double length = Math.hypot(seg[2] - seg[0], seg[3] - seg[1]);
        double sum = 0;
        int n = 0;
        for (double t = 0.25; t < length; t += 0.5) {
            int j = (int) Math.min(63, Math.floor(seg[0] + t * Math.cos(l.angle())));
            int i = (int) Math.min(63, Math.floor(seg[1] + t * Math.sin(l.angle())));
            if (i >= 0 && j >= 0) {
                sum += g.pixels()[i * 64 + j];
                n++;
            }
        }
        return n == 0 ? 0 : sum / n;
    }
}
