package org.repcon.diffusion.latent;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.repcon.autoencoders.VariationalAutoencoder;
import org.repcon.autoencoders.experiment.Datasets;
import org.repcon.autoencoders.experiment.TrainedAutoencoder;
import org.repcon.autoencoders.likelihood.ImportanceWeightedBound;
import org.repcon.data.ImageSet;
import org.repcon.data.MiniBatches;
import org.repcon.diffusion.experiment.ToyEvaluation;
import org.repcon.diffusion.model.MlpNoiseModel;
import org.repcon.diffusion.process.DiffusionOutput;
import org.repcon.diffusion.process.EpsilonLoss;
import org.repcon.diffusion.process.EpsilonTraining;
import org.repcon.diffusion.process.GaussianDiffusion;
import org.repcon.diffusion.process.NoiseDraws;
import org.repcon.diffusion.sampling.DdimSampler;
import org.repcon.diffusion.sampling.DdpmSampler;
import org.repcon.diffusion.sampling.Sampler;
import org.repcon.diffusion.sampling.SamplerKind;
import org.repcon.diffusion.sampling.Samples;
import org.repcon.diffusion.toy.GaussianFit;
import org.repcon.engine.Engines;
import org.repcon.evaluation.Summary;
import org.repcon.experiment.Experiment;
import org.repcon.experiment.RunContext;
import org.repcon.experiment.Runner;
import org.repcon.experiment.TrainedRun;
import org.repcon.experiment.TrainingSettings;
import org.repcon.io.ModelFile;
import org.repcon.nn.Parameters;
import org.repcon.nn.Scalars;
import org.repcon.objective.Objective;
import org.repcon.optim.GradientClipping;
import org.repcon.report.BarChart;
import org.repcon.report.ImageMosaic;
import org.repcon.spec.Spec;
import org.repcon.training.ExponentialMovingAverage;
import org.repcon.training.TrainingListener;
import org.repcon.training.progress.TaskProgress;

/**
 * Latent diffusion: the DDPM of {@code diffusion-2d} on the latents of a trained repcon autoencoder (Rombach et al.
 * 2022's idea at toy scale). The autoencoder's run is {@code autoencoder.run}, or one is trained first as the nested
 * run {@code runs/autoencoder} (default: a VAE on Fashion-MNIST). Its training images are encoded (the VAE's
 * posterior mean, {@link TrainedAutoencoder#encode}), standardised per coordinate ({@link LatentStandardisation}),
 * and an MLP noise model is trained on them with EMA and gradient clipping; DDPM and DDIM samples are mapped back and
 * decoded.
 *
 * <p>Metrics (choices made on validation images, test images scored once): {@code fd_classifier} (the spec's sampler)
 * and {@code fd_classifier_ddim}/{@code _ddpm} (the other), decoded samples against the test images in the shared
 * Fashion-MNIST classifier's feature space ({@link SampleQuality}); {@code fd_classifier_floor} (training images),
 * {@code classifier_test_accuracy}; for a VAE also {@code vae_fd_classifier} (decoded prior samples z ~ N(0, I)) and
 * {@code vae_test_bits_per_dim} (importance-weighted bound, {@code vae_iw_samples} = k, on the first
 * {@code vae_likelihood_images} test images, decoder scale {@code vae_decoder_sigma} chosen on validation images).
 * Every Frechet distance uses {@code fd_samples} images. In the standardised latent space: {@code sw_latent},
 * {@code mmd2_latent} (samples vs test latents), and the same for {@code _gaussian} (a Gaussian fit of the training
 * latents), {@code _floor} (training latents), {@code _vae_prior} (a VAE's prior samples), {@code _ddim}/{@code _ddpm}.
 * {@code test_eps_mse}: held-out L_simple of the test latents. The EMA weights and the standardisation are
 * {@code model.bin}.
 */
public final class LatentDiffusionExperiment implements Experiment<LatentDiffusionConfig> {
    private static final int GRID = 64;
    private static final int GRID_COLUMNS = 16;
    private static final int STRIP_ROWS = 8;

    @Override
    public String name() {
        return "latent-diffusion";
    }

    @Override
    public String description() {
        return "DDPM with an MLP noise model on the standardised latents of a trained autoencoder or VAE (trains one if none is "
                + "given): decoded samples, Frechet distances in a Fashion-MNIST classifier's features, the VAE's bits/dim";
    }

    @Override
    public LatentDiffusionConfig configure(Spec spec) {
        return LatentDiffusionConfig.read(spec);
    }

