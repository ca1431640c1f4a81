package org.repcon.tracking.matching;

import java.util.ArrayList;
import java.util.List;
import org.repcon.tracking.geometry.Line;

/**
 * Matches one image's predicted tracks to its true tracks.
 *
 * <p>Cost of a pair: c = da / angleTolerance + do / offsetTolerance ({@link LineDistance}). A pair is
 * <em>admissible</em> when da <= angleTolerance and do <= offsetTolerance. The optimal assignment
 * ({@link Hungarian}) is taken on the gated matrix C'[i][j] = c if admissible, else P with the penalty
 * P = 2 min(n, m) + 1, larger than any sum of admissible costs (each <= 2); assigned pairs that are not
 * admissible are then dropped. Hence the matching first maximizes the number of admissible pairs and, among
 * those, minimizes the summed cost; it never loses a match that a plain minimum-cost assignment would find.
 * True tracks left unpaired are <em>missed</em>, predicted ones <em>fake</em>.
 */
public final class TrackMatcher {
    /** Default angle tolerance, radians. */
    public static final double DEFAULT_ANGLE_TOLERANCE = 0.05;
    /** Default offset tolerance, pixels. */
    public static final double DEFAULT_OFFSET_TOLERANCE = 2.0;

    private final double angleTolerance;
    private final double offsetTolerance;

    /** A matcher with the default tolerances (0.05 rad, 2 px). */
    public TrackMatcher() {
        this(DEFAULT_ANGLE_TOLERANCE, DEFAULT_OFFSET_TOLERANCE);
    }

    /**
     * @param angleTolerance largest |da| of a match, radians (> 0)
     * @param offsetTolerance largest |do| of a match, pixels (> 0)
     */
    public TrackMatcher(double angleTolerance, double offsetTolerance) {
        LineDistance.requireTolerances(angleTolerance, offsetTolerance);
        this.angleTolerance = angleTolerance;
        this.offsetTolerance = offsetTolerance;
    }

    public double angleTolerance() {
        return angleTolerance;
    }

    public double offsetTolerance() {
        return offsetTolerance;
    }

    /** Matches {@code predicted} to {@code truth} (either list may be empty, neither null nor holding null). */
    public MatchResult match(List<Line> truth, List<Line> predicted) {
        requireLines(truth, "true");
        requireLines(predicted, "predicted");
        int n = truth.size();
        int m = predicted.size();
        double penalty = 2.0 * Math.min(n, m) + 1;
        double[][] cost = new double[n][m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                Line t = truth.get(i);
                Line p = predicted.get(j);
                cost[i][j] = LineDistance.within(t, p, angleTolerance, offsetTolerance)
                        ? LineDistance.cost(t, p, angleTolerance, offsetTolerance)
                        : penalty;
            }
        }
        int[] assignment = Hungarian.solve(cost);
        List<MatchedPair> pairs = new ArrayList<>();
        List<Integer> missed = new ArrayList<>();
        boolean[] predictedUsed = new boolean[m];
        for (int i = 0; i < n; i++) {
            int j = assignment[i];
            if (j >= 0 && LineDistance.within(truth.get(i), predicted.get(j), angleTolerance, offsetTolerance)) {
                pairs.add(new MatchedPair(i, j, LineDistance.angleDifference(truth.get(i), predicted.get(j)),
                        LineDistance.offsetDifference(truth.get(i), predicted.get(j))));
                predictedUsed[j] = true;
            } else {
                missed.add(i);
            }
        }
        List<Integer> fake = new ArrayList<>();
        for (int j = 0; j < m; j++) {
            if (!predictedUsed[j]) {
                fake.add(j);
            }
        }
        return new MatchResult(n, m, pairs, missed, fake);
    }

    private static void requireLines(List<Line> lines, String what) {
        if (lines == null) {
            throw new IllegalArgumentException("the list of " + what + " tracks must not be null (use an empty list)");
        }
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i) == null) {
                throw new IllegalArgumentException(what + " track " + i + " is null");
            }
        }
    }
}
