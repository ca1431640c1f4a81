package org.repcon.tracking.experiment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.repcon.data.ImageSet;
import org.repcon.data.MiniBatches;
import org.repcon.engine.Engines;
import org.repcon.experiment.Experiment;
import org.repcon.experiment.RunContext;
import org.repcon.io.AtomicFiles;
import org.repcon.nn.Parameters;
import org.repcon.objective.Objective;
import org.repcon.spec.Spec;
import org.repcon.tracking.baseline.HoughBaseline;
import org.repcon.tracking.data.TrackImageGenerator;
import org.repcon.tracking.data.TrackImageSet;
import org.repcon.tracking.geometry.Line;
import org.repcon.tracking.matching.LineDistance;
import org.repcon.tracking.matching.MatchResult;
import org.repcon.tracking.matching.TrackMetrics;
import org.repcon.tracking.model.SlotTransform;
import org.repcon.tracking.model.Slots;
import org.repcon.tracking.model.TrackerLosses;
import org.repcon.tracking.model.TrackerModel;
import org.repcon.tracking.model.TrackerOutput;
import org.repcon.training.StepContext;
import org.repcon.transformations.image.AffineTransform;
import org.repcon.transformations.image.AffineWarp;

/**
 * The equivariant line tracker (Vladymyrov & Ariga, arXiv 1909.04427): an autoencoder whose latent holds, per
 * slot, a straight line and its presence ({@link Slots}), trained without labels under
 * <pre>
 *   reconstruction:        L2( D(T_tr(E(I) | xi)), T_im(I | xi) ) inside the crop C,
 *   latent_equivariance:   | T_tr(E(I) | xi) - E(T_im(I | xi)) |^2 (minimum over slot orders),
 *   decoder_equivariance:  L2( D(T_tr(z | xi)), T_im(D(z) | xi) ) inside C, z = E(I),
 *   presence_l1:           mean presence,
 * </pre>
 * with xi drawn per image from (seed, step) among the families switched on in {@code transforms}; with all of them
 * off it is a plain autoencoder. The encoder always sees the whole image I; C is a disc around the centre inside
 * which every transformed image is defined (no border leaks into the losses).
 *
 * <p>Evaluation on held-out generated images (truth used only here): slots with presence above the threshold are
 * predicted tracks (after dropping a slot within 0.05 rad and 2 px of a stronger one: duplicates), matched by
 * {@link TrackMetrics}; the Hough baseline on the same images gives the {@code hough_} metrics.
 */
public final class TrackerExperiment implements Experiment<TrackerConfig> {
    public static final String MODEL_FILE = "model.bin";
    private static final double DEDUP_ANGLE = 0.05;
    private static final double DEDUP_OFFSET = 2.0;

    @Override
    public String name() {
        return "tracker";
    }

    @Override
    public String description() {
        return "Equivariant line tracker: an autoencoder whose latent holds line parameters, trained without labels "
                + "under image/latent transformation equivariance; efficiency, fake rate, angle RMSE vs a Hough baseline";
    }

    @Override
    public TrackerConfig configure(Spec spec) {
        return TrackerConfig.read(spec);
    }

