package org.repcon.diffusion.experiment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.repcon.autoencoders.experiment.Datasets;
import org.repcon.data.FashionMnist;
import org.repcon.data.ImageSet;
import org.repcon.data.MiniBatches;
import org.repcon.diffusion.DiffusionModel;
import org.repcon.diffusion.ImageScale;
import org.repcon.diffusion.NoiseModel;
import org.repcon.diffusion.process.DiffusionOutput;
import org.repcon.diffusion.process.EpsilonLoss;
import org.repcon.diffusion.process.EpsilonTraining;
import org.repcon.diffusion.process.GaussianDiffusion;
import org.repcon.diffusion.process.NoiseDraws;
import org.repcon.diffusion.sampling.SamplerKind;
import org.repcon.diffusion.sampling.Samples;
import org.repcon.engine.Engines;
import org.repcon.evaluation.FeatureClassifier;
import org.repcon.evaluation.FrechetDistance;
import org.repcon.evaluation.Summary;
import org.repcon.experiment.Experiment;
import org.repcon.experiment.RunContext;
import org.repcon.experiment.TrainedRun;
import org.repcon.experiment.TrainingSettings;
import org.repcon.nn.Parameters;
import org.repcon.nn.Scalars;
import org.repcon.objective.Objective;
import org.repcon.optim.GradientClipping;
import org.repcon.report.BarChart;
import org.repcon.report.ImageGrid;
import org.repcon.spec.Spec;
import org.repcon.training.ExponentialMovingAverage;
import org.repcon.training.TrainingListener;
import org.repcon.training.progress.TaskProgress;

/**
 * A denoising diffusion model in pixel space (DDPM, Ho et al. 2020, epsilon prediction) on Fashion-MNIST scaled to
 * [-1, 1], with a U-Net noise model, EMA weights and gradient clipping, trained in epochs of minibatches by Adam.
 *
 * <p>Evaluated with the EMA weights ({@code model.bin}); choices are made on the validation images (carved from the
 * training images), the test images are scored once. Metrics:
 * <ul>
 * <li>{@code test_bits_per_dim}: the variational bound ({@link org.repcon.diffusion.likelihood.VariationalBound}, all T
 *     terms) on the first {@code likelihood_images} test images (recorded as {@code likelihood_images}), with
 *     {@code test_bits_per_dim_se} its standard error over those images;</li>
 * <li>{@code noisy_psnr_<sigma>}, {@code denoise_psnr_<sigma>}: mean per-image PSNR (peak 1 on the [0, 1] scale, i.e.
 *     {@code 10 log10(4 / mse)} in [-1, 1] units) of y = x_0 + sigma n and of the model's de-noised y, first
 *     {@code denoise_images} test images, {@code denoise_timestep_<sigma>} the t the reverse process starts from;</li>
 * <li>{@code fd_classifier} (samples of {@code sampling.sampler}), {@code fd_classifier_ddpm|ddim} (each sampler):
 *     Frechet distance between the samples and as many test images in the feature space of
 *     {@link FeatureClassifier} (trained on all of the data folder's training images, default settings, seed 7, kept in
 *     {@code classifier_cache}); {@code fd_classifier_floor}: training images vs the same test images;
 *     {@code classifier_test_accuracy}; {@code fd_classifier_validation}: the same samples vs validation images, the
 *     figure to choose models by;</li>
 * <li>{@code validation_eps_mse}, {@code test_eps_mse}: held-out L_simple (mean over the timestep buckets), per bucket
 *     {@code test_eps_mse_t<lo>_<hi>}; {@code train_seconds}, {@code sample_seconds_ddpm|ddim} and the other timings.</li>
 * </ul>
 */
public final class DiffusionExperiment implements Experiment<DiffusionConfig> {
    /**
     * Tags of the evaluation's random streams, {@code NoiseDraws.mix(seed, TAG)}: public so that
     * {@link org.repcon.diffusion.TrainedDiffusion} can reproduce the run's figures.
     */
    public static final long SAMPLE_TAG = 11;
    public static final long DENOISE_TAG = 12;
    public static final long BOUND_TAG = 13;
    public static final long LOSS_TAG = 14;
    private static final long CLASSIFIER_SEED = 7;

