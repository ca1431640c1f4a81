package org.repcon.tracking.matching;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.repcon.tracking.geometry.Line;

/**
 * Track-finding metrics accumulated over images, overall and broken down by the number of true tracks in the
 * image and by a noise-level label the caller gives per image.
 *
 * <p>Over a group of images, with N_true true tracks, N_pred predicted tracks, N_match matched pairs
 * ({@link TrackMatcher}) and the pairs' errors da (rad) and do (px):
 * <ul>
 *   <li>{@code efficiency} = N_match / N_true;
 *   <li>{@code fake_rate} = (N_pred - N_match) / N_pred;
 *   <li>{@code angle_rmse_mrad} = 1000 sqrt(mean da^2), {@code offset_rmse_px} = sqrt(mean do^2), over the
 *       matched pairs;
 * </ul>
 * a zero denominator gives NaN (e.g. efficiency of images without true tracks). Also reported:
 * {@code images}, {@code true_tracks}, {@code predicted_tracks}, {@code matched}.
 *
 * <p>{@link #toMap(String)} gives flat keys: the overall {@code <prefix>efficiency}, ..., then per number of
 * true tracks k (ascending) {@code <prefix>efficiency_tracks_k}, {@code <prefix>fake_rate_tracks_k},
 * {@code <prefix>angle_rmse_mrad_tracks_k}, {@code <prefix>offset_rmse_px_tracks_k}, then the same four with
 * {@code _noise_<label>} per noise label (sorted). Use e.g. prefix "" for the tracker and "hough_" for the
 * baseline. Not thread-safe.
 */
public final class TrackMetrics {
    private final TrackMatcher matcher;
    private final MetricCounts overall = new MetricCounts();
    private final Map<Integer, MetricCounts> byTracks = new TreeMap<>();
    private final Map<String, MetricCounts> byNoise = new TreeMap<>();

    /** Metrics with the default matcher (0.05 rad, 2 px). */
    public TrackMetrics() {
        this(new TrackMatcher());
    }

    public TrackMetrics(TrackMatcher matcher) {
        if (matcher == null) {
            throw new IllegalArgumentException("matcher must not be null");
        }
        this.matcher = matcher;
    }

    public TrackMatcher matcher() {
        return matcher;
    }

    /** Matches one image's tracks and adds the result; returns the match. */
    public MatchResult add(List<Line> truth, List<Line> predicted, String noiseLabel) {
        requireLabel(noiseLabel);
        MatchResult result = matcher.match(truth, predicted);
        add(result, noiseLabel);
        return result;
    }

    /** Adds one image's match result (made by any matcher), labelled with its noise level. */
    public void add(MatchResult result, String noiseLabel) {
        if (result == null) {
            throw new IllegalArgumentException("match result must not be null");
        }
        requireLabel(noiseLabel);
        overall.add(result);
        byTracks.computeIfAbsent(result.truthCount(), k -> new MetricCounts()).add(result);
        byNoise.computeIfAbsent(noiseLabel, k -> new MetricCounts()).add(result);
    }

    /**
     * Adds one image's match result to the noise breakdown only (not to the overall counts nor to the breakdown by
     * number of tracks): for images at extra noise levels that should not blend into the headline figures.
     */
    public void addToNoiseBreakdown(MatchResult result, String noiseLabel) {
        if (result == null) {
            throw new IllegalArgumentException("match result must not be null");
        }
        requireLabel(noiseLabel);
        byNoise.computeIfAbsent(noiseLabel, k -> new MetricCounts()).add(result);
    }

    /** Number of images added. */
    public long images() {
        return overall.images;
    }

    public double efficiency() {
        return overall.efficiency();
    }

    public double fakeRate() {
        return overall.fakeRate();
    }

    public double angleRmseMrad() {
        return overall.angleRmseMrad();
    }

    public double offsetRmsePx() {
        return overall.offsetRmsePx();
    }

    /** The metrics as flat keys (see the class comment), in a stable order. */
    public Map<String, Double> toMap(String prefix) {
        if (prefix == null) {
            throw new IllegalArgumentException("prefix must not be null (use \"\" for none)");
        }
        Map<String, Double> out = new LinkedHashMap<>();
        put(out, prefix, "", overall);
        out.put(prefix + "images", (double) overall.images);
        out.put(prefix + "true_tracks", (double) overall.trueTracks);
        out.put(prefix + "predicted_tracks", (double) overall.predictedTracks);
        out.put(prefix + "matched", (double) overall.matched);
        byTracks.forEach((k, c) -> put(out, prefix, "_tracks_" + k, c));
        byNoise.forEach((label, c) -> put(out, prefix, "_noise_" + label, c));
        return out;
    }

    /**
     * A compact label for a numeric noise level: the shortest plain decimal, e.g. 0.05 -> "0.05", 0.1 -> "0.1",
     * 2.0 -> "2".
     */
    public static String noiseLabel(double level) {
        if (!Double.isFinite(level)) {
            throw new IllegalArgumentException("noise level must be finite, got " + level);
        }
        if (level == 0) {
            return "0";
        }
        return BigDecimal.valueOf(level).stripTrailingZeros().toPlainString();
    }

    private static void put(Map<String, Double> out, String prefix, String suffix, MetricCounts c) {
        out.put(prefix + "efficiency" + suffix, c.efficiency());
        out.put(prefix + "fake_rate" + suffix, c.fakeRate());
        out.put(prefix + "angle_rmse_mrad" + suffix, c.angleRmseMrad());
        out.put(prefix + "offset_rmse_px" + suffix, c.offsetRmsePx());
    }

    private static void requireLabel(String label) {
        if (label == null || label.isEmpty()) {
            throw new IllegalArgumentException("noise label must be a non-empty string (e.g. \"0.05\")");
        }
        for (int i = 0; i < label.length(); i++) {
            char ch = label.charAt(i);
            if (Character.isWhitespace(ch) || ch == ',' || ch == '=' || ch == '"') {
                throw new IllegalArgumentException("noise label must not contain whitespace, ',', '=' or '\"', got \""
                        + label + "\"");
            }
        }
    }
}