    @Override
    public void run(TrackerConfig c, RunContext ctx) throws Exception {
        long seed = ctx.seed();
        TrackImageGenerator generator = new TrackImageGenerator(c.data().imageSpec());
        TrackImageSet train = TrackImageSet.generate(generator, seed, 0, c.data().trainImages());
        TrackImageSet test = TrackImageSet.generate(generator, seed + 1, 0, c.data().testImages());
        ctx.provenance().putData("train", train.size() + " generated images " + c.data().size() + "x" + c.data().size()
                + " (seed " + seed + ")");
        ctx.provenance().putData("test", test.size() + " generated images (seed " + (seed + 1) + ")");
        Engines.start();
        DataType type = c.training().dtype();
        int size = c.data().size();
        try (NDManager root = NDManager.newBaseManager(); Parameters parameters = new Parameters(root, type)) {
            TrackerModel model = TrackerModel.build(parameters, size, size, c.model().slots(), c.model().channelArray(),
                    c.model().decoder(), c.model().sigma(), seed);
            NDArray mask = TrackerLosses.cropMask(root, size, size, c.transforms().cropRadius(), type);
            double maskPixels = mask.sum().toType(DataType.FLOAT64, false).getDouble();
            Objective<TrackerOutput> objective = objective(c, mask, maskPixels, size / 4.0);
            ImageSet images = train.images();
            MiniBatches batches = new MiniBatches(images.size(), Math.min(c.training().batchSize(), images.size()), seed, true);
            boolean latentEq = c.loss().latentEquivariance() > 0 && c.transforms().any();
            boolean decoderEq = c.loss().decoderEquivariance() > 0 && c.transforms().any();
            TrackerConfig.Model mc = c.model();
            long totalSteps = (long) c.training().epochs() * batches.batchesPerEpoch();
            Function<StepContext, TrackerOutput> step = s -> {
                double sigma = mc.sigmaAt(s.step(), totalSteps);
                boolean warm = s.step() < mc.presenceWarmup() * totalSteps;
                int[] idx = batches.indices(s.step());
                NDArray x = images.batch(s.manager(), idx, type);
                Random rng = new Random(seed * 0x9E3779B97F4A7C15L + s.step());
                AffineTransform[] xi = new AffineTransform[idx.length];
                for (int n = 0; n < xi.length; n++) {
                    xi[n] = draw(c.transforms(), rng);
                }
                NDArray z = model.encode(x, true);
                NDArray zt = SlotTransform.apply(z, xi);
                NDArray reconstruction = model.decode(zt, true, sigma, warm);
                NDArray target = c.transforms().any() ? AffineWarp.warp(x, xi) : x;
                NDArray zOfTarget = latentEq ? model.encode(target, true) : null;
                NDArray warped = decoderEq ? AffineWarp.warp(model.decode(z, true, sigma, warm), xi) : null;
                return new TrackerOutput(z, zt, reconstruction, target, zOfTarget, warped);
            };
            RunContext.TrainingOutcome outcome = ctx.train(null, parameters, step, objective,
                    c.training().settings(batches.batchesPerEpoch()), null);
            saveModel(ctx, parameters);
            ctx.putMetric("steps", outcome.steps());
            ctx.putMetric("wall_seconds", outcome.wallSeconds());
            if (outcome.last() != null) {
                ctx.putMetric("train_loss", outcome.last().total());
            }
            evaluate(c, model, test, type, root, ctx);
        }
    }

    static Objective<TrackerOutput> objective(TrackerConfig c, NDArray mask, double maskPixels, double scale) {
        Objective.Builder<TrackerOutput> b = Objective.builder();
        TrackerConfig.Loss l = c.loss();
        if (l.reconstruction() > 0) {
            b.add("reconstruction", l.reconstruction(),
                    o -> TrackerLosses.maskedMse(o.reconstruction(), o.target(), mask, maskPixels));
        }
        if (l.latentEquivariance() > 0 && c.transforms().any()) {
            b.add("latent_equivariance", l.latentEquivariance(),
                    o -> TrackerLosses.slotSetDistance(o.transformedSlots(), o.slotsOfTarget(), scale));
        }
        if (l.decoderEquivariance() > 0 && c.transforms().any()) {
            b.add("decoder_equivariance", l.decoderEquivariance(),
                    o -> TrackerLosses.maskedMse(o.reconstruction(), o.warpedDecoded(), mask, maskPixels));
        }
        if (l.attraction() > 0) {
            b.add("attraction", l.attraction(),
                    o -> TrackerLosses.attraction(o.transformedSlots(), o.target(), mask, 0.3, 3.0));
        }
        if (l.presenceL1() > 0) {
            b.add("presence_l1", l.presenceL1(), o -> TrackerLosses.meanPresence(o.slots()));
        }
        return b.build();
    }

    /** xi: scale, shear, rotation, translation (each only if on), composed in that order. */
    static AffineTransform draw(TrackerConfig.Transforms t, Random rng) {
        List<AffineTransform> parts = new ArrayList<>();
        if (t.scale()) {
            double ls = Math.log(t.scaleMax());
            parts.add(AffineTransform.scale(Math.exp((2 * rng.nextDouble() - 1) * ls)));
        }
        if (t.shear()) {
            parts.add(AffineTransform.shear((2 * rng.nextDouble() - 1) * t.shearMax()));
        }
        if (t.rotation()) {
            parts.add(AffineTransform.rotation(Math.toRadians((2 * rng.nextDouble() - 1) * t.rotationDegrees())));
        }
        if (t.translation()) {
            parts.add(AffineTransform.translation((2 * rng.nextDouble() - 1) * t.translationPx(),
                    (2 * rng.nextDouble() - 1) * t.translationPx()));
        }
        return AffineTransform.compose(parts.toArray(new AffineTransform[0]));
    }