    @Override
    public void run(LatentDiffusionConfig c, RunContext ctx) throws Exception {
        Path aeDir = c.autoencoderRun();
        if (aeDir == null) {
            Runner.Result r = ctx.runNested(LatentDiffusionConfig.NESTED, c.autoencoderSpec());
            if (!r.succeeded()) {
                throw new IllegalStateException("the nested autoencoder run " + r.directory().path() + " failed: " + r.message()
                        + "; `repcon resume " + ctx.directory().path() + "` retries it");
            }
            aeDir = r.directory().path();
        }
        Engines.start(c.threads()); // the nested run may have set its own thread count
        try (TrainedAutoencoder ae = TrainedAutoencoder.load(aeDir); NDManager root = NDManager.newBaseManager()) {
            run(c, ctx, ae, aeDir, root);
        }
    }

    private void run(LatentDiffusionConfig c, RunContext ctx, TrainedAutoencoder ae, Path aeDir, NDManager root) throws IOException {
        long seed = ctx.seed();
        Datasets data = Datasets.load(ae.config().data(), ae.run().seed()); // the autoencoder's own splits
        ctx.provenance().putData("autoencoder", aeDir.toAbsolutePath() + " (" + ae.config().model().type().name().toLowerCase(Locale.ROOT)
                + ", seed " + ae.run().seed() + "); " + data.train().size() + " train / " + data.validation().size() + " validation / "
                + data.test().size() + " test images");
        ctx.putMetric("autoencoder_run", aeDir.toAbsolutePath().toString());
        ctx.putMetric("autoencoder_type", ae.config().model().type().name().toLowerCase(Locale.ROOT));
        ctx.putMetric("latent_size", ae.latentSize());

        double[][] trainZ = ae.encode(data.train());
        LatentStandardisation standard = LatentStandardisation.fit(trainZ);
        double[][] train = standard.standardise(trainZ);
        double[][] validation = standard.standardise(ae.encode(data.validation()));
        double[][] test = standard.standardise(ae.encode(data.test()));
        int d = standard.dimensions();

        GaussianDiffusion diffusion = new GaussianDiffusion(c.schedule().schedule(c.timesteps()));
        DataType type = c.training().dtype();
        try (Parameters parameters = new Parameters(root, type); Parameters averaged = new Parameters(root, type)) {
            MlpNoiseModel.Builder architecture = c.mlp().builder(d, seed);
            MlpNoiseModel model = architecture.build(parameters);
            MlpNoiseModel emaModel = architecture.build(averaged);
            ExponentialMovingAverage ema = new ExponentialMovingAverage(parameters, c.emaDecay(), c.emaWarmup());
            RunContext.TrainingOutcome outcome = train(c, ctx, diffusion, model, parameters, ema, train, seed);
            ctx.putMetric("train_seconds", outcome.wallSeconds());
            ctx.putMetric("train_eps_mse", outcome.last() == null ? null : outcome.last().term(EpsilonLoss.NAME));
            ema.copyTo(averaged);
            standard.addTo(averaged);
            TrainedRun.save(ctx, averaged);

            // samples of both samplers, in the standardised latent space
            long t0 = System.nanoTime();
            Sampler ddpm = DdpmSampler.builder().setDiffusion(diffusion).optVariance(c.variance()).optDataType(type).build();
            Sampler ddim = DdimSampler.builder().setDiffusion(diffusion).setSteps(c.ddimSteps()).optDataType(type).build();
            boolean ddpmMain = c.sampler() == SamplerKind.DDPM;
            Shape shape = new Shape(c.samples(), d);
            Samples ddpmSamples;
            try (TaskProgress progress = ctx.task("sampling (ddpm)", (long) c.samples() * ddpm.stepsFrom(ddpm.lastTimestep()), "sample-steps")) {
                ddpmSamples = ddpm.sample(emaModel, root, shape, NoiseDraws.mix(seed, 2), Math.max(1, c.timesteps() / 100), progress);
            }
            double ddpmSeconds = (System.nanoTime() - t0) / 1e9;
            t0 = System.nanoTime();
            Samples ddimSamples = ddim.sample(emaModel, root, shape, NoiseDraws.mix(seed, 3), 0);
            double ddimSeconds = (System.nanoTime() - t0) / 1e9;
            ctx.putMetric("sample_seconds_ddpm", ddpmSeconds);
            ctx.putMetric("sample_seconds_ddim", ddimSeconds);
            String main = ddpmMain ? "ddpm" : "ddim";
            String other = ddpmMain ? "ddim" : "ddpm";
            double[][] mainRows = (ddpmMain ? ddpmSamples : ddimSamples).rows();
            double[][] otherRows = (ddpmMain ? ddimSamples : ddpmSamples).rows();
            VariationalAutoencoder vae = ae.model() instanceof VariationalAutoencoder v ? v : null;
            double[][] priorZ = vae == null ? null : gaussian(c.samples(), d, NoiseDraws.mix(seed, 4));

            // latent-space distances (bandwidth from the validation latents)
            ToyEvaluation latent = ToyEvaluation.of(validation, Arrays.copyOf(test, Math.min(c.samples(), test.length)), c.projections(),
                    NoiseDraws.mix(seed, 5));
            Map<String, ToyEvaluation.Distances> distances = new LinkedHashMap<>();
            distances.put("", latent.distances(mainRows));
            distances.put("_" + other, latent.distances(otherRows));
            distances.put("_gaussian", latent.distances(GaussianFit.fit(train).sample(c.samples(), NoiseDraws.mix(seed, 6))));
            distances.put("_floor", latent.distances(Arrays.copyOf(train, Math.min(c.samples(), train.length))));
            if (priorZ != null) {
                distances.put("_vae_prior", latent.distances(standard.standardise(priorZ)));
            }
            distances.forEach((k, v) -> {
                ctx.putMetric("sw_latent" + k, v.slicedWasserstein());
                ctx.putMetric("mmd2_latent" + k, v.mmd2());
            });
            ctx.putMetric("mmd_bandwidth_latent", latent.bandwidth());

            double[] buckets = HeldOutLoss.perBucket(emaModel, diffusion, test, Math.max(1, c.buckets()), type, root, NoiseDraws.mix(seed, 7));
            ctx.putMetric("test_eps_mse", Arrays.stream(buckets).average().orElse(Double.NaN));

            // decoded images
            ImageSet decoded = ae.decode(standard.restore(mainRows));
            ImageSet decodedOther = ae.decode(standard.restore(otherRows));
            ImageSet prior = priorZ == null ? null : ae.decode(priorZ);
            List<List<String>> fdRows = sampleQuality(c, ctx, ae, data, decoded, decodedOther, prior, main, other);
            if (vae != null) {
                likelihood(c, ctx, vae, data, seed);
            }

            plots(ctx, ae, data.test(), decoded, decodedOther, prior, main, other);
            strip(ctx, ae, standard, ddpmSamples);
            plotBuckets(ctx, buckets, Math.max(1, c.buckets()), c.timesteps());
            List<List<String>> latentRows = new ArrayList<>();
            Map<String, String> names = Map.of("", "latent diffusion (" + main + ")", "_" + other, "latent diffusion (" + other + ")",
                    "_gaussian", "Gaussian fit of the training latents", "_floor", "training latents (floor)", "_vae_prior", "VAE prior N(0, I)");
            distances.forEach((k, v) -> latentRows.add(List.of(names.get(k), fmt(v.slicedWasserstein()), fmt(v.mmd2()))));
            ctx.addReportSection(r -> {
                if (!fdRows.isEmpty()) {
                    r.addTable("Frechet distance to the test images in the Fashion-MNIST classifier's features (fd_classifier, "
                            + c.samples() + " images each; lower is better)", List.of("images", "fd_classifier", "metric"), fdRows);
                }
                r.addTable("Distance to the test latents in the standardised latent space (" + Math.min(c.samples(), test.length)
                        + " points; sliced Wasserstein over " + c.projections() + " directions, MMD^2 with the validation median bandwidth)",
                        List.of("latents", "sliced W2", "MMD^2"), latentRows);
            });
        }
    }

