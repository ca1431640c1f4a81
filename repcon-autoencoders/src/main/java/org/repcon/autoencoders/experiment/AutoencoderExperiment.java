package org.repcon.autoencoders.experiment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.repcon.autoencoders.AutoencoderModel;
import org.repcon.autoencoders.AutoencoderOutput;
import org.repcon.autoencoders.features.FeatureExtractor;
import org.repcon.data.ImageSet;
import org.repcon.data.MiniBatches;
import org.repcon.engine.Engines;
import org.repcon.evaluation.ImageMetrics;
import org.repcon.experiment.Experiment;
import org.repcon.experiment.RunContext;
import org.repcon.experiment.TrainedRun;
import org.repcon.nn.Parameters;
import org.repcon.objective.Objective;
import org.repcon.spec.Spec;
import org.repcon.training.StepContext;
import org.repcon.transformations.augment.Augmentation;

/**
 * One model of the autoencoder family trained on images under the config's losses, constraints, conditions and
 * transformations, then evaluated on held-out images ({@link AutoencoderEvaluation}: validation images carved from
 * the training images ({@link Datasets}), where choices are made and whose MSE is logged per epoch as
 * {@code val_mse}; the test images, scored once at the end) and saved as {@code model.bin} so that {@link TrainedAutoencoder} (and {@code repcon encode/decode}) can use it.
 *
 * <p>Training step s: the minibatch of step s ({@link MiniBatches}: a per-epoch permutation from the seed), the
 * encoder sees T(x) if {@code transformations.augment}, the target is x; with an invariance weight, T(x) is also
 * encoded and its representation is compared with that of x. T is drawn from (seed, s), so a resumed run repeats
 * an uninterrupted one.
 */
public final class AutoencoderExperiment implements Experiment<AutoencoderConfig> {
    /** The saved model's file name in the run directory. */
    public static final String MODEL_FILE = TrainedRun.MODEL_FILE;

    @Override
    public String name() {
        return "autoencoder";
    }

    @Override
    public String description() {
        return "A convolutional AE, VAE or VQ-VAE on Fashion-MNIST or your images, under chosen losses, constraints, "
                + "conditions and transformations; reconstructions, latent maps, probes";
    }

    @Override
    public AutoencoderConfig configure(Spec spec) {
        return AutoencoderConfig.read(spec);
    }

    @Override
    public void checkInputs(AutoencoderConfig c) {
        Datasets.check(c.data());
        if (c.loss().get("perceptual") > 0) {
            PerceptualFeatures.check(c.perceptualFeatures());
        }
    }

    @Override
    public void run(AutoencoderConfig c, RunContext ctx) throws Exception {
        Datasets data = Datasets.load(c.data(), ctx.seed());
        ImageSet train = data.train();
        ImageSet validation = data.validation();
        ImageSet test = data.test();
        ctx.provenance().putData("train", train.size() + " images " + train.channels() + "x" + train.height() + "x" + train.width()
                + " from " + train.name());
        ctx.provenance().putData("validation", validation.size() + " images drawn from the training images with the seed "
                + "(data.validation_fraction " + c.data().validationFraction() + "), not trained on");
        ctx.provenance().putData("test", test.size() + " images from " + test.name());
        Engines.start();
        DataType type = c.training().dtype();
        long seed = ctx.seed();
        try (NDManager root = NDManager.newBaseManager(); Parameters parameters = new Parameters(root, type);
                FeatureClosable features = FeatureClosable.of(c.perceptualFeatures(), c.loss().get("perceptual") > 0, root)) {
            AutoencoderModel model = ModelFactory.build(c.model(), train.channels(), train.height(), train.width(), seed, parameters);
            Objective<AutoencoderOutput> objective = ObjectiveFactory.build(c, model, features.extractor());
            MiniBatches batches = new MiniBatches(train.size(), Math.min(c.training().batchSize(), train.size()), seed, true);
            Augmentation transform = Transforms.of(c.transformations());
            boolean augment = c.transformations().augment();
            boolean invariance = c.transformations().invariance() > 0;
            Function<StepContext, AutoencoderOutput> step = s -> {
                NDArray x = train.batch(s.manager(), batches.indices(s.step()), type);
                Random rng = new Random(seed * 0x9E3779B97F4A7C15L + s.step());
                NDArray input = augment ? transform.apply(x, rng) : x;
                AutoencoderOutput out = model.forward(input, x, true, s.step());
                if (invariance) {
                    Map<String, NDArray> extras = new HashMap<>(out.extras());
                    extras.put(AutoencoderOutput.Extras.Z_TRANSFORMED, model.representation(transform.apply(x, rng), true));
                    out = new AutoencoderOutput(out.input(), out.target(), out.z(), out.reconstruction(), extras);
                }
                return out;
            };
            int evalBatch = c.evaluation().batchSize();
            RunContext.TrainingOutcome outcome = ctx.train(null, parameters, step, objective, c.training().settings(batches.batchesPerEpoch()),
                    log -> log.addColumn("val_mse", batches.batchesPerEpoch(), () -> mse(model, validation, type, evalBatch, root)));
            TrainedRun.save(ctx, parameters);
            long steps = outcome.steps();
            ctx.putMetric("steps", steps);
            ctx.putMetric("epochs", c.training().epochs());
            ctx.putMetric("wall_seconds", outcome.wallSeconds());
            ctx.putMetric("train_images_per_second", outcome.wallSeconds() > 0 ? steps * (double) batches.batchSize() / outcome.wallSeconds() : null);
            if (outcome.last() != null) {
                ctx.putMetric("train_loss", outcome.last().total());
            }
            AutoencoderEvaluation.evaluate(c, model, data, type, ctx, root);
        }
    }

    /** The per-pixel reconstruction MSE of {@code images} (the validation images during training). */
    static double mse(AutoencoderModel model, ImageSet images, DataType type, int batch, NDManager root) {
        try (NDScope scope = new NDScope()) {
            Encodings e = Encodings.of(model, images, type, batch, true, root);
            return ImageMetrics.mse(images.pixels(), e.reconstructions());
        }
    }

    /** The perceptual loss's feature network, closed with the run (a TorchScript module holds native memory). */
    record FeatureClosable(FeatureExtractor extractor, AutoCloseable resource) implements AutoCloseable {
        static FeatureClosable of(String spec, boolean used, NDManager root) {
            if (!used) {
                return new FeatureClosable(null, null);
            }
            return PerceptualFeatures.open(spec, root);
        }

        @Override
        public void close() throws Exception {
            if (resource != null) {
                resource.close();
            }
        }
    }
}
