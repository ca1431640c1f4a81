package org.repcon.tracking.matching;

/**
 * Running sums behind {@link TrackMetrics} for one group of images (all, or one breakdown bucket).
 * Ratios with a zero denominator are NaN (undefined), never 0 or 1.
 */
final class MetricCounts {
    long images;
    long trueTracks;
    long predictedTracks;
    long matched;
    long fakes;
    double sumSquaredAngle; // radians^2, over matched pairs
    double sumSquaredOffset; // pixels^2, over matched pairs

    void add(MatchResult result) {
        images++;
        trueTracks += result.truthCount();
        predictedTracks += result.predictedCount();
        matched += result.pairs().size();
        fakes += result.fakePredicted().size();
        for (MatchedPair p : result.pairs()) {
            sumSquaredAngle += p.angleError() * p.angleError();
            sumSquaredOffset += p.offsetError() * p.offsetError();
        }
    }

    /** matched true tracks / true tracks. */
    double efficiency() {
        return ratio(matched, trueTracks);
    }

    /** unmatched predicted tracks / predicted tracks. */
    double fakeRate() {
        return ratio(fakes, predictedTracks);
    }

    /** 1000 sqrt(mean da^2) over matched pairs, milliradians. */
    double angleRmseMrad() {
        return matched == 0 ? Double.NaN : 1000 * Math.sqrt(sumSquaredAngle / matched);
    }

    /** sqrt(mean do^2) over matched pairs, pixels. */
    double offsetRmsePx() {
        return matched == 0 ? Double.NaN : Math.sqrt(sumSquaredOffset / matched);
    }

    private static double ratio(long num, long den) {
        return den == 0 ? Double.NaN : (double) num / den;
    }
}
