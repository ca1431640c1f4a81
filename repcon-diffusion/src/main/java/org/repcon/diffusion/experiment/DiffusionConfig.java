package org.repcon.diffusion.experiment;

import java.nio.file.Path;
import java.util.List;
import org.repcon.autoencoders.experiment.AutoencoderConfig;
import org.repcon.data.FashionMnist;
import org.repcon.diffusion.process.ModelVariance;
import org.repcon.diffusion.sampling.SamplerKind;
import org.repcon.diffusion.schedule.ScheduleKind;
import org.repcon.evaluation.FeatureClassifier;
import org.repcon.experiment.EpochTrainingSettings;
import org.repcon.experiment.LrScheduleSettings;
import org.repcon.spec.Spec;

/**
 * The {@code diffusion} experiment's config (pixel space, Fashion-MNIST). Keys and defaults:
 * <pre>
 * data:
 *   dir: /usr/share/datasets/fashion-mnist
 *   train_limit: 0              # the first N training images (0: all 60,000), before the validation split
 *   validation_fraction: 0.05   # carved from the training images by a seeded shuffle, never trained on
 *   test_limit: 0               # the first N test images (0: all 10,000)
 * model:                        # the U-Net: see {@link UNetModelSettings}, plus
 *   schedule: linear            # linear | cosine
 *   timesteps: 1000             # T
 *   variance: fixed_large       # sigma_t^2 of the reverse process: fixed_large (beta_t) | fixed_small
 * loss:
 *   eps_mse: 1.0
 *   timestep_buckets: 10        # eps_mse_t{lo}_{hi} logged with weight 0
 * training:                     # {@link EpochTrainingSettings} (batch_size 128, lr 1e-3, cosine to 1e-5 by default), plus
 *   ema_decay: 0.999
 *   ema_warmup: true
 *   clip_grad_norm: 1.0         # 0: none
 *   validate_every: 0           # steps between validation eps_mse columns in metrics.csv (0: log_every * 5)
 * sampling:
 *   sampler: ddim               # the sampler of fd_classifier: ddim | ddpm
 *   ddim_steps: 50
 *   samples: 500                # samples of that sampler (and as many test images for fd_classifier)
 *   other_samples: 16           # samples of the other sampler (a grid; fd_classifier_<other> only if as many as samples)
 *   strip: 6                    # trajectories in the noise-to-image strip (about 10 states each)
 * evaluation:
 *   sigmas: [0.1, 0.2, 0.4]     # de-noising noise levels, in the units of the data in [-1, 1]
 *   denoise_images: 500         # the first N test images de-noised per sigma
 *   denoiser: ddim              # the reverse process that de-noises: ddim (the DDIM timesteps below t) | ddpm (all t steps)
 *   likelihood_images: 100      # the first N test images of test_bits_per_dim (T model evaluations each)
 *   loss_images: 1000           # validation and test images of the per-bucket eps_mse
 *   classifier_cache: ~/.cache/repcon   # where the feature classifier of fd_classifier is kept ($REPCON_CACHE)
 *   chunk: 250                  # images per model evaluation while evaluating
 * quick: false                  # a 1-2 minute smoke-test variant: see {@link #read}
 * </pre>
 */
