package org.repcon.tracking.experiment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.function.Function;
import org.repcon.data.ImageSet;
import org.repcon.data.MiniBatches;
import org.repcon.engine.Engines;
import org.repcon.experiment.Experiment;
import org.repcon.experiment.RunContext;
import org.repcon.experiment.TrainedRun;
import org.repcon.nn.Parameters;
import org.repcon.objective.Objective;
import org.repcon.spec.Spec;
import org.repcon.tracking.constraints.Equivariance;
import org.repcon.tracking.data.TrackImageGenerator;
import org.repcon.tracking.data.TrackImageSet;
import org.repcon.tracking.data.TrackSplits;
import org.repcon.tracking.inference.DuplicateFilter;
import org.repcon.tracking.inference.TrackFinder;
import org.repcon.tracking.model.LineRefinement;
import org.repcon.tracking.model.SlotEncoding;
import org.repcon.tracking.model.Slots;
import org.repcon.tracking.model.TrackerLosses;
import org.repcon.tracking.model.TrackerModel;
import org.repcon.tracking.model.TrackerOutput;
import org.repcon.training.StepContext;
import org.repcon.transformations.image.AffineTransform;

/**
 * The equivariant line tracker (Vladymyrov & Ariga, arXiv 1909.04427): an autoencoder whose latent holds, per
 * slot, a straight line and its presence ({@link Slots}), trained without labels under
 * <pre>
 *   loss.reconstruction:                   L2( D(T_tr(E(I) | xi)), T_im(I | xi) ) inside the crop C,
 *   transformations.latent_equivariance:   | T_tr(E(I) | xi) - E(T_im(I | xi)) |^2 (minimum over slot orders),
 *   transformations.decoder_equivariance:  L2( D(T_tr(z | xi)), T_im(D(z) | xi) ) inside C, z = E(I),
 *   conditions.presence_l1:                mean presence,
 * </pre>
 * with xi drawn per image from (seed, step) among the families switched on in {@code transformations}; with all of
 * them off it is a plain autoencoder. The equivariance (xi, T_im, T_tr and its two terms) is {@link Equivariance}. The encoder always sees the whole image I; C is a disc around the centre inside
 * which every transformed image is defined (no border leaks into the losses). Added to these:
 * {@code conditions.attraction}, the encoder's robust line fit of the lit pixels ({@link TrackerModel#attraction}; for the
 * default proposal encoder each cell's line fits its neighbourhood). With the default weights the reconstruction
 * trains the presence calibration and the decoder's gain, the attraction the proposals' geometry, and the latent
 * equivariance makes E commute with the transformations.
 *
 * <p>Evaluation ({@link TrackerEvaluation}) on held-out generated images (truth used only here): {@link TrackFinder} (slots above the presence
 * threshold, duplicates dropped, each line refined on its image by the attraction fit) gives the headline metrics;
 * the encoder's own slots give {@code encoder_*}; the Hough baseline on the same images gives {@code hough_*}, and
 * with the tracker's refinement {@code hough_refined_*}; {@code *_common} keys compare them on the tracks all
 * matched; test sets at {@code evaluation.extra_noise_levels} add {@code *_noise_<level>} keys. The same on the
 * validation images ({@link TrackSplits#validation}) gives {@code val_*}: choices are made there, the test set is
 * scored once at the end.
 */
