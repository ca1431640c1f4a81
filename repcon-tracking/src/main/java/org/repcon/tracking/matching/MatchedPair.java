package org.repcon.tracking.matching;

/**
 * A true track matched to a predicted one.
 *
 * @param truthIndex index in the image's list of true tracks
 * @param predictedIndex index in the image's list of predicted tracks
 * @param angleError |da| in radians, modulo pi (see {@link LineDistance#angleDifference})
 * @param offsetError |do| in pixels (see {@link LineDistance#offsetDifference})
 */
public record MatchedPair(int truthIndex, int predictedIndex, double angleError, double offsetError) {
}