    /** Slots of every image, [N * K * 5] float values, encoded in batches. */
    public static float[] encodeAll(TrackerModel model, ImageSet images, DataType type, int batch, NDManager root) {
        int k = model.slots();
        float[] out = new float[images.size() * k * Slots.SIZE];
        for (int from = 0; from < images.size(); from += batch) {
            int to = Math.min(images.size(), from + batch);
            try (NDScope scope = new NDScope()) {
                NDArray x = images.batch(root, from, to, type);
                float[] z = model.encode(x, false).toType(DataType.FLOAT32, false).toFloatArray();
                System.arraycopy(z, 0, out, from * k * Slots.SIZE, z.length);
            }
        }
        return out;
    }

    /** The predicted tracks of one image: present slots, strongest first, duplicates dropped. */
    public static List<Slots.Predicted> predict(float[] slots, int image, int k, double threshold) {
        List<Slots.Predicted> all = new ArrayList<>(Slots.decode(slots, image * k * Slots.SIZE, k));
        all.sort(Comparator.comparingDouble(Slots.Predicted::presence).reversed());
        List<Slots.Predicted> kept = new ArrayList<>();
        for (Slots.Predicted p : all) {
            if (p.presence() <= threshold) {
                continue;
            }
            boolean duplicate = kept.stream().anyMatch(q -> LineDistance.within(q.line(), p.line(), DEDUP_ANGLE, DEDUP_OFFSET));
            if (!duplicate) {
                kept.add(p);
            }
        }
        return kept;
    }

    static void evaluate(TrackerConfig c, TrackerModel model, TrackImageSet test, DataType type, NDManager root,
            RunContext ctx) throws IOException {
        int k = model.slots();
        int size = c.data().size();
        float[] slots = encodeAll(model, test.images(), type, c.evaluation().batchSize(), root);
        TrackMetrics mine = new TrackMetrics();
        TrackMetrics hough = new TrackMetrics();
        HoughBaseline baseline = new HoughBaseline(c.data().maxTracks());
        String noise = TrackMetrics.noiseLabel(c.data().noise());
        List<List<Line>> predicted = new ArrayList<>();
        List<List<Line>> houghLines = new ArrayList<>();
        List<double[]> anglePairs = new ArrayList<>();
        int per = size * size;
        float[] pixels = test.images().pixels();
        for (int n = 0; n < test.size(); n++) {
            List<Line> lines = predict(slots, n, k, c.evaluation().presenceThreshold()).stream().map(Slots.Predicted::line).toList();
            predicted.add(lines);
            MatchResult r = mine.add(test.truth(n), lines, noise);
            for (var pair : r.pairs()) {
                anglePairs.add(new double[] {test.truth(n).get(pair.truthIndex()).angle(), lines.get(pair.predictedIndex()).angle()});
            }
            float[] image = java.util.Arrays.copyOfRange(pixels, n * per, (n + 1) * per);
            List<Line> h = baseline.detect(image, size, size);
            houghLines.add(h);
            hough.add(test.truth(n), h, noise);
        }
        for (Map.Entry<String, Double> e : mine.toMap("").entrySet()) {
            ctx.putMetric(e.getKey(), e.getValue());
        }
        for (Map.Entry<String, Double> e : hough.toMap("hough_").entrySet()) {
            ctx.putMetric(e.getKey(), e.getValue());
        }
        TrackerPlots.overlays(ctx, test, predicted, houghLines, c.evaluation().overlayImages());
        TrackerPlots.angleScatter(ctx, anglePairs);
    }

    private static void saveModel(RunContext ctx, Parameters parameters) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            parameters.write(out);
        }
        AtomicFiles.write(ctx.directory().file(MODEL_FILE), bytes.toByteArray());
    }
}
