package org.repcon.tracking.baseline;

import boofcv.abst.feature.detect.extract.WrapperNonMaximumBlock;
import boofcv.alg.feature.detect.extract.NonMaxBlock;
import boofcv.alg.feature.detect.extract.NonMaxBlockSearchRelaxed;
import boofcv.alg.feature.detect.line.HoughTransformBinary;
import boofcv.alg.filter.blur.BlurImageOps;
import boofcv.struct.ConfigLength;
import boofcv.struct.image.GrayF32;
import boofcv.struct.image.GrayU8;
import georegression.struct.line.LineParametric2D_F32;
import java.util.ArrayList;
import java.util.List;
import org.repcon.tracking.geometry.Line;

/**
 * The Hough-transform baseline of the line tracker: finds straight tracks in one image with BoofCV's
 * binary polar Hough transform ({@link HoughTransformBinary}).
 *
 * <p>Pipeline (all settings in {@link HoughConfig}, whose Javadoc gives each default and why):
 * <ol>
 *   <li>optional Gaussian blur (BoofCV {@code BlurImageOps.gaussian}), off by default;
 *   <li>binarization: a pixel is lit when its intensity is > threshold (0.5). The bright grains themselves vote,
 *       not their edges: a thin bright track has two parallel edges, which would give two lines ~1-2 px either
 *       side of the track instead of one on it (hence not BoofCV's gradient / edge variants);
 *   <li>voting of the lit pixels in BoofCV's polar (r, theta) accumulator about the image centre: 180 angle bins
 *       over [0, pi), ~1 px range bins ({@link CentredPolarParameters}, which reads a peak at its bin's centre);
 *   <li>the strongest peak (non-maximum suppression radius 2 bins, at least {@code minVotes} = 10 votes) is a
 *       line, converted to repcon's conventions ({@link BoofLines#toLine}) and, by default, refit by least
 *       squares to the lit pixels within {@code band} = 1.5 px ({@link LineRefit});
 *   <li>those pixels are erased and steps 3-4 repeat, up to {@code maxLines} lines or until no peak reaches
 *       {@code minVotes}.
 * </ol>
 * Why one line at a time: one track's votes also pile up, less, on lines through part of it at other angles
 * (the "butterfly" around its peak); the discrete accumulator has local maxima there, ~0.1-0.2 rad away and
 * with 15-25 votes on a clean 64 x 64 track, which a single pass reports as fake tracks (measured: 2 fakes
 * beside a single clean track with maxLines 3). BoofCV's duplicate merging ({@code ImageLinePruneMerge}) would
 * only remove them by also merging genuine tracks crossing at up to the same angle; erasing the found track
 * removes its butterfly with it. BoofCV's merge step is not used at all: in 1.1.7 it silently drops lines whose
 * clipping to the image border does not give exactly two points ({@code LineImageOps.convert} returns null),
 * e.g. a clean 62 px track at angle 1.1175 rad, offset 18.39 px, found by the transform, vanished there.
 *
 * <p>The transform and the peak search run single-threaded (BoofCV's concurrent variants, which its factories
 * choose when {@code BoofConcurrency.USE_CONCURRENT} is set, are not used); the optional blur is BoofCV's
 * {@code BlurImageOps.gaussian}, which may use BoofCV's shared thread pool. All working state is built per call,
 * so an instance is immutable and may be shared between threads.
 */
public final class HoughBaseline {
    private final HoughConfig config;

    /** The default configuration with at most {@code maxLines} lines per image. */
    public HoughBaseline(int maxLines) {
        this(HoughConfig.defaults(maxLines));
    }

    public HoughBaseline(HoughConfig config) {
        if (config == null) {
            throw new IllegalArgumentException("config must not be null");
        }
        this.config = config;
    }

    public HoughConfig config() {
        return config;
    }

