package org.repcon.diffusion.latent;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.repcon.autoencoders.experiment.TrainedAutoencoder;
import org.repcon.diffusion.model.MlpSettings;
import org.repcon.diffusion.process.ModelVariance;
import org.repcon.diffusion.sampling.SamplerKind;
import org.repcon.diffusion.schedule.ScheduleKind;
import org.repcon.experiment.EpochTrainingSettings;
import org.repcon.experiment.LrScheduleSettings;
import org.repcon.experiment.Runner;
import org.repcon.spec.Overrides;
import org.repcon.spec.Spec;
import org.repcon.spec.SpecException;

/**
 * The {@code latent-diffusion} experiment's config. Keys and defaults:
 * <pre>
 * autoencoder:
 *   run: RUN_DIR              # a completed autoencoder run (AE, VAE or VQ-VAE) whose latents are modelled (spec is then
 *                             # not used); if absent ...
 *   spec:                     # ... one is trained first as the nested run runs/autoencoder from these keys of an
 *     model: {type: vae}      # autoencoder spec (its experiment and seed are this run's, its threads too unless given);
 *     evaluation: {embedding: pca}   # the default is a VAE on Fashion-MNIST (3 epochs, PCA map)
 * model:
 *   hidden: 256               # MLP noise model on the standardised latents: width, residual blocks, time embedding,
 *   blocks: 3                 # activation (see MlpNoiseModel)
 *   embedding: 64
 *   input_embedding: 0        # Fourier features of the latents (0: none)
 *   input_scale: 1
 *   activation: gelu
 *   residual: true
 *   schedule: linear          # linear | cosine
 *   timesteps: 1000           # T
 *   variance: fixed_large     # fixed_large | fixed_small
 * loss:
 *   eps_mse: 1.0
 *   timestep_buckets: 10      # eps_mse per timestep range, logged (weight 0)
 * training:                   # epochs over the training latents: EpochTrainingSettings
 *   batch_size: 256
 *   epochs: 40
 *   lr: 1.0e-3
 *   lr_schedule: {type: cosine, min_lr: 1.0e-5}
 *   ema_decay: 0.999          # EMA of the weights: sampling, evaluation and model.bin use it
 *   ema_warmup: true
 *   clip_grad_norm: 1.0       # 0: no clipping
 * sampling:
 *   sampler: ddpm             # ddpm | ddim: the samples fd_classifier is reported for (the other: fd_classifier_ddim/_ddpm)
 *   ddim_steps: 50
 *   samples: 2000             # n of every Frechet distance (model, VAE prior, floor) and the latent distances
 * evaluation:
 *   projections: 500          # directions of the latent sliced Wasserstein distance
 *   likelihood_images: 1000   # VAE only: the first N test images get the importance-weighted bound ...
 *   iw_samples: 64            # ... with k importance samples
 *   scale_images: 200         # the first N validation images choose the VAE decoder's scale
 *   classifier_cache: ""      # the feature classifier's cache folder ("": $REPCON_CACHE or ~/.cache/repcon)
 * quick: false                # --quick: at most 1,000 samples and 200 likelihood images; a nested autoencoder gets
 *                             # 6,000 training / 1,000 test images and one epoch (over its keys), so the latent model's
 *                             # epochs are a tenth of the steps (a given autoencoder.run keeps its data)
 * </pre>
 *
 * @param autoencoderRun the given run, or null when {@code autoencoderSpec} is trained first
 * @param autoencoderSpec the nested autoencoder run's complete spec tree (null when a run is given)
 * @param threads the run's libtorch threads (restored after a nested autoencoder run, which may set its own)
 */
