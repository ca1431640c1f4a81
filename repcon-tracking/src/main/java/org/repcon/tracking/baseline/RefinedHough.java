package org.repcon.tracking.baseline;

import java.util.List;
import org.repcon.tracking.geometry.Line;
import org.repcon.tracking.inference.DuplicateFilter;
import org.repcon.tracking.model.LineRefinement;

/**
 * The Hough baseline given the tracker's own test-time refinement: the lines of {@link HoughBaseline} (peaks with
 * their two-pass least-squares refit, {@link LineRefit}) refined on the image by the same {@link LineRefinement}
 * the tracker's {@code TrackFinder} applies to the encoder's lines (by default 10 iterations of the robust
 * attraction fit, width 1.5 px), then duplicates dropped with the finder's {@link DuplicateFilter} (strongest, i.e.
 * first found, kept). So the tracker and this baseline differ only in where the lines start: the encoder's slots
 * or the Hough peaks; comparing the tracker with it measures what the learning adds over Hough, not one refit
 * against another.
 */
public final class RefinedHough {
    private final HoughBaseline hough;
    private final LineRefinement refinement;
    private final DuplicateFilter duplicates;

    public RefinedHough(HoughBaseline hough, LineRefinement refinement, DuplicateFilter duplicates) {
        if (hough == null || refinement == null || duplicates == null) {
            throw new IllegalArgumentException("hough, refinement and duplicates must not be null");
        }
        this.hough = hough;
        this.refinement = refinement;
        this.duplicates = duplicates;
    }

    /** The lines found in one image ({@link HoughBaseline#detect}'s arguments), refined, strongest first. */
    public List<Line> detect(float[] image, int width, int height) {
        return refine(hough.detect(image, width, height), image, width, height);
    }

    /** {@code houghLines} (already found in {@code image}, strongest first) refined, duplicates dropped. */
    public List<Line> refine(List<Line> houghLines, float[] image, int width, int height) {
        return duplicates.keep(refinement.refine(image, width, height, houghLines), l -> l);
    }
}
