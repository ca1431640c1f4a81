package org.repcon.tracking.baseline;

/**
 * Settings of the {@link HoughBaseline}. {@link #defaults(int)} gives the values below, chosen for our images
 * (64 x 64, intensities in [0, 1], tracks of bright grains about 1-2 px wide on a dark noisy background):
 *
 * @param maxLines at most this many lines per image, the strongest first (the maximum number of tracks per
 *     image of the data set)
 * @param blurSigma standard deviation (px) of a Gaussian blur before thresholding, 0 = none. Default 0: the
 *     grains are already bright compact blobs and the threshold alone rejects the background (see minVotes); a
 *     blur lowers isolated grains' peaks and widens the binary track. Consider it (e.g. 0.8 with a lower
 *     threshold) for strong pixel-wise noise.
 * @param threshold a pixel votes when its (blurred) intensity is > threshold. Default 0.5: mid-way between the
 *     dark background and a grain's peak; Gaussian background noise up to sigma ~ 0.15 then almost never votes.
 *     The tracks themselves are voted on (not their edges), so each track gives one peak, not two.
 * @param angleBins number of angle bins over [0, pi). Default 180 (1 degree = 17.5 mrad): over a 64-px track
 *     this moves the ends by at most ~0.3 px, finer than a grain.
 * @param rangeResolution BoofCV's {@code ConfigParamPolar.resolutionRange}. BoofCV spreads ceil(r_max / res)
 *     bins over [-r_max, r_max] (r_max = half the image diagonal), so a bin is about 2 x res wide. Default 0.5:
 *     bins of ~1 px (for 64 x 64: 91 bins of 1.006 px), i.e. about the track width.
 * @param localMaxRadius non-maximum suppression radius in the transform (bins). Default 2: peaks closer than
 *     ~2 px and 2 degrees are one line. (The "butterfly" of lesser peaks that one track's votes spread around its
 *     peak is removed by erasing each found track's pixels, see {@link HoughBaseline}.)
 * @param minVotes smallest peak height (number of voting pixels) of a line. Default 10: a track needs at least 10
 *     lit pixels in one ~1 px x 1 degree bin (so very short corner tracks are missed), while lit background pixels
 *     rarely line up that well (measured: no line at all in 20 noise-only images for each Gaussian noise sigma
 *     0.05, 0.1, 0.15, 0.2).
 * @param band half-width (px) of the strip of lit pixels that belongs to a found line: they are used to refit it
 *     and are then erased before the next line is sought. Default 1.5 (a grain track is ~1-2 px wide).
 * @param refine refit each found line by least squares to the lit pixels within {@code band} of it
 *     ({@link LineRefit}); default true. The Hough peak alone is quantized to a bin (~1 px, 1 degree); the
 *     refit removes that quantization, as any practical Hough line finder does. false gives the raw peaks.
 */
public record HoughConfig(int maxLines, double blurSigma, double threshold, int angleBins, double rangeResolution,
        int localMaxRadius, int minVotes, double band, boolean refine) {

    public HoughConfig {
        if (maxLines < 1) {
            throw new IllegalArgumentException("maxLines must be >= 1, got " + maxLines);
        }
        if (!(blurSigma >= 0) || !Double.isFinite(blurSigma)) {
            throw new IllegalArgumentException("blurSigma must be >= 0 and finite (0 = no blur), got " + blurSigma);
        }
        if (!Double.isFinite(threshold)) {
            throw new IllegalArgumentException("threshold must be finite, got " + threshold);
        }
        if (angleBins < 2) {
            throw new IllegalArgumentException("angleBins must be >= 2, got " + angleBins);
        }
        if (!(rangeResolution > 0) || !Double.isFinite(rangeResolution)) {
            throw new IllegalArgumentException("rangeResolution must be positive (pixels), got " + rangeResolution);
        }
        if (localMaxRadius < 1) {
            throw new IllegalArgumentException("localMaxRadius must be >= 1 bin, got " + localMaxRadius);
        }
        if (minVotes < 1) {
            throw new IllegalArgumentException("minVotes must be >= 1, got " + minVotes);
        }
        if (!(band > 0) || !Double.isFinite(band)) {
            throw new IllegalArgumentException("band must be positive (pixels), got " + band);
        }
    }

    /** The defaults documented on the record's components, with the given maximum number of lines. */
    public static HoughConfig defaults(int maxLines) {
        return new HoughConfig(maxLines, 0.0, 0.5, 180, 0.5, 2, 10, 1.5, true);
    }

    /** This configuration with {@code refine} set. */
    public HoughConfig withRefine(boolean refine) {
        return new HoughConfig(maxLines, blurSigma, threshold, angleBins, rangeResolution, localMaxRadius, minVotes,
                band, refine);
    }

    /** This configuration with another threshold and blur. */
    public HoughConfig withBinarization(double blurSigma, double threshold) {
        return new HoughConfig(maxLines, blurSigma, threshold, angleBins, rangeResolution, localMaxRadius, minVotes,
                band, refine);
    }
}
