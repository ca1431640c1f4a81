package org.repcon.tracking.data;

/**
 * What {@link TrackImageGenerator} draws: detector-like grayscale images of straight tracks, each a chain of
 * developed grains (Gaussian blobs) along a line, on a noisy background with isolated grains. Lengths are in pixels.
 *
 * @param width image width W
 * @param height image height H
 * @param minTracks fewest tracks per image (>= 0)
 * @param maxTracks most tracks per image; the count is uniform in [minTracks, maxTracks]
 * @param hitSpacing mean distance between neighbouring grains along a track; the gaps are uniform in
 *     [0.5, 1.5] x hitSpacing
 * @param hitJitter standard deviation of a grain's Gaussian displacement perpendicular to its track
 * @param hitIntensity mean peak intensity of a grain
 * @param hitIntensitySpread a grain's peak intensity is uniform in hitIntensity +- hitIntensitySpread
 * @param hitRadius standard deviation of a grain's Gaussian blob
 * @param noiseSigma standard deviation of the additive Gaussian background noise (the image is clipped to [0, 1])
 * @param isolatedGrainDensity probability per pixel of an isolated grain (not on any track), drawn like a hit
 * @param offsetFraction track offsets are uniform in [-m, m] with m = offsetFraction * min(W, H), so every track
 *     crosses a good part of the image
 * @param minAngleSeparation least angle between two tracks of one image, in radians, measured modulo pi (0: none)
 */
public record TrackImageSpec(int width, int height, int minTracks, int maxTracks, double hitSpacing, double hitJitter,
        double hitIntensity, double hitIntensitySpread, double hitRadius, double noiseSigma,
        double isolatedGrainDensity, double offsetFraction, double minAngleSeparation) {

    public TrackImageSpec {
        require(width > 0 && height > 0, "image size must be positive, got " + width + "x" + height);
        require(minTracks >= 0 && maxTracks >= minTracks,
                "track counts need 0 <= minTracks <= maxTracks, got " + minTracks + " and " + maxTracks);
        require(hitSpacing > 0 && Double.isFinite(hitSpacing), "hitSpacing must be positive, got " + hitSpacing);
        require(hitJitter >= 0 && Double.isFinite(hitJitter), "hitJitter must be >= 0, got " + hitJitter);
        require(hitIntensity > 0 && hitIntensity <= 1, "hitIntensity must be in (0, 1], got " + hitIntensity);
        require(hitIntensitySpread >= 0 && hitIntensitySpread <= hitIntensity,
                "hitIntensitySpread must be in [0, hitIntensity], got " + hitIntensitySpread);
        require(hitRadius > 0 && Double.isFinite(hitRadius), "hitRadius must be positive, got " + hitRadius);
        require(noiseSigma >= 0 && Double.isFinite(noiseSigma), "noiseSigma must be >= 0, got " + noiseSigma);
        require(isolatedGrainDensity >= 0 && isolatedGrainDensity <= 1,
                "isolatedGrainDensity must be in [0, 1], got " + isolatedGrainDensity);
        require(offsetFraction >= 0 && offsetFraction < 0.5,
                "offsetFraction must be in [0, 0.5) so that every track crosses the image, got " + offsetFraction);
        require(minAngleSeparation >= 0 && 2 * Math.max(0, maxTracks - 1) * minAngleSeparation < Math.PI,
                "minAngleSeparation must be >= 0 and 2 (maxTracks - 1) minAngleSeparation < pi, so that a new track "
                        + "always has room; got " + minAngleSeparation + " with maxTracks " + maxTracks);
    }

    /**
     * The defaults: 64 x 64, 1-3 tracks, grains every 1.5 px with 0.35 px jitter, intensity 0.8 +- 0.2, radius 0.8 px,
     * noise 0.05, isolated grains 0.002 per pixel, offsets within 0.35 min(W, H), tracks at least 0.15 rad apart.
     */
    public static TrackImageSpec defaults() {
        return new TrackImageSpec(64, 64, 1, 3, 1.5, 0.35, 0.8, 0.2, 0.8, 0.05, 0.002, 0.35, 0.15);
    }

    /** The same spec for images of {@code width x height}. */
    public TrackImageSpec withSize(int width, int height) {
        return new TrackImageSpec(width, height, minTracks, maxTracks, hitSpacing, hitJitter, hitIntensity,
                hitIntensitySpread, hitRadius, noiseSigma, isolatedGrainDensity, offsetFraction, minAngleSeparation);
    }

    /** The same spec with {@code min..max} tracks per image. */
    public TrackImageSpec withTracks(int min, int max) {
        return new TrackImageSpec(width, height, min, max, hitSpacing, hitJitter, hitIntensity, hitIntensitySpread,
                hitRadius, noiseSigma, isolatedGrainDensity, offsetFraction, minAngleSeparation);
    }

    /** The same spec with background noise {@code sigma} and isolated-grain density {@code density}. */
    public TrackImageSpec withBackground(double sigma, double density) {
        return new TrackImageSpec(width, height, minTracks, maxTracks, hitSpacing, hitJitter, hitIntensity,
                hitIntensitySpread, hitRadius, sigma, density, offsetFraction, minAngleSeparation);
    }

    /** The largest |offset| of a track: offsetFraction * min(W, H). */
    public double maxOffset() {
        return offsetFraction * Math.min(width, height);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException("track image spec: " + message);
        }
    }
}