    /**
     * The lines found in one image, in the order found (strongest first), at most {@code maxLines}.
     *
     * @param image row-major intensities [height * width], nominally in [0, 1] (bright tracks, dark background)
     * @param width image width, px
     * @param height image height, px
     */
    public List<Line> detect(float[] image, int width, int height) {
        BoofLines.requireSize(width, height);
        if (image == null || image.length != width * height) {
            throw new IllegalArgumentException("image must hold width * height = " + width * height
                    + " values, got " + (image == null ? "null" : image.length));
        }
        for (int k = 0; k < image.length; k++) {
            if (!Float.isFinite(image[k])) {
                throw new IllegalArgumentException("image value " + k + " (row " + k / width + ", column "
                        + k % width + ") must be finite, got " + image[k]);
            }
        }
        float[] intensity = blurred(image, width, height);
        boolean[] lit = new boolean[intensity.length];
        GrayU8 binary = new GrayU8(width, height); // a fresh GrayU8 has stride == width, startIndex 0
        for (int k = 0; k < intensity.length; k++) {
            lit[k] = intensity[k] > config.threshold();
            binary.data[k] = (byte) (lit[k] ? 1 : 0);
        }

        // relaxed (non-strict) block non-maximum suppression, as BoofCV's factory builds it, but always the
        // single-threaded NonMaxBlock (the factory picks NonMaxBlock_MT when BoofConcurrency is on)
        NonMaxBlock nonMax = new NonMaxBlock(new NonMaxBlockSearchRelaxed.Max());
        nonMax.setSearchRadius(config.localMaxRadius());
        nonMax.setBorder(0);
        HoughTransformBinary hough = new HoughTransformBinary(new WrapperNonMaximumBlock(nonMax),
                new CentredPolarParameters(config.rangeResolution(), config.angleBins()));
        // BoofCV keeps peaks strictly above the threshold; vote counts are integers, so this keeps >= minVotes
        hough.setNumberOfCounts(ConfigLength.fixed(config.minVotes() - 0.5));
        hough.setMaxLines(0); // no BoofCV merge step: all peaks, from which we take the strongest

        List<Line> lines = new ArrayList<>();
        while (lines.size() < config.maxLines()) {
            hough.transform(binary);
            LineParametric2D_F32 strongest = strongest(hough);
            if (strongest == null) {
                break;
            }
            Line line = BoofLines.toLine(strongest, width, height);
            if (config.refine()) {
                line = LineRefit.refit(line, intensity, lit, config.threshold(), width, height, config.band());
            }
            lines.add(line);
            if (erase(line, lit, binary, width, height) == 0) {
                break; // nothing left to remove: the same peak would come back
            }
        }
        return lines;
    }

    /** The peak with the most votes (the first of equals), or null if no peak reached minVotes. */
    private static LineParametric2D_F32 strongest(HoughTransformBinary hough) {
        List<LineParametric2D_F32> all = hough.getLinesAll().toList();
        float[] votes = hough.getFoundIntensity();
        int best = -1;
        for (int i = 0; i < all.size(); i++) {
            if (best < 0 || votes[i] > votes[best]) {
                best = i;
            }
        }
        return best < 0 ? null : all.get(best);
    }

    /** Unlights the lit pixels within {@code band} of the line; returns how many. */
    private int erase(Line line, boolean[] lit, GrayU8 binary, int width, int height) {
        int erased = 0;
        for (int i = 0; i < height; i++) {
            for (int j = 0; j < width; j++) {
                int k = i * width + j;
                if (lit[k] && Math.abs(line.distance(j + 0.5, i + 0.5, width, height)) <= config.band()) {
                    lit[k] = false;
                    binary.data[k] = 0;
                    erased++;
                }
            }
        }
        return erased;
    }

    private float[] blurred(float[] image, int width, int height) {
        if (config.blurSigma() == 0) {
            return image;
        }
        GrayF32 in = new GrayF32(width, height);
        System.arraycopy(image, 0, in.data, 0, image.length);
        GrayF32 out = BlurImageOps.gaussian(in, null, config.blurSigma(), -1, null);
        float[] result = new float[image.length];
        for (int i = 0; i < height; i++) {
            System.arraycopy(out.data, out.startIndex + i * out.stride, result, i * width, width);
        }
        return result;
    }
}