public record DiffusionConfig(AutoencoderConfig.DataSettings data, UNetModelSettings unet, ScheduleKind schedule, int timesteps,
        ModelVariance variance, double epsWeight, int buckets, EpochTrainingSettings training, double emaDecay, boolean emaWarmup,
        double clipNorm, long validateEvery, SamplerKind sampler, int ddimSteps, int samples, int otherSamples, int strip, List<Double> sigmas,
        int denoiseImages, SamplerKind denoiser, int likelihoodImages, int lossImages, Path classifierCache, int chunk, boolean quick) {

    private static final int QUICK_TRAIN = 512;
    private static final int QUICK_TIMESTEPS = 100;

    /** Image channels (Fashion-MNIST: 1). */
    public int channels() {
        return 1;
    }

    /** Image height and width (Fashion-MNIST: 28). */
    public int size() {
        return 28;
    }

    /**
     * Reads the spec. With {@code quick: true} (a smoke test of a minute or two) the given values are capped: at most
     * 512 training images, one epoch, T = 100, base width at most 16 with one residual block per level and at most 4 groups, at
     * most 50 samples (4 of the other sampler), 50 de-noised, 2 likelihood and 50 loss images. The resolved spec keeps the
     * given values and {@code quick: true}, which rebuilds the same model when it is loaded.
     */
    public static DiffusionConfig read(Spec spec) {
        boolean quick = spec.getBoolean("quick", false);
        Spec d = spec.getChildOrEmpty("data");
        String dir = d.getString("dir", FashionMnist.DEFAULT_DIR.toString());
        int trainLimit = d.getInt("train_limit", 0, 0, 10_000_000);
        if (quick) {
            trainLimit = trainLimit == 0 ? QUICK_TRAIN : Math.min(trainLimit, QUICK_TRAIN);
        }
        double validationFraction = d.getDouble("validation_fraction", 0.05, 0, 0.9);
        int testLimit = d.getInt("test_limit", 0, 0, 10_000_000);
        var data = new AutoencoderConfig.DataSettings("fashion-mnist", Path.of(dir), trainLimit, testLimit, 1, 28, 28, 0, validationFraction);

        Spec m = spec.getChildOrEmpty("model");
        UNetModelSettings unet = UNetModelSettings.read(m);
        if (quick) {
            unet = new UNetModelSettings(Math.min(unet.baseChannels(), 16), unet.multipliers(), 1, unet.attention(), 1, unet.normalization(),
                    Math.min(unet.groups(), 4), unet.dropout(), unet.scaleShift());
        }
        if (28 % unet.divisor() != 0) {
            throw m.error("channel_multipliers", unet.multipliers().size() + " levels halve the image " + (unet.multipliers().size() - 1)
                    + " times; 28x28 images allow at most 3 levels");
        }
        ScheduleKind schedule = m.getEnum("schedule", ScheduleKind.class, ScheduleKind.LINEAR);
        int timesteps = quickMin(quick, m.getInt("timesteps", 1000, schedule == ScheduleKind.LINEAR ? 21 : 2, 100_000), QUICK_TIMESTEPS);
        ModelVariance variance = m.getEnum("variance", ModelVariance.class, ModelVariance.FIXED_LARGE);

        Spec l = spec.getChildOrEmpty("loss");
        double epsWeight = l.getPositiveDouble("eps_mse", 1.0);
        int buckets = l.getInt("timestep_buckets", 10, 0, timesteps);

        Spec t = spec.getChildOrEmpty("training");
        double emaDecay = t.getDouble("ema_decay", 0.999, 0, 0.999999);
        boolean emaWarmup = t.getBoolean("ema_warmup", true);
        double clip = t.getDouble("clip_grad_norm", 1.0, 0, 1e12);
        long validateEvery = t.getLong("validate_every", 0, 0, Long.MAX_VALUE);
        EpochTrainingSettings training = EpochTrainingSettings.read(t, 128, new LrScheduleSettings.Cosine(1e-5));
        if (quick) {
            training = new EpochTrainingSettings(training.dtype(), training.batchSize(), 1, training.lr(), training.schedule(), training.logEvery(),
                    training.checkpointEvery(), training.keepCheckpoints());
        }

        Spec s = spec.getChildOrEmpty("sampling");
        SamplerKind sampler = s.getEnum("sampler", SamplerKind.class, SamplerKind.DDIM);
        int ddimSteps = s.getInt("ddim_steps", 50, 1, timesteps);
        int samples = quickMin(quick, s.getInt("samples", 500, 2, 1_000_000), 50);
        int otherSamples = quickMin(quick, s.getInt("other_samples", 16, 1, 1_000_000), 4);
        int strip = s.getInt("strip", 6, 1, 64);

        Spec e = spec.getChildOrEmpty("evaluation");
        List<Double> sigmas = e.getDoubleList("sigmas", List.of(0.1, 0.2, 0.4));
        for (double sigma : sigmas) {
            if (!(sigma > 0 && sigma <= 10)) {
                throw e.error("sigmas", "each sigma must be in (0, 10], got " + sigma);
            }
        }
        int denoiseImages = quickMin(quick, e.getInt("denoise_images", 500, 1, 1_000_000), 50);
        SamplerKind denoiser = e.getEnum("denoiser", SamplerKind.class, SamplerKind.DDIM);
        int likelihoodImages = quickMin(quick, e.getInt("likelihood_images", 100, 0, 1_000_000), 2);
        int lossImages = quickMin(quick, e.getInt("loss_images", 1000, 1, 1_000_000), 50);
        Path cache = e.has("classifier_cache") ? Path.of(e.getString("classifier_cache")) : FeatureClassifier.defaultCache();
        int chunk = e.getInt("chunk", 250, 1, 100_000);
        return new DiffusionConfig(data, unet, schedule, timesteps, variance, epsWeight, buckets, training, emaDecay, emaWarmup, clip,
                validateEvery, sampler, ddimSteps, samples, otherSamples, strip, List.copyOf(sigmas), denoiseImages, denoiser, likelihoodImages,
                lossImages, cache, chunk, quick);
    }

    private static int quickMin(boolean quick, int value, int quickValue) {
        return quick ? Math.min(value, quickValue) : value;
    }
}