    @Override
    public String name() {
        return "diffusion";
    }

    @Override
    public String description() {
        return "DDPM in pixel space on Fashion-MNIST with a U-Net: samples (DDPM, DDIM), de-noising PSNR, bits/dim (variational "
                + "bound) and a classifier-feature Frechet distance";
    }

    @Override
    public DiffusionConfig configure(Spec spec) {
        return DiffusionConfig.read(spec);
    }

    @Override
    public void run(DiffusionConfig c, RunContext ctx) throws Exception {
        Engines.start();
        Datasets.check(c.data());
        Datasets data = Datasets.load(c.data(), ctx.seed());
        ctx.provenance().putData("fashion-mnist", data.train().size() + " train / " + data.validation().size() + " validation (seed "
                + ctx.seed() + ") / " + data.test().size() + " test images from " + c.data().dir());
        long seed = ctx.seed();
        DataType type = c.training().dtype();
        GaussianDiffusion diffusion = NoiseModelFactory.process(c);
        float[] train = ImageScale.toModel(data.train().pixels());
        int per = data.train().imageSize();
        try (NDManager root = NDManager.newBaseManager(); Parameters parameters = new Parameters(root, type);
                Parameters averaged = new Parameters(root, type)) {
            NoiseModel model = NoiseModelFactory.pixel(c, seed, parameters);
            NoiseModel emaModel = NoiseModelFactory.pixel(c, seed, averaged);
            MiniBatches batches = new MiniBatches(data.train().size(), Math.min(c.training().batchSize(), data.train().size()), seed, true);
            TrainingSettings settings = c.training().settings(batches.batchesPerEpoch());
            EpsilonTraining training = new EpsilonTraining(diffusion, model, NoiseDraws.mix(seed, 1));
            Objective<DiffusionOutput> objective = EpsilonLoss.addTo(Objective.builder(), c.epsWeight(), c.buckets(), c.timesteps()).build();
            ExponentialMovingAverage ema = new ExponentialMovingAverage(parameters, c.emaDecay(), c.emaWarmup());
            GradientClipping clipping = c.clipNorm() > 0 ? new GradientClipping(parameters, c.clipNorm()) : null;
            List<TrainingListener> listeners = new ArrayList<>(List.of(ema));
            if (clipping != null) {
                listeners.add(clipping);
            }
            Shape image = new Shape(c.channels(), c.size(), c.size());
            DiffusionModel current = new DiffusionModel(model, diffusion, c.variance(), image, 1.0, type, c.chunk());
            double[] validationProbe = toDoubles(ImageScale.toModel(data.validation().head(Math.min(256, data.validation().size())).pixels()));
            long validateEvery = c.validateEvery() > 0 ? c.validateEvery() : 5 * c.training().logEvery();
            RunContext.TrainingOutcome outcome = ctx.train(null, parameters, step -> {
                int[] idx = batches.indices(step.step());
                float[] b = new float[idx.length * per];
                for (int i = 0; i < idx.length; i++) {
                    System.arraycopy(train, idx[i] * per, b, i * per, per);
                }
                NDArray x0 = Scalars.owned(step.manager().create(b, new Shape(idx.length, c.channels(), c.size(), c.size())), type);
                return training.forward(x0, step.step());
            }, objective, settings, log -> {
                if (clipping != null) {
                    log.addColumn("grad_norm", c.training().logEvery(), clipping::lastNorm);
                }
                // the same images, timesteps and noise every time: a curve of the model, not of the draws
                log.addColumn("validation_eps_mse", validateEvery,
                        () -> mean(current.epsMsePerBucket(root, validationProbe, 1, NoiseDraws.mix(seed, LOSS_TAG))));
            }, listeners.toArray(TrainingListener[]::new));
            ema.copyTo(averaged);
            TrainedRun.save(ctx, averaged);
            ctx.putMetric("train_seconds", outcome.wallSeconds());
            ctx.putMetric("train_images_per_second", outcome.steps() * (double) batches.batchSize() / Math.max(1e-9, outcome.wallSeconds()));
            ctx.putMetric("train_eps_mse", outcome.last() == null ? null : outcome.last().term(EpsilonLoss.NAME));
            ctx.putMetric("train_images", data.train().size());
            ctx.putMetric("epochs", c.training().epochs());

            DiffusionModel dm = new DiffusionModel(emaModel, diffusion, c.variance(), image, 1.0, type, c.chunk());
            new Evaluation(c, ctx, root, dm, data, seed).run();
        }
    }

