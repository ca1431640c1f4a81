package org.repcon.tracking.baseline;

import java.util.Random;
import org.repcon.tracking.geometry.Line;

/** Test images: tracks drawn as chains of Gaussian grains centred on known lines, optional background noise. */
final class TrackImages {
    static final int SIZE = 64;
    private static final double GRAIN_SIGMA = 0.6; // px
    private static final double GRAIN_SPACING = 1.2; // px along the track

    private TrackImages() {
    }

    /** A SIZE x SIZE image holding the given lines (peak intensity 1, max-combined), no noise. */
    static float[] draw(Line... lines) {
        float[] image = new float[SIZE * SIZE];
        for (Line line : lines) {
            double[] seg = line.clip(SIZE, SIZE);
            double length = Math.hypot(seg[2] - seg[0], seg[3] - seg[1]);
            int grains = (int) Math.floor(length / GRAIN_SPACING);
            for (int g = 0; g <= grains; g++) {
                double t = (g + 0.5) * GRAIN_SPACING / length;
                if (t > 1) {
                    break;
                }
                grain(image, seg[0] + t * (seg[2] - seg[0]), seg[1] + t * (seg[3] - seg[1]));
            }
        }
        return image;
    }

    /** Adds Gaussian noise of standard deviation sigma (seeded), clipping to [0, 1]. */
    static float[] withNoise(float[] image, double sigma, long seed) {
        Random rnd = new Random(seed);
        float[] out = new float[image.length];
        for (int k = 0; k < image.length; k++) {
            out[k] = (float) Math.min(1, Math.max(0, image[k] + sigma * rnd.nextGaussian()));
        }
        return out;
    }

    private static void grain(float[] image, double x, double y) {
        int r = 3;
        for (int i = (int) Math.floor(y) - r; i <= (int) Math.floor(y) + r; i++) {
            for (int j = (int) Math.floor(x) - r; j <= (int) Math.floor(x) + r; j++) {
                if (i < 0 || j < 0 || i >= SIZE || j >= SIZE) {
                    continue;
                }
                double dx = j + 0.5 - x;
                double dy = i + 0.5 - y;
                float v = (float) Math.exp(-(dx * dx + dy * dy) / (2 * GRAIN_SIGMA * GRAIN_SIGMA));
                image[i * SIZE + j] = Math.max(image[i * SIZE + j], v);
            }
        }
    }
}
