package org.repcon.tracking.model;

import java.util.ArrayList;
import java.util.List;
import org.repcon.tracking.geometry.Line;
import org.repcon.tracking.geometry.WeightedLineFit;

/**
 * Test-time refinement of found lines: minimises the tracker's attraction objective on one image (the whole-image
 * form of {@link TrackerLosses#localAttraction}), sum_p w_p min_k rho(d_k(p)) with w_p = max(0, I_p - floor) and
 * rho(d) = d^2 / (d^2 + c^2), over the lines' parameters, starting from the encoder's lines. The encoder is
 * amortised inference: it lands within a fraction of a pixel of a track; a few iterations of the exact fit then
 * remove what a network regression cannot resolve (a few milliradians).
 *
 * <p>Iteratively reweighted total least squares: each lit pixel within {@code 3c} of its nearest line gets the
 * weight w_p c^2 / (d^2 + c^2)^2 (the derivative of rho in d^2) for that line; each line is refit through the
 * weighted centroid of its pixels along the major axis of their weighted covariance. A line keeps its previous
 * value when it has fewer than 3 pixels, when they are not elongated (major / minor variance < 4), or when one
 * iteration would turn it by more than {@link #MAX_TURN} rad (its pixels then belong mostly to another track).
 */
public final class LineRefinement {
    /** Largest angle change of one iteration, radians. */
    static final double MAX_TURN = 0.1;

    private final double floor;
    private final double c;
    private final int iterations;

    /**
     * @param floor intensity below which a pixel does not pull (the attraction's floor)
     * @param c the robust width, px
     * @param iterations refit iterations (0: lines returned unchanged)
     */
    public LineRefinement(double floor, double c, int iterations) {
        if (!(c > 0) || iterations < 0) {
            throw new IllegalArgumentException("refinement needs c > 0 and iterations >= 0, got " + c + ", " + iterations);
        }
        this.floor = floor;
        this.c = c;
        this.iterations = iterations;
    }

    /** The lines refit to {@code image} (row-major, width x height), in the same order. */
    public List<Line> refine(float[] image, int width, int height, List<Line> lines) {
        List<Line> current = new ArrayList<>(lines);
        int k = current.size();
        if (k == 0) {
            return current;
        }
        double reach2 = 9 * c * c;
        for (int it = 0; it < iterations; it++) {
            WeightedLineFit[] fits = new WeightedLineFit[k];
            for (int s = 0; s < k; s++) {
                fits[s] = new WeightedLineFit();
            }
            double[] nx = new double[k];
            double[] ny = new double[k];
            double[] off = new double[k];
            for (int s = 0; s < k; s++) {
                double[] n = current.get(s).normal();
                nx[s] = n[0];
                ny[s] = n[1];
                off[s] = current.get(s).offset() + n[0] * width / 2.0 + n[1] * height / 2.0;
            }
            for (int i = 0; i < height; i++) {
                double y = i + 0.5;
                for (int j = 0; j < width; j++) {
                    double v = image[i * width + j] - floor;
                    if (!(v > 0)) {
                        continue;
                    }
                    double x = j + 0.5;
                    int best = -1;
                    double bestD2 = reach2;
                    for (int s = 0; s < k; s++) {
                        double d = nx[s] * x + ny[s] * y - off[s]; // Line.distance
                        if (d * d < bestD2) {
                            bestD2 = d * d;
                            best = s;
                        }
                    }
                    if (best < 0) {
                        continue;
                    }
                    double q = bestD2 + c * c;
                    fits[best].add(x, y, v * c * c / (q * q));
                }
            }
            boolean moved = false;
            for (int s = 0; s < k; s++) {
                Line next = fits[s].fit(width, height);
                if (next != null && turn(current.get(s), next) <= MAX_TURN) {
                    moved |= !next.equals(current.get(s));
                    current.set(s, next);
                }
            }
            if (!moved) {
                break;
            }
        }
        return current;
    }

    private static double turn(Line a, Line b) {
        double r = Math.abs(a.angle() - b.angle());
        return Math.min(r, Math.PI - r);
    }
}