public record LatentDiffusionConfig(Path autoencoderRun, Map<String, Object> autoencoderSpec, MlpSettings mlp, ScheduleKind schedule, int timesteps,
        ModelVariance variance, double epsWeight, int buckets, EpochTrainingSettings training, double emaDecay, boolean emaWarmup,
        double clipNorm, SamplerKind sampler, int ddimSteps, int samples, int projections, int likelihoodImages, int iwSamples,
        int scaleImages, Path classifierCache, boolean quick, int threads) {

    /** The nested autoencoder's name: its folder is {@code runs/autoencoder}. */
    static final String NESTED = "autoencoder";

    /** What {@code quick: true} changes in a nested autoencoder (over its given keys). */
    static final List<String> QUICK_AUTOENCODER = List.of("data.train_limit=6000", "data.test_limit=1000", "training.epochs=1",
            "evaluation.knn_train_subsample=2000", "evaluation.embedding_points=500");

    /** What {@code quick: true} caps: the samples and the likelihood images (over the spec's values). */
    static final int QUICK_SAMPLES = 1000;
    static final int QUICK_LIKELIHOOD_IMAGES = 200;

    static LatentDiffusionConfig read(Spec spec) {
        boolean quick = spec.getBoolean("quick", false);
        long seed = org.repcon.experiment.RunSettings.seed(spec);
        int threads = org.repcon.experiment.RunSettings.threads(spec);

        Spec a = spec.getChildOrEmpty("autoencoder");
        Path run = null;
        Map<String, Object> nested = null;
        if (a.has("run")) {
            if (a.has("spec")) { // the example's spec stays in place when --set autoencoder.run=... is given
                Spec unused = a.getChild("spec");
                unused.ignore(unused.keys().toArray(String[]::new));
            }
            run = Path.of(a.getString("run"));
            checkRun(a, run);
        } else {
            Spec given = a.getChildOrEmpty("spec");
            if (given.keys().isEmpty()) {
                given.rawTree().putAll(defaultAutoencoder());
            }
            Map<String, Object> tree = new LinkedHashMap<>();
            if (given.has("experiment")) {
                throw given.error("experiment", "the nested run is always an autoencoder; leave this key out");
            }
            tree.put("experiment", "autoencoder");
            tree.put("seed", seed);
            tree.put("threads", threads);
            tree.put("description", "the autoencoder of a latent-diffusion run");
            deepMerge(tree, given.copyTree());
            if (quick) { // after the given keys: --quick is a smoke test whatever the spec trains
                QUICK_AUTOENCODER.forEach(o -> Overrides.apply(tree, o));
            }
            given.ignore(given.keys().toArray(String[]::new)); // validated as an autoencoder spec below
            try {
                Runner.validate(tree);
            } catch (SpecException e) {
                throw a.error("spec", "as an autoencoder spec: " + e.getMessage());
            }
            nested = tree;
        }

        Spec m = spec.getChildOrEmpty("model");
        MlpSettings mlp = MlpSettings.read(m, 256, 64, 0, 1);
        ScheduleKind schedule = m.getEnum("schedule", ScheduleKind.class, ScheduleKind.LINEAR);
        int timesteps = m.getInt("timesteps", 1000, schedule == ScheduleKind.LINEAR ? 21 : 2, 100_000);
        ModelVariance variance = m.getEnum("variance", ModelVariance.class, ModelVariance.FIXED_LARGE);

        Spec l = spec.getChildOrEmpty("loss");
        double epsWeight = l.getPositiveDouble("eps_mse", 1.0);
        int buckets = l.getInt("timestep_buckets", 10, 0, timesteps);

        Spec t = spec.getChildOrEmpty("training");
        double emaDecay = t.getDouble("ema_decay", 0.999, 0, 0.999999);
        boolean emaWarmup = t.getBoolean("ema_warmup", true);
        double clip = t.getDouble("clip_grad_norm", 1.0, 0, 1e12);
        if (!t.has("epochs")) {
            t.rawTree().put("epochs", 40); // this experiment's default (EpochTrainingSettings' is 3)
        }
        EpochTrainingSettings training = EpochTrainingSettings.read(t, 256, new LrScheduleSettings.Cosine(1e-5));

        Spec s = spec.getChildOrEmpty("sampling");
        SamplerKind sampler = s.getEnum("sampler", SamplerKind.class, SamplerKind.DDPM);
        int ddimSteps = s.getInt("ddim_steps", 50, 1, timesteps);
        int samples = s.getInt("samples", 2000, 2, 1_000_000);
        if (quick) {
            samples = Math.min(samples, QUICK_SAMPLES);
        }

        Spec e = spec.getChildOrEmpty("evaluation");
        int projections = e.getInt("projections", 500, 1, 1_000_000);
        int likelihoodImages = e.getInt("likelihood_images", 1000, 0, 1_000_000);
        if (quick) {
            likelihoodImages = Math.min(likelihoodImages, QUICK_LIKELIHOOD_IMAGES);
        }
        int iwSamples = e.getInt("iw_samples", 64, 1, 100_000);
        int scaleImages = e.getInt("scale_images", 200, 1, 1_000_000);
        String cache = e.getString("classifier_cache", "");
        Path classifierCache = cache.isBlank() ? null : Path.of(cache);
        return new LatentDiffusionConfig(run, nested, mlp, schedule, timesteps, variance, epsWeight, buckets, training, emaDecay, emaWarmup, clip, sampler, ddimSteps, samples,
                projections, likelihoodImages, iwSamples, scaleImages, classifierCache, quick, threads);
    }

    /** The default nested autoencoder: a VAE on Fashion-MNIST (the autoencoder's defaults: 3 epochs), a PCA map instead of t-SNE. */
    static Map<String, Object> defaultAutoencoder() {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("model", new LinkedHashMap<>(Map.of("type", "vae")));
        tree.put("evaluation", new LinkedHashMap<>(Map.of("embedding", "pca")));
        return tree;
    }

    /** A given autoencoder run must load (a run, of the autoencoder experiment, with its model): else a spec error. */
    private static void checkRun(Spec a, Path run) {
        try (TrainedAutoencoder ae = TrainedAutoencoder.load(run)) {
            ae.latentSize();
        } catch (IllegalArgumentException e) {
            throw a.error("run", e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    private static void deepMerge(Map<String, Object> into, Map<String, Object> from) {
        for (Map.Entry<String, Object> en : from.entrySet()) {
            Object mine = into.get(en.getKey());
            if (mine instanceof Map<?, ?> mm && en.getValue() instanceof Map<?, ?> f) {
                deepMerge((Map<String, Object>) mm, (Map<String, Object>) f);
            } else {
                into.put(en.getKey(), en.getValue());
            }
        }
    }
}
