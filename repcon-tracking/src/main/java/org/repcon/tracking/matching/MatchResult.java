package org.repcon.tracking.matching;

import java.util.List;

/**
 * The matching of one image's predicted tracks to its true tracks.
 *
 * @param truthCount number of true tracks
 * @param predictedCount number of predicted tracks
 * @param pairs matched pairs (each true and each predicted track in at most one), in true-track order
 * @param missedTruth indices of true tracks without a match, ascending
 * @param fakePredicted indices of predicted tracks without a match, ascending
 */
public record MatchResult(int truthCount, int predictedCount, List<MatchedPair> pairs, List<Integer> missedTruth,
        List<Integer> fakePredicted) {
    public MatchResult {
        pairs = List.copyOf(pairs);
        missedTruth = List.copyOf(missedTruth);
        fakePredicted = List.copyOf(fakePredicted);
        if (pairs.size() + missedTruth.size() != truthCount || pairs.size() + fakePredicted.size() != predictedCount) {
            throw new IllegalArgumentException("inconsistent match: " + pairs.size() + " pairs, " + missedTruth.size()
                    + " missed of " + truthCount + " true, " + fakePredicted.size() + " fake of " + predictedCount
                    + " predicted");
        }
    }
}