    static double[] toDoubles(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }

    static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }

    /** The evaluation after training, in the order the metrics are listed in the class comment. */
    private static final class Evaluation {
        private final DiffusionConfig c;
        private final RunContext ctx;
        private final NDManager root;
        private final DiffusionModel dm;
        private final Datasets data;
        private final long seed;
        private final Map<String, String> table = new LinkedHashMap<>();

        Evaluation(DiffusionConfig c, RunContext ctx, NDManager root, DiffusionModel dm, Datasets data, long seed) {
            this.c = c;
            this.ctx = ctx;
            this.root = root;
            this.dm = dm;
            this.data = data;
            this.seed = seed;
        }

        private void put(String key, double value, String label) {
            ctx.putMetric(key, value);
            if (label != null) {
                table.put(label, fmt(value));
            }
        }

        void run() throws IOException {
            ImageSet test = data.test();
            int strip = Math.min(c.strip(), Math.min(Math.min(c.samples(), c.otherSamples()), c.chunk()));
            int recordEvery = Math.max(1, c.timesteps() / 10);
            Map<SamplerKind, ImageSet> samples = new LinkedHashMap<>();
            for (SamplerKind kind : SamplerKind.values()) {
                long t0 = System.nanoTime();
                int count = kind == c.sampler() ? c.samples() : c.otherSamples();
                String k = kind.name().toLowerCase(Locale.ROOT);
                Samples s;
                try (TaskProgress progress = ctx.task("sampling (" + k + ")", dm.sampleCost(count, kind, c.ddimSteps()), "image-steps")) {
                    s = dm.sample(root, count, kind, c.ddimSteps(), NoiseDraws.mix(seed, SAMPLE_TAG + 100L * kind.ordinal()),
                            kind == SamplerKind.DDPM ? recordEvery : Math.max(1, c.ddimSteps() / 10), progress);
                }
                put("sample_seconds_" + k, (System.nanoTime() - t0) / 1e9, null);
                samples.put(kind, ImageScale.toImages("samples (" + k + ")", s.values(), c.channels(), c.size(), c.size()));
                plotSamples(samples.get(kind), k);
                plotStrip(s, strip, k);
            }

            // held-out loss per timestep bucket
            int buckets = Math.max(1, c.buckets());
            double[] validation = dm.epsMsePerBucket(root, model(data.validation().head(c.lossImages())), buckets, NoiseDraws.mix(seed, LOSS_TAG + 1));
            double[] testLoss = dm.epsMsePerBucket(root, model(test.head(c.lossImages())), buckets, NoiseDraws.mix(seed, LOSS_TAG + 2));
            put("validation_eps_mse", mean(validation), "validation eps_mse (mean over buckets)");
            put("test_eps_mse", mean(testLoss), "test eps_mse (mean over buckets)");
            for (int k = 0; k < buckets; k++) {
                ctx.putMetric("test_" + EpsilonLoss.bucketName(k, buckets, c.timesteps()), testLoss[k]);
            }
            plotBuckets(validation, testLoss, buckets);

            // de-noising
            ImageSet clean = test.head(c.denoiseImages());
            double[] x0 = model(clean);
            List<double[]> examples = new ArrayList<>();
            long t0 = System.nanoTime();
            List<DiffusionModel.Denoised> denoised;
            try (TaskProgress progress = ctx.task("de-noising", dm.denoiseCost(clean.size(), c.sigmas(), c.denoiser(), c.ddimSteps()),
                    "image-steps")) {
                denoised = dm.denoise(root, x0, c.sigmas(), c.denoiser(), c.ddimSteps(), NoiseDraws.mix(seed, DENOISE_TAG), progress);
            }
            for (DiffusionModel.Denoised d : denoised) {
                double sigma = d.sigma();
                String s = sigmaKey(sigma);
                put("noisy_psnr_" + s, mean(ImageScale.psnr(x0, d.noisy(), dm.size())), "noisy PSNR, sigma " + sigma + " (dB)");
                put("denoise_psnr_" + s, mean(ImageScale.psnr(x0, d.denoised(), dm.size())), "de-noised PSNR, sigma " + sigma + " (dB)");
                ctx.putMetric("denoise_timestep_" + s, d.timestep());
                examples.add(d.noisy());
                examples.add(d.denoised());
            }
            ctx.putMetric("denoise_images", clean.size());
            put("denoise_seconds", (System.nanoTime() - t0) / 1e9, null);
            plotDenoising(x0, examples);

            // likelihood
            if (c.likelihoodImages() > 0) {
                ImageSet images = test.head(c.likelihoodImages());
                t0 = System.nanoTime();
                double[] bpd;
                try (TaskProgress progress = ctx.task("bits/dim bound", (long) images.size() * c.timesteps(), "image-steps")) {
                    bpd = dm.bitsPerDim(root, ImageScale.toGrid(images.pixels()), NoiseDraws.mix(seed, BOUND_TAG), progress);
                }
                put("test_bits_per_dim", mean(bpd), "test bits/dim (variational bound, first " + images.size() + " test images)");
                put("test_bits_per_dim_se", Summary.of(bpd).standardError(), "its standard error over the images");
                ctx.putMetric("likelihood_images", images.size());
                put("likelihood_seconds", (System.nanoTime() - t0) / 1e9, null);
            }

            // sample quality in a classifier's feature space
            ImageSet classifierTrain = FashionMnist.load(c.data().dir(), FashionMnist.Split.TRAIN, 0);
            try (FeatureClassifier classifier = FeatureClassifier.cached(c.classifierCache(), classifierTrain, 10,
                    FeatureClassifier.Settings.DEFAULT, CLASSIFIER_SEED, null)) {
                put("classifier_test_accuracy", classifier.accuracy(test), "classifier test accuracy");
                int n = Math.min(c.samples(), Math.min(test.size(), data.train().size()));
                double[][] testFeatures = classifier.features(test.head(n));
                // the figure that chooses between models: samples vs validation images (never the test images)
                int nv = Math.min(n, data.validation().size());
                if (nv >= 2) {
                    double[][] validationFeatures = classifier.features(data.validation().head(nv));
                    put("fd_classifier_validation", FrechetDistance.between(classifier.features(samples.get(c.sampler()).head(nv)),
                            validationFeatures), "fd_classifier vs " + nv + " validation images (for choosing models)");
                    ctx.putMetric("fd_validation_images", nv);
                }
                for (SamplerKind kind : SamplerKind.values()) {
                    if (samples.get(kind).size() < n) {
                        continue; // too few for a covariance comparable with the others'
                    }
                    double fd = FrechetDistance.between(classifier.features(samples.get(kind).head(n)), testFeatures);
                    String k = kind.name().toLowerCase(Locale.ROOT);
                    put("fd_classifier_" + k, fd, "fd_classifier, " + k + (kind == SamplerKind.DDIM ? " (" + c.ddimSteps() + " steps)" : "")
                            + " samples (" + n + " vs " + n + " test images)");
                    if (kind == c.sampler()) {
                        ctx.putMetric("fd_classifier", fd);
                    }
                }
                put("fd_classifier_floor", FrechetDistance.between(classifier.features(data.train().head(n)), testFeatures),
                        "fd_classifier floor (" + n + " training vs the " + n + " test images)");
                ctx.putMetric("fd_images", n);
            }
            ctx.provenance().putData("classifier", "FeatureClassifier on the " + classifierTrain.size() + " training images of "
                    + c.data().dir() + ", settings " + FeatureClassifier.Settings.DEFAULT + ", seed " + CLASSIFIER_SEED);
            List<List<String>> rows = new ArrayList<>();
            table.forEach((k, v) -> rows.add(List.of(k, v)));
            ctx.addReportSection(r -> r.addTable("Test figures (EMA weights)", List.of("figure", "value"), rows));
        }

        private static String sigmaKey(double sigma) {
            return String.format(Locale.ROOT, "%s", sigma);
        }

        private static double[] model(ImageSet images) {
            return toDoubles(ImageScale.toModel(images.pixels()));
        }

        private void plotSamples(ImageSet images, String sampler) throws IOException {
            ImageGrid grid = new ImageGrid().columns(8).scale(2).title("samples, " + sampler);
            for (int i = 0; i < Math.min(64, images.size()); i++) {
                grid.add(ImageScale.tile(images.pixels(), i, c.channels(), c.size(), c.size()));
            }
            Path png = ctx.plot("samples-" + sampler + ".png");
            grid.savePng(png);
            ctx.addPlot("Samples (EMA weights), " + sampler + (sampler.equals("ddim") ? " with " + c.ddimSteps() + " steps" : ", T = "
                    + c.timesteps() + " steps"), png);
        }

        private void plotStrip(Samples s, int n, String sampler) throws IOException {
            List<Samples.Frame> frames = s.trajectory();
            if (frames.isEmpty()) {
                return;
            }
            ImageGrid grid = new ImageGrid().columns(frames.size()).scale(2).title("from noise to image, " + sampler);
            for (int i = 0; i < n; i++) {
                for (Samples.Frame f : frames) {
                    float[] pixels = ImageScale.toPixels(java.util.Arrays.copyOfRange(f.values(), i * dm.size(), (i + 1) * dm.size()));
                    grid.add(ImageScale.tile(pixels, 0, c.channels(), c.size(), c.size()), i == 0 ? (f.timestep() < 0 ? "x_0" : "t=" + f.timestep()) : null);
                }
            }
            Path png = ctx.plot("strip-" + sampler + ".png");
            grid.savePng(png);
            ctx.addPlot("From noise to image (" + sampler + "): " + n + " trajectories, one per row, the state x_t every "
                    + (frames.size() > 1 ? "few" : "") + " steps (values in [-1, 1] shown clipped to [0, 1] after (x + 1) / 2)", png);
        }

        private void plotDenoising(double[] clean, List<double[]> noisyAndDenoised) throws IOException {
            int n = Math.min(6, clean.length / dm.size());
            int columns = 1 + noisyAndDenoised.size();
            ImageGrid grid = new ImageGrid().columns(columns).scale(2).title("clean | noisy, de-noised per sigma " + c.sigmas());
            for (int i = 0; i < n; i++) {
                grid.add(ImageScale.tile(ImageScale.toPixels(slice(clean, i)), 0, c.channels(), c.size(), c.size()), i == 0 ? "clean" : null);
                for (int j = 0; j < noisyAndDenoised.size(); j++) {
                    String caption = i == 0 ? (j % 2 == 0 ? "noisy " : "de-noised ") + c.sigmas().get(j / 2) : null;
                    grid.add(ImageScale.tile(ImageScale.toPixels(slice(noisyAndDenoised.get(j), i)), 0, c.channels(), c.size(), c.size()), caption);
                }
            }
            Path png = ctx.plot("denoising.png");
            grid.savePng(png);
            ctx.addPlot("De-noising test images (" + c.denoiser().name().toLowerCase(Locale.ROOT) + " from the t whose noise level matches "
                    + "sigma): clean, then noisy and de-noised for each sigma", png);
        }

        private double[] slice(double[] values, int i) {
            return java.util.Arrays.copyOfRange(values, i * dm.size(), (i + 1) * dm.size());
        }

        private void plotBuckets(double[] validation, double[] test, int buckets) throws IOException {
            String[] labels = new String[buckets];
            for (int k = 0; k < buckets; k++) {
                labels[k] = EpsilonLoss.bucketStart(k, buckets, c.timesteps()) + "-" + (EpsilonLoss.bucketStart(k + 1, buckets, c.timesteps()) - 1);
            }
            Path png = ctx.plot("buckets.png");
            new BarChart().categories(labels).addSeries("validation", validation).addSeries("test", test)
                    .title("held-out L_simple per timestep bucket").xLabel("timesteps t").yLabel("mean (eps_theta - eps)^2").savePng(png);
            ctx.addPlot("Held-out eps_mse per timestep bucket (EMA weights, t uniform within the bucket); the training values per "
                    + "bucket are the eps_mse_t* columns of metrics.csv and the loss curves", png);
        }
    }
}