    private static RunContext.TrainingOutcome train(LatentDiffusionConfig c, RunContext ctx, GaussianDiffusion diffusion, MlpNoiseModel model,
            Parameters parameters, ExponentialMovingAverage ema, double[][] train, long seed) throws IOException {
        int n = train.length;
        int d = train[0].length;
        double[] flat = new double[n * d];
        for (int i = 0; i < n; i++) {
            System.arraycopy(train[i], 0, flat, i * d, d);
        }
        MiniBatches batches = new MiniBatches(n, Math.min(c.training().batchSize(), n), seed, true);
        TrainingSettings settings = c.training().settings(batches.batchesPerEpoch());
        DataType type = settings.dtype();
        EpsilonTraining training = new EpsilonTraining(diffusion, model, NoiseDraws.mix(seed, 1));
        Objective<DiffusionOutput> objective = EpsilonLoss.addTo(Objective.builder(), c.epsWeight(), c.buckets(), c.timesteps()).build();
        GradientClipping clipping = c.clipNorm() > 0 ? new GradientClipping(parameters, c.clipNorm()) : null;
        List<TrainingListener> listeners = new ArrayList<>(List.of(ema));
        if (clipping != null) {
            listeners.add(clipping);
        }
        RunContext.TrainingOutcome outcome = ctx.train(null, parameters,
                step -> training.forward(batch(step.manager(), flat, d, batches.indices(step.step()), type), step.step()), objective,
                settings, log -> {
                    if (clipping != null) {
                        log.addColumn("grad_norm", settings.logEvery(), clipping::lastNorm);
                    }
                }, listeners.toArray(TrainingListener[]::new));
        return outcome;
    }

