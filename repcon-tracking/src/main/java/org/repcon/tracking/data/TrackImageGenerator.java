package org.repcon.tracking.data;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.repcon.tracking.geometry.Line;

/**
 * Draws detector-like images of straight tracks ({@link TrackImageSpec}) with their truth, reproducibly: image
 * {@code index} of {@code seed} depends on (seed, index) alone, so images can be generated in any order, in
 * parallel, or again later, and a test set is simply another index range or seed.
 *
 * <p>Recipe for one W x H image (pixel coordinates as in {@link Line}: pixel (row i, column j) has its centre at
 * (j + 0.5, i + 0.5)), all random numbers from one generator seeded by (seed, index):
 * <ol>
 *   <li>the number of tracks K, uniform in [minTracks, maxTracks];
 *   <li>per track, an angle uniform in [0, pi), redrawn until it is at least minAngleSeparation (modulo pi) from
 *       the angles drawn before, and an offset uniform in [-maxOffset, maxOffset];
 *   <li>per track, grains along the part of the line inside the image ({@link Line#clip}): the first at a distance
 *       uniform in [0, hitSpacing) from the entry point, then gaps uniform in [0.5, 1.5] hitSpacing; each grain is
 *       displaced perpendicular to the track by N(0, hitJitter^2) and has a peak intensity uniform in
 *       hitIntensity +- hitIntensitySpread (at most 1);
 *   <li>isolated grains: each pixel holds one with probability isolatedGrainDensity, at a uniform position inside
 *       it, with a hit's intensity distribution;
 *   <li>a grain at g with peak a adds the blob a exp(-|p - g|^2 / (2 hitRadius^2)) at pixel centres p within
 *       3 hitRadius + 1 pixels; blobs combine by maximum (overlapping grains do not exceed their peak);
 *   <li>Gaussian noise N(0, noiseSigma^2) is added to every pixel, and the image is clipped to [0, 1].
 * </ol>
 * Thread-safe (no mutable state).
 */
public final class TrackImageGenerator {
    private final TrackImageSpec spec;

    public TrackImageGenerator(TrackImageSpec spec) {
        this.spec = spec;
    }

    public TrackImageSpec spec() {
        return spec;
    }

    /** Image {@code index} (>= 0) of the sequence {@code seed}. */
    public GeneratedImage generate(long seed, int index) {
        if (index < 0) {
            throw new IllegalArgumentException("image index must be >= 0, got " + index);
        }
        SplittableRandom rng = new SplittableRandom(imageSeed(seed, index));
        int w = spec.width();
        int h = spec.height();
        int count = spec.minTracks() + rng.nextInt(spec.maxTracks() - spec.minTracks() + 1);
        List<Line> truth = drawLines(rng, count);
        float[] canvas = new float[w * h];
        for (Line line : truth) {
            drawTrack(rng, line, canvas);
        }
        double density = spec.isolatedGrainDensity();
        for (int i = 0; i < h; i++) {
            for (int j = 0; j < w; j++) {
                if (density > 0 && rng.nextDouble() < density) {
                    stamp(canvas, j + rng.nextDouble(), i + rng.nextDouble(), grainIntensity(rng));
                }
            }
        }
        double sigma = spec.noiseSigma();
        for (int p = 0; p < canvas.length; p++) {
            double v = canvas[p] + (sigma > 0 ? sigma * rng.nextGaussian() : 0);
            canvas[p] = (float) Math.min(1, Math.max(0, v));
        }
        return new GeneratedImage(w, h, canvas, truth);
    }

    private List<Line> drawLines(SplittableRandom rng, int count) {
        List<Line> lines = new ArrayList<>(count);
        double maxOffset = spec.maxOffset();
        for (int k = 0; k < count; k++) {
            double angle = rng.nextDouble() * Math.PI;
            // the spec guarantees that the allowed set has measure >= pi - 2 (maxTracks - 1) separation > 0
            for (int tries = 0; !separated(angle, lines); tries++) {
                if (tries > 100_000) {
                    throw new IllegalStateException("cannot place track " + k + " at least " + spec.minAngleSeparation()
                            + " rad from the others");
                }
                angle = rng.nextDouble() * Math.PI;
            }
            if (angle >= Math.PI) {
                angle = 0;
            }
            double offset = (2 * rng.nextDouble() - 1) * maxOffset;
            lines.add(new Line(angle, offset));
        }
        return lines;
    }

    private boolean separated(double angle, List<Line> lines) {
        for (Line other : lines) {
            double diff = Math.abs(angle - other.angle());
            if (Math.min(diff, Math.PI - diff) < spec.minAngleSeparation()) {
                return false;
            }
        }
        return true;
    }

    private void drawTrack(SplittableRandom rng, Line line, float[] canvas) {
        double[] seg = line.clip(spec.width(), spec.height());
        if (seg == null) {
            return; // cannot happen for |offset| < min(W, H) / 2, kept for safety
        }
        double[] d = line.direction();
        double[] n = line.normal();
        double length = Math.hypot(seg[2] - seg[0], seg[3] - seg[1]);
        double spacing = spec.hitSpacing();
        for (double t = rng.nextDouble() * spacing; t <= length; t += spacing * (0.5 + rng.nextDouble())) {
            double jitter = spec.hitJitter() * rng.nextGaussian();
            double x = seg[0] + t * d[0] + jitter * n[0];
            double y = seg[1] + t * d[1] + jitter * n[1];
            stamp(canvas, x, y, grainIntensity(rng));
        }
    }

    private double grainIntensity(SplittableRandom rng) {
        double a = spec.hitIntensity() + spec.hitIntensitySpread() * (2 * rng.nextDouble() - 1);
        return Math.min(1, a);
    }

    /** Max-combines the blob a exp(-|p - (x, y)|^2 / (2 r^2)), cut at |p - (x, y)| = 3 r + 1, into the canvas. */
    private void stamp(float[] canvas, double x, double y, double a) {
        int w = spec.width();
        int h = spec.height();
        double r = spec.hitRadius();
        double reach = 3 * r + 1;
        double inv2r2 = 1.0 / (2 * r * r);
        int j0 = Math.max(0, (int) Math.floor(x - reach));
        int j1 = Math.min(w - 1, (int) Math.ceil(x + reach));
        int i0 = Math.max(0, (int) Math.floor(y - reach));
        int i1 = Math.min(h - 1, (int) Math.ceil(y + reach));
        for (int i = i0; i <= i1; i++) {
            double dy = i + 0.5 - y;
            for (int j = j0; j <= j1; j++) {
                double dx = j + 0.5 - x;
                double r2 = dx * dx + dy * dy;
                if (r2 > reach * reach) {
                    continue;
                }
                float v = (float) (a * Math.exp(-r2 * inv2r2));
                int p = i * w + j;
                if (v > canvas[p]) {
                    canvas[p] = v;
                }
            }
        }
    }

    /** The generator seed of image (seed, index): SplitMix64's finaliser of seed, offset by the index, mixed again. */
    static long imageSeed(long seed, int index) {
        return mix(mix(seed) + 0x9E3779B97F4A7C15L * ((long) index + 1));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
