package org.repcon.tracking.experiment;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.repcon.experiment.RunContext;
import org.repcon.tracking.baseline.HoughBaseline;
import org.repcon.tracking.baseline.RefinedHough;
import org.repcon.tracking.data.TrackImageGenerator;
import org.repcon.tracking.data.TrackImageSet;
import org.repcon.tracking.data.TrackSplits;
import org.repcon.tracking.geometry.Line;
import org.repcon.tracking.inference.TrackFinder;
import org.repcon.tracking.matching.CommonSubset;
import org.repcon.tracking.matching.MatchResult;
import org.repcon.tracking.matching.TrackMatcher;
import org.repcon.tracking.matching.TrackMetrics;
import org.repcon.tracking.model.Slots;
import org.repcon.tracking.model.TrackerModel;

/**
 * The tracker experiment's evaluation after training: four track finders on the same images, the tracker (refined
 * lines), its encoder alone, the Hough baseline, and Hough with the tracker's refinement ({@link RefinedHough});
 * their metrics, and the overlay and angle plots.
 *
 * <p>Protocol: the validation images (a seed of their own, {@link TrackSplits}) are scored first, as
 * {@code val_*}; any choice made from data is made on them (none is today: the presence threshold, refinement and
 * tolerances are spec values); the test images are scored once, after, and nothing is chosen from them.
 */
final class TrackerEvaluation {
    /** The finders' metric-key prefixes, in the order of {@link Detections#finders()}. */
    static final List<String> PREFIXES = List.of("", "encoder_", "hough_", "hough_refined_");
    /** The finders' names in the report's table, in the order of {@link #PREFIXES}. */
    static final List<String> NAMES = List.of("tracker", "encoder alone (no refinement)", "Hough baseline",
            "Hough + the tracker's refinement");

    private TrackerEvaluation() {}

    /**
     * Metrics of the four finders ({@link #PREFIXES}; the keys of {@link TrackMetrics}, and of {@link CommonSubset}
     * over the tracks all four matched) on the validation images with prefix {@code val_}, then on the test images;
     * the images of {@code evaluation.extra_noise_levels} add {@code _noise_<level>} keys only. Overlay and angle
     * plots and the comparison table of the test images.
     */
    static void evaluate(TrackerConfig c, TrackerModel model, TrackImageSet validation, TrackImageSet test, DataType type,
            NDManager root, RunContext ctx) throws IOException {
        TrackFinder finder = TrackerExperiment.finder(c, model);
        TrackMatcher matcher = new TrackMatcher(c.evaluation().angleTolerance(), c.evaluation().offsetTolerance());
        HoughBaseline hough = new HoughBaseline(c.data().maxTracks());
        RefinedHough refinedHough = new RefinedHough(hough, TrackerExperiment.refinement(c), TrackerExperiment.duplicates(c));
        String label = TrackMetrics.noiseLabel(c.data().noise());

        Map<String, Double> val = score(detect(c, finder, hough, refinedHough, validation, type, root, matcher), matcher, label)
                .toMap("val_");
        // the test set, scored once: nothing below feeds back into a choice
        Detections main = detect(c, finder, hough, refinedHough, test, type, root, matcher);
        Scores scores = score(main, matcher, label);
        List<Double> extra = c.evaluation().extraNoiseLevels();
        for (int i = 0; i < extra.size(); i++) {
            TrackImageGenerator generator = new TrackImageGenerator(
                    c.data().imageSpec().withBackground(extra.get(i), c.data().isolatedGrains()));
            TrackImageSet set = TrackImageSet.generate(generator, TrackSplits.extraNoise(ctx.seed(), i), 0,
                    c.evaluation().extraNoiseImages());
            Detections e = detect(c, finder, hough, refinedHough, set, type, root, matcher);
            String l = TrackMetrics.noiseLabel(extra.get(i));
            for (int f = 0; f < PREFIXES.size(); f++) {
                for (MatchResult r : e.finders().get(f).matches()) {
                    scores.metrics().get(f).addToNoiseBreakdown(r, l);
                }
            }
        }
        scores.toMap("").forEach(ctx::putMetric);
        val.forEach(ctx::putMetric);

        List<double[]> anglePairs = new ArrayList<>();
        List<Line[]> slotPairs = new ArrayList<>();
        for (int n = 0; n < test.size(); n++) {
            for (var pair : main.tracker().matches().get(n).pairs()) {
                anglePairs.add(new double[] {test.truth(n).get(pair.truthIndex()).angle(),
                        main.tracker().lines().get(n).get(pair.predictedIndex()).angle()});
            }
            for (var pair : main.encoder().matches().get(n).pairs()) {
                slotPairs.add(new Line[] {test.truth(n).get(pair.truthIndex()), main.encoder().lines().get(n).get(pair.predictedIndex())});
            }
        }
        TrackerPlots.comparisonTable(ctx, NAMES, PREFIXES, scores.toMap(""), val);
        TrackerPlots.overlays(ctx, test, main.tracker().lines(), main.hough().lines(), c.evaluation().overlayImages());
        TrackerPlots.angleScatter(ctx, anglePairs);
        TrackerPlots.slotScatter(ctx, slotPairs);
    }