    /** Rows {@code indices} of the flat [N, D] values as an array of the step. */
    static NDArray batch(NDManager manager, double[] flat, int d, int[] indices, DataType type) {
        double[] b = new double[indices.length * d];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(flat, indices[i] * d, b, i * d, d);
        }
        return Scalars.owned(manager.create(b, new Shape(indices.length, d)), type);
    }

    private static double[][] gaussian(int n, int d, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] out = new double[n][d];
        for (double[] row : out) {
            for (int j = 0; j < d; j++) {
                row[j] = rng.nextGaussian();
            }
        }
        return out;
    }

    /** The fd_classifier figures (Fashion-MNIST autoencoders only: the classifier needs its labelled training images). */
    private static List<List<String>> sampleQuality(LatentDiffusionConfig c, RunContext ctx, TrainedAutoencoder ae, Datasets data,
            ImageSet decoded, ImageSet decodedOther, ImageSet prior, String main, String other) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        if (!ae.config().data().source().equals("fashion-mnist")) {
            ctx.addReportSection(r -> r.addParagraph("No fd_classifier: the autoencoder was not trained on Fashion-MNIST, whose labelled "
                    + "training images the feature classifier is trained on."));
            return rows;
        }
        try (SampleQuality q = SampleQuality.of(ae.config().data().dir(), c.classifierCache(), data.test())) {
            ctx.putMetric("classifier_test_accuracy", q.testAccuracy());
            ctx.putMetric("fd_samples", decoded.size());
            double fd = q.frechetDistance(decoded);
            double fdOther = q.frechetDistance(decodedOther);
            double floor = q.frechetDistance(data.train().head(decoded.size()));
            ctx.putMetric("fd_classifier", fd);
            ctx.putMetric("fd_classifier_" + other, fdOther);
            ctx.putMetric("fd_classifier_floor", floor);
            rows.add(List.of("latent diffusion, " + main, fmt(fd), "fd_classifier"));
            rows.add(List.of("latent diffusion, " + other, fmt(fdOther), "fd_classifier_" + other));
            if (prior != null) {
                double vaeFd = q.frechetDistance(prior);
                ctx.putMetric("vae_fd_classifier", vaeFd);
                rows.add(List.of("VAE prior samples", fmt(vaeFd), "vae_fd_classifier"));
            }
            rows.add(List.of("training images (floor)", fmt(floor), "fd_classifier_floor"));
            rows.add(List.of("classifier accuracy on the test images", fmt(q.testAccuracy()), "classifier_test_accuracy"));
        }
        return rows;
    }

    /** The VAE's importance-weighted bound in bits/dim on the first N test images, the decoder scale chosen on validation. */
    private static void likelihood(LatentDiffusionConfig c, RunContext ctx, VariationalAutoencoder vae, Datasets data, long seed) {
        if (c.likelihoodImages() == 0) {
            return;
        }
        ImportanceWeightedBound bound = new ImportanceWeightedBound(vae, c.iwSamples());
        double logScale = bound.chooseLogScale(data.validation().head(c.scaleImages()), NoiseDraws.mix(seed, 8));
        ImageSet images = data.test().head(c.likelihoodImages());
        double[] bpd = bound.bitsPerDim(images, logScale, NoiseDraws.mix(seed, 9));
        ctx.putMetric("vae_test_bits_per_dim", Arrays.stream(bpd).average().orElse(Double.NaN));
        ctx.putMetric("vae_test_bits_per_dim_se", Summary.of(bpd).standardError());
        ctx.putMetric("vae_iw_samples", c.iwSamples());
        ctx.putMetric("vae_likelihood_images", images.size());
        ctx.putMetric("vae_decoder_sigma", Math.exp(logScale));
        ctx.putMetric("vae_scale_images", Math.min(c.scaleImages(), data.validation().size()));
    }

    private static void plots(RunContext ctx, TrainedAutoencoder ae, ImageSet test, ImageSet decoded, ImageSet decodedOther, ImageSet prior,
            String main, String other) throws IOException {
        grid(ctx, ae, "samples-" + main + ".png", "Latent diffusion samples (" + main + ", EMA weights), decoded", decoded);
        grid(ctx, ae, "samples-" + other + ".png", "Latent diffusion samples (" + other + "), decoded", decodedOther);
        if (prior != null) {
            grid(ctx, ae, "vae-prior.png", "VAE prior samples z ~ N(0, I), decoded", prior);
        }
        grid(ctx, ae, "test-images.png", "Test images, for comparison", test);
    }

    private static void grid(RunContext ctx, TrainedAutoencoder ae, String file, String caption, ImageSet images) throws IOException {
        int n = Math.min(GRID, images.size());
        Path png = ctx.plot(file);
        new ImageMosaic(ae.channels(), ae.height(), ae.width()).title(caption)
                .addRows(Arrays.copyOf(images.pixels(), n * images.imageSize()), GRID_COLUMNS).scale(2).savePng(png);
        ctx.addPlot(caption, png);
    }

    /**
     * From noise to image: the DDPM states x_t of the first samples at the start, t nearest to 1/2, 1/4, 1/10 and 1/20 of
     * the first timestep, and the end, mapped back to the autoencoder's latents and decoded.
     */
    private static void strip(RunContext ctx, TrainedAutoencoder ae, LatentStandardisation standard, Samples samples) throws IOException {
        List<Samples.Frame> frames = stripFrames(samples.trajectory());
        int rows = Math.min(STRIP_ROWS, Math.toIntExact(samples.shape().get(0)));
        int per = ae.channels() * ae.height() * ae.width();
        float[][] decoded = new float[frames.size()][];
        String[] labels = new String[frames.size()];
        for (int f = 0; f < frames.size(); f++) {
            double[][] states = Arrays.copyOf(samples.rows(frames.get(f).values()), rows);
            decoded[f] = ae.decode(standard.restore(states)).pixels();
            labels[f] = frames.get(f).timestep() < 0 ? "x_0" : "t = " + frames.get(f).timestep();
        }
        ImageMosaic mosaic = new ImageMosaic(ae.channels(), ae.height(), ae.width()).title("From noise to image (DDPM), decoded")
                .columnLabels(labels).scale(2);
        for (int r = 0; r < rows; r++) {
            float[] row = new float[frames.size() * per];
            for (int f = 0; f < frames.size(); f++) {
                System.arraycopy(decoded[f], r * per, row, f * per, per);
            }
            mosaic.addRow(null, row);
        }
        Path png = ctx.plot("strip.png");
        mosaic.savePng(png);
        ctx.addPlot("From noise to image: DDPM states x_t of " + rows + " samples (one per row), each mapped back to the autoencoder's "
                + "latent space (m + s x_t) and decoded", png);
    }

    /** The start, the states nearest to 1/2, 1/4, 1/10 and 1/20 of the first timestep, and the end. */
    static List<Samples.Frame> stripFrames(List<Samples.Frame> trajectory) {
        if (trajectory.size() <= 2) {
            return trajectory;
        }
        int first = trajectory.get(0).timestep();
        List<Samples.Frame> picked = new ArrayList<>(List.of(trajectory.get(0)));
        for (double fraction : new double[] {0.5, 0.25, 0.1, 0.05}) {
            Samples.Frame best = null;
            for (Samples.Frame f : trajectory) {
                if (f.timestep() >= 0 && (best == null
                        || Math.abs(f.timestep() - fraction * first) < Math.abs(best.timestep() - fraction * first))) {
                    best = f;
                }
            }
            if (best != null && !picked.contains(best)) {
                picked.add(best);
            }
        }
        picked.add(trajectory.get(trajectory.size() - 1));
        return picked;
    }

    private static void plotBuckets(RunContext ctx, double[] values, int buckets, int steps) throws IOException {
        String[] labels = new String[buckets];
        for (int k = 0; k < buckets; k++) {
            labels[k] = EpsilonLoss.bucketStart(k, buckets, steps) + "-" + (EpsilonLoss.bucketStart(k + 1, buckets, steps) - 1);
        }
        Path png = ctx.plot("buckets.png");
        new BarChart().categories(labels).addSeries("test eps_mse", values).title("Held-out L_simple per timestep bucket (test latents)")
                .xLabel("timesteps t").yLabel("mean (eps_theta - eps)^2").savePng(png);
        ctx.addPlot("Held-out eps_mse of the test latents per timestep bucket (EMA weights, t uniform within the bucket); the training "
                + "values per bucket are the eps_mse_t* columns of metrics.csv and the loss curves", png);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
