package org.repcon.tracking.inference;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.repcon.tracking.geometry.Line;
import org.repcon.tracking.matching.LineDistance;

/**
 * Drops duplicate tracks: going through tracks strongest first, a track is kept unless it lies within
 * {@code angle} rad and {@code offset} px ({@link LineDistance#within}) of a track already kept.
 *
 * <p>These tolerances belong to track finding (spec keys {@code evaluation.duplicate_angle} and
 * {@code evaluation.duplicate_offset}), not to scoring: the matcher's {@code angle_tolerance} and
 * {@code offset_tolerance} only decide which found track counts as a true one. Their defaults are equal
 * (0.05 rad, 2 px), which is what the finder used before the two were separated.
 *
 * @param angle largest angle difference of a duplicate, radians (> 0)
 * @param offset largest offset difference of a duplicate, px (> 0)
 */
public record DuplicateFilter(double angle, double offset) {
    /** Default angle tolerance of a duplicate, radians. */
    public static final double DEFAULT_ANGLE = 0.05;
    /** Default offset tolerance of a duplicate, px. */
    public static final double DEFAULT_OFFSET = 2.0;

    public DuplicateFilter {
        LineDistance.requireTolerances(angle, offset);
    }

    /** 0.05 rad and 2 px. */
    public static DuplicateFilter defaults() {
        return new DuplicateFilter(DEFAULT_ANGLE, DEFAULT_OFFSET);
    }

    /** The tracks of {@code strongestFirst} that are no duplicate of a stronger one, in the same order. */
    public <T> List<T> keep(List<T> strongestFirst, Function<T, Line> line) {
        List<T> kept = new ArrayList<>();
        for (T p : strongestFirst) {
            Line l = line.apply(p);
            if (kept.stream().noneMatch(q -> LineDistance.within(line.apply(q), l, angle, offset))) {
                kept.add(p);
            }
        }
        return kept;
    }
}
