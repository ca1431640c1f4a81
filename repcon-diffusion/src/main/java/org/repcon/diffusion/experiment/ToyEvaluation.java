package org.repcon.diffusion.experiment;

import org.repcon.diffusion.metrics.Mmd;
import org.repcon.diffusion.metrics.SlicedWasserstein;

/**
 * The distances of the toy: MMD^2 (RBF kernel, bandwidth by the median heuristic on the validation points) and the
 * sliced 2-Wasserstein distance between a set of generated points and the test points. The sliced distance uses
 * the first min(n, m) points of each.
 *
 * @param bandwidth h of the RBF kernel
 * @param projections directions of the sliced distance
 * @param seed seeds the directions (the same for every compared set, so the numbers are comparable)
 */
public record ToyEvaluation(double[][] test, double bandwidth, int projections, long seed) {

    /** Distances of one set of points from the test points. */
    public record Distances(double mmd2, double slicedWasserstein) {}

    /** Bandwidth from the validation points (at most the first 2000: the median of their pairwise distances). */
    public static ToyEvaluation of(double[][] validation, double[][] test, int projections, long seed) {
        double[][] v = validation.length > 2000 ? java.util.Arrays.copyOf(validation, 2000) : validation;
        return new ToyEvaluation(test, Mmd.medianBandwidth(v), projections, seed);
    }

    public Distances distances(double[][] points) {
        int n = Math.min(points.length, test.length);
        return new Distances(Mmd.squared(points, test, bandwidth),
                SlicedWasserstein.distance(java.util.Arrays.copyOf(points, n), java.util.Arrays.copyOf(test, n), projections, seed));
    }
}