public final class TrackerExperiment implements Experiment<TrackerConfig> {
    public static final String MODEL_FILE = TrainedRun.MODEL_FILE;

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
        long validationSeed = TrackSplits.validation(seed, c.evaluation().extraNoiseLevels().size());
        TrackImageSet train = TrackImageSet.generate(generator, TrackSplits.train(seed), 0, c.data().trainImages());
        TrackImageSet test = TrackImageSet.generate(generator, TrackSplits.test(seed), 0, c.data().testImages());
        TrackImageSet validation = TrackImageSet.generate(generator, validationSeed, 0, c.data().validationImages());
        ctx.provenance().putData("train", train.size() + " generated images " + c.data().size() + "x" + c.data().size()
                + " (seed " + TrackSplits.train(seed) + ")");
        ctx.provenance().putData("test", test.size() + " generated images (seed " + TrackSplits.test(seed) + ")");
        ctx.provenance().putData("validation", validation.size() + " generated images (seed " + validationSeed + ")");
        Engines.start();
        DataType type = c.training().dtype();
        int size = c.data().size();
        try (NDManager root = NDManager.newBaseManager(); Parameters parameters = new Parameters(root, type)) {
            TrackerModel model = build(c, parameters, seed);
            NDArray mask = TrackerLosses.cropMask(root, size, size, c.transformations().cropRadius(), type);
            double maskPixels = mask.sum().toType(DataType.FLOAT64, false).getDouble();
            ImageSet images = train.images();
            MiniBatches batches = new MiniBatches(images.size(), Math.min(c.training().batchSize(), images.size()), seed, true);
            TrackerConfig.Model mc = c.model();
            long totalSteps = (long) c.training().epochs() * batches.batchesPerEpoch();
            Equivariance equivariance = c.transformations().equivariance(seed);
            Objective<TrackerOutput> objective = objective(c, model, equivariance, mask, maskPixels, size / 4.0, totalSteps);
            Function<StepContext, TrackerOutput> step = s -> {
                double sigma = mc.sigmaAt(s.step(), totalSteps);
                boolean warm = s.step() < mc.presenceWarmup() * totalSteps;
                int[] idx = batches.indices(s.step());
                NDArray x = images.batch(s.manager(), idx, type);
                AffineTransform[] xi = equivariance.sample(s.step(), idx.length);
                SlotEncoding encoding = model.encodeWithProposals(x, true);
                NDArray z = encoding.slots();
                NDArray zt = equivariance.transformSlots(z, xi);
                NDArray reconstruction = model.decode(zt, true, sigma, warm);
                Equivariance.Views views = equivariance.views(x, z, xi, im -> model.encode(im, true),
                        slots -> model.decode(slots, true, sigma, warm));
                return new TrackerOutput(x, encoding, zt, reconstruction, views.target(), views.slotsOfTarget(),
                        views.warpedDecoded());
            };
            RunContext.TrainingOutcome outcome = ctx.train(null, parameters, step, objective,
                    c.training().settings(batches.batchesPerEpoch()), null);
            TrainedRun.save(ctx, parameters);
            ctx.putMetric("steps", outcome.steps());
            ctx.putMetric("wall_seconds", outcome.wallSeconds());
            if (outcome.last() != null) {
                ctx.putMetric("train_loss", outcome.last().total());
            }
            TrackerEvaluation.evaluate(c, model, validation, test, type, root, ctx);
        }
    }

    /**
     * The tracker's objective: the reconstruction, the equivariance terms that are on ({@link Equivariance}), the
     * attraction (its robust width annealed over the {@code totalSteps} steps, {@link TrackerConfig#attractionWidthAt})
     * and the presence L1, in this order.
     */
    static Objective<TrackerOutput> objective(TrackerConfig c, TrackerModel model, Equivariance equivariance, NDArray mask,
            double maskPixels, double scale, long totalSteps) {
        Objective.Builder<TrackerOutput> b = Objective.builder();
        if (c.loss().reconstruction() > 0) {
            b.add("reconstruction", c.loss().reconstruction(),
                    o -> TrackerLosses.maskedMse(o.reconstruction(), o.target(), mask, maskPixels));
        }
        equivariance.addTerms(b, mask, maskPixels, scale);
        TrackerConfig.Conditions conditions = c.conditions();
        if (conditions.attraction() > 0) {
            b.add("attraction", conditions.attraction(),
                    (o, step) -> model.attraction(o.encoding(), o.image(), c.attractionWidthAt(step, totalSteps)));
        }
        if (conditions.presenceL1() > 0) {
            b.add("presence_l1", conditions.presenceL1(), o -> TrackerLosses.meanPresence(o.slots()));
        }
        return b.build();
    }

    /** The model a config describes, its parameters added to {@code parameters} (also used to reload a run). */
    public static TrackerModel build(TrackerConfig c, Parameters parameters, long seed) {
        TrackerConfig.Model m = c.model();
        return TrackerModel.builder().setImageSize(c.data().size(), c.data().size()).setSlots(m.slots())
                .optChannels(m.channelArray()).optDecoder(m.decoder()).optSigma(m.sigma())
                .optEraseWidth(m.eraseWidth()).optSeed(seed).build(parameters);
    }

    /** How a config finds tracks with a trained model (presence threshold, refinement, duplicate tolerances). */
    public static TrackFinder finder(TrackerConfig c, TrackerModel model) {
        return new TrackFinder(model, c.evaluation().presenceThreshold(), refinement(c), duplicates(c));
    }

    /** The test-time refinement of a config: {@code evaluation.refine_width} and {@code refine_iterations}. */
    public static LineRefinement refinement(TrackerConfig c) {
        return new LineRefinement(TrackerModel.LIT_FLOOR, c.evaluation().refineWidth(), c.evaluation().refineIterations());
    }

    /** The duplicate tolerances of track finding: {@code evaluation.duplicate_angle} and {@code duplicate_offset}. */
    public static DuplicateFilter duplicates(TrackerConfig c) {
        return new DuplicateFilter(c.evaluation().duplicateAngle(), c.evaluation().duplicateOffset());
    }
}
