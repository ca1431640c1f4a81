package org.repcon.tracking.matching;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Angle and offset RMSEs of several track finders over the same true tracks: those that every finder matched.
 * Each finder's own RMSE ({@link TrackMetrics}) is over the tracks it matched, so a finder that misses the hard
 * tracks looks more precise than one that finds them; on the common subset the finders are compared on equal
 * tracks.
 *
 * <p>Per image, with one {@link MatchResult} per finder (all against the same true tracks), the common tracks are
 * the true-track indices i that appear in the pairs of every result. Over all images, finder f's
 * {@code angle_rmse_mrad_common} = 1000 sqrt(mean da_f(i)^2) and {@code offset_rmse_px_common} =
 * sqrt(mean do_f(i)^2), the means over the common tracks i; NaN when there are none. {@code common_tracks} counts
 * them. Not thread-safe.
 */
public final class CommonSubset {
    private final List<String> prefixes;
    private final double[] angleSq;
    private final double[] offsetSq;
    private long tracks;

    /** @param prefixes each finder's metric-key prefix (e.g. "" for the tracker, "hough_"), in the order results come */
    public CommonSubset(List<String> prefixes) {
        if (prefixes == null || prefixes.isEmpty()) {
            throw new IllegalArgumentException("need at least one finder's prefix");
        }
        this.prefixes = List.copyOf(prefixes);
        this.angleSq = new double[prefixes.size()];
        this.offsetSq = new double[prefixes.size()];
    }

    /** Adds one image: {@code results.get(f)} is finder f's match of the image's true tracks. */
    public void add(List<MatchResult> results) {
        if (results.size() != prefixes.size()) {
            throw new IllegalArgumentException("expected " + prefixes.size() + " match results (one per finder), got "
                    + results.size());
        }
        int n = results.get(0).truthCount();
        MatchedPair[][] byTruth = new MatchedPair[results.size()][n];
        for (int f = 0; f < results.size(); f++) {
            MatchResult r = results.get(f);
            if (r.truthCount() != n) {
                throw new IllegalArgumentException("match results of one image disagree on its true tracks: " + n
                        + " and " + r.truthCount());
            }
            for (MatchedPair p : r.pairs()) {
                byTruth[f][p.truthIndex()] = p;
            }
        }
        for (int i = 0; i < n; i++) {
            boolean all = true;
            for (MatchedPair[] f : byTruth) {
                all &= f[i] != null;
            }
            if (!all) {
                continue;
            }
            tracks++;
            for (int f = 0; f < byTruth.length; f++) {
                angleSq[f] += byTruth[f][i].angleError() * byTruth[f][i].angleError();
                offsetSq[f] += byTruth[f][i].offsetError() * byTruth[f][i].offsetError();
            }
        }
    }

    /** Number of true tracks every finder matched. */
    public long tracks() {
        return tracks;
    }

    /** Finder {@code f}'s angle RMSE over the common tracks, mrad (NaN if none). */
    public double angleRmseMrad(int f) {
        return tracks == 0 ? Double.NaN : 1000 * Math.sqrt(angleSq[f] / tracks);
    }

    /** Finder {@code f}'s offset RMSE over the common tracks, px (NaN if none). */
    public double offsetRmsePx(int f) {
        return tracks == 0 ? Double.NaN : Math.sqrt(offsetSq[f] / tracks);
    }

    /**
     * {@code <prefix>common_tracks}, then per finder {@code <prefix><finder prefix>angle_rmse_mrad_common} and
     * {@code <prefix><finder prefix>offset_rmse_px_common} (e.g. prefix "val_").
     */
    public Map<String, Double> toMap(String prefix) {
        Map<String, Double> out = new LinkedHashMap<>();
        out.put(prefix + "common_tracks", (double) tracks);
        for (int f = 0; f < prefixes.size(); f++) {
            out.put(prefix + prefixes.get(f) + "angle_rmse_mrad_common", angleRmseMrad(f));
            out.put(prefix + prefixes.get(f) + "offset_rmse_px_common", offsetRmsePx(f));
        }
        return out;
    }
}