    /** The finders' metrics on one image set: per finder ({@link #PREFIXES}) and on the tracks all matched. */
    record Scores(List<TrackMetrics> metrics, CommonSubset common) {
        /** The flat keys, each with {@code prefix} in front (then the finder's). */
        Map<String, Double> toMap(String prefix) {
            Map<String, Double> out = new LinkedHashMap<>();
            for (int f = 0; f < PREFIXES.size(); f++) {
                out.putAll(metrics.get(f).toMap(prefix + PREFIXES.get(f)));
            }
            out.putAll(common.toMap(prefix));
            return out;
        }
    }

    /** Adds every image of {@code d} to the finders' metrics (noise {@code label}) and to their common subset. */
    static Scores score(Detections d, TrackMatcher matcher, String label) {
        List<TrackMetrics> metrics = new ArrayList<>();
        for (int f = 0; f < PREFIXES.size(); f++) {
            metrics.add(new TrackMetrics(matcher));
        }
        CommonSubset common = new CommonSubset(PREFIXES);
        int images = d.tracker().matches().size();
        for (int n = 0; n < images; n++) {
            List<MatchResult> results = new ArrayList<>();
            for (int f = 0; f < PREFIXES.size(); f++) {
                MatchResult r = d.finders().get(f).matches().get(n);
                metrics.get(f).add(r, label);
                results.add(r);
            }
            common.add(results);
        }
        return new Scores(metrics, common);
    }

    /** One finder's output on an image set, per image: the lines it found and their match against the truth. */
    record DetectorResult(List<List<Line>> lines, List<MatchResult> matches) {
        DetectorResult() {
            this(new ArrayList<>(), new ArrayList<>());
        }

        void add(List<Line> found, MatchResult match) {
            lines.add(found);
            matches.add(match);
        }
    }

    /** The four finders on one image set, in the order of {@link #PREFIXES}. */
    record Detections(DetectorResult tracker, DetectorResult encoder, DetectorResult hough, DetectorResult houghRefined) {
        List<DetectorResult> finders() {
            return List.of(tracker, encoder, hough, houghRefined);
        }
    }

    /** Runs the four finders on every image of {@code set}. */
    private static Detections detect(TrackerConfig c, TrackFinder finder, HoughBaseline hough, RefinedHough refinedHough,
            TrackImageSet set, DataType type, NDManager root, TrackMatcher matcher) {
        int size = c.data().size();
        int per = size * size;
        float[] slots = finder.encode(set.images(), type, c.evaluation().batchSize(), root);
        float[] pixels = set.images().pixels();
        Detections out = new Detections(new DetectorResult(), new DetectorResult(), new DetectorResult(), new DetectorResult());
        for (int n = 0; n < set.size(); n++) {
            List<Slots.Predicted> found = finder.raw(slots, n);
            out.encoder().add(lines(found), matcher.match(set.truth(n), lines(found)));
            List<Line> lines = lines(finder.refined(set.images(), n, found));
            out.tracker().add(lines, matcher.match(set.truth(n), lines));
            float[] image = Arrays.copyOfRange(pixels, n * per, (n + 1) * per);
            List<Line> h = hough.detect(image, size, size);
            out.hough().add(h, matcher.match(set.truth(n), h));
            List<Line> hr = refinedHough.refine(h, image, size, size);
            out.houghRefined().add(hr, matcher.match(set.truth(n), hr));
        }
        return out;
    }

    private static List<Line> lines(List<Slots.Predicted> found) {
        return found.stream().map(Slots.Predicted::line).toList();
    }
}
