package org.repcon.tracking.experiment;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.repcon.experiment.RunContext;
import org.repcon.tracking.baseline.HoughBaseline;
import org.repcon.tracking.data.TrackImageGenerator;
import org.repcon.tracking.data.TrackImageSet;
import org.repcon.tracking.geometry.Line;
import org.repcon.tracking.inference.TrackFinder;
import org.repcon.tracking.matching.MatchResult;
import org.repcon.tracking.matching.TrackMatcher;
import org.repcon.tracking.matching.TrackMetrics;
import org.repcon.tracking.model.Slots;
import org.repcon.tracking.model.TrackerModel;

/**
 * The tracker experiment's evaluation after training: the tracker (refined lines), its encoder alone and the Hough
 * baseline on the test images (and on the extra noise levels), their metrics, and the overlay and angle plots.
 */
final class TrackerEvaluation {
    private TrackerEvaluation() {}

    /**
     * Metrics of the tracker (refined: the keys of {@link TrackMetrics}; the encoder's own lines: prefix
     * {@code encoder_}) and of the Hough baseline (prefix {@code hough_}) on the test images; the images of
     * {@code evaluation.extra_noise_levels} add {@code _noise_<level>} keys only. Overlay and angle plots.
     */
    static void evaluate(TrackerConfig c, TrackerModel model, TrackImageSet test, DataType type, NDManager root,
            RunContext ctx) throws IOException {
        TrackFinder finder = TrackerExperiment.finder(c, model);
        TrackMatcher matcher = new TrackMatcher(c.evaluation().angleTolerance(), c.evaluation().offsetTolerance());
        TrackMetrics mine = new TrackMetrics(matcher);
        TrackMetrics raw = new TrackMetrics(matcher);
        TrackMetrics hough = new TrackMetrics(matcher);
        HoughBaseline baseline = new HoughBaseline(c.data().maxTracks());
        Detections main = detect(c, finder, baseline, test, type, root, matcher);
        String label = TrackMetrics.noiseLabel(c.data().noise());
        List<double[]> anglePairs = new ArrayList<>();
        List<Line[]> slotPairs = new ArrayList<>();
        for (int n = 0; n < test.size(); n++) {
            MatchResult r = main.tracker().matches().get(n);
            mine.add(r, label);
            raw.add(main.encoder().matches().get(n), label);
            for (var pair : main.encoder().matches().get(n).pairs()) {
                slotPairs.add(new Line[] {test.truth(n).get(pair.truthIndex()), main.encoder().lines().get(n).get(pair.predictedIndex())});
            }
            hough.add(main.hough().matches().get(n), label);
            for (var pair : r.pairs()) {
                anglePairs.add(new double[] {test.truth(n).get(pair.truthIndex()).angle(),
                        main.tracker().lines().get(n).get(pair.predictedIndex()).angle()});
            }
        }
        List<Double> extra = c.evaluation().extraNoiseLevels();
        for (int i = 0; i < extra.size(); i++) {
            TrackImageGenerator generator = new TrackImageGenerator(
                    c.data().imageSpec().withBackground(extra.get(i), c.data().isolatedGrains()));
            TrackImageSet set = TrackImageSet.generate(generator, ctx.seed() + 2 + i, 0, c.evaluation().extraNoiseImages());
            Detections e = detect(c, finder, baseline, set, type, root, matcher);
            String l = TrackMetrics.noiseLabel(extra.get(i));
            for (int n = 0; n < set.size(); n++) {
                mine.addToNoiseBreakdown(e.tracker().matches().get(n), l);
                raw.addToNoiseBreakdown(e.encoder().matches().get(n), l);
                hough.addToNoiseBreakdown(e.hough().matches().get(n), l);
            }
        }
        for (Map<String, Double> metrics : List.of(mine.toMap(""), raw.toMap("encoder_"), hough.toMap("hough_"))) {
            metrics.forEach(ctx::putMetric);
        }
        TrackerPlots.overlays(ctx, test, main.tracker().lines(), main.hough().lines(), c.evaluation().overlayImages());
        TrackerPlots.angleScatter(ctx, anglePairs);
        TrackerPlots.slotScatter(ctx, slotPairs);
    }

    /** One detector's output on a test set, per image: the lines it found and their match against the truth. */
    private record DetectorResult(List<List<Line>> lines, List<MatchResult> matches) {
        DetectorResult() {
            this(new ArrayList<>(), new ArrayList<>());
        }

        void add(List<Line> found, MatchResult match) {
            lines.add(found);
            matches.add(match);
        }
    }

    /** The three detectors compared on one test set: the tracker (refined), its encoder alone, and Hough. */
    private record Detections(DetectorResult tracker, DetectorResult encoder, DetectorResult hough) {}

    /** Runs the tracker, its encoder alone and the Hough baseline on every image of {@code set}. */
    private static Detections detect(TrackerConfig c, TrackFinder finder, HoughBaseline baseline, TrackImageSet set,
            DataType type, NDManager root, TrackMatcher matcher) {
        int size = c.data().size();
        int per = size * size;
        float[] slots = finder.encode(set.images(), type, c.evaluation().batchSize(), root);
        float[] pixels = set.images().pixels();
        Detections out = new Detections(new DetectorResult(), new DetectorResult(), new DetectorResult());
        for (int n = 0; n < set.size(); n++) {
            List<Slots.Predicted> found = finder.raw(slots, n);
            out.encoder().add(lines(found), matcher.match(set.truth(n), lines(found)));
            List<Line> lines = lines(finder.refined(set.images(), n, found));
            out.tracker().add(lines, matcher.match(set.truth(n), lines));
            List<Line> h = baseline.detect(Arrays.copyOfRange(pixels, n * per, (n + 1) * per), size, size);
            out.hough().add(h, matcher.match(set.truth(n), h));
        }
        return out;
    }

    private static List<Line> lines(List<Slots.Predicted> found) {
        return found.stream().map(Slots.Predicted::line).toList();
    }
}
