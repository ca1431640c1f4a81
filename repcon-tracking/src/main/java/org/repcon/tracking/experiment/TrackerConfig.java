package org.repcon.tracking.experiment;

import java.util.List;
import java.util.Locale;
import org.repcon.experiment.EpochTrainingSettings;
import org.repcon.experiment.LrScheduleSettings;
import org.repcon.spec.RenamedKeys;
import org.repcon.spec.Spec;
import org.repcon.tracking.constraints.Equivariance;
import org.repcon.tracking.data.TrackImageSpec;
import org.repcon.tracking.model.TrackerModel;

/**
 * The {@code tracker} experiment's config. Every key with its default:
 * <pre>
 * data:
 *   size: 64                  # images size x size (multiple of 2^len(model.channels))
 *   min_tracks: 1
 *   max_tracks: 3
 *   noise: 0.05               # background noise sigma
 *   isolated_grains: 0.002    # isolated grain density per pixel
 *   train_images: 20000       # generated with seed (seed), indices 0..
 *   test_images: 1000         # generated with seed (seed + 1): never seen in training; truth only for evaluation
 *   validation_images: 500    # generated with a seed of their own (TrackSplits): val_* metrics, where choices are made
 * model:
 *   slots: 3                  # K
 *   encoder: proposals        # the only encoder: a line per grid cell; slots = the best-supported, one at a time
 *                             # (sequential and parallel, regression encoders that did not learn, were removed)
 *   erase_width: 2.0          # a chosen line is erased from the residual with this width, px
 *   channels: [16, 32, 32]    # encoder widths (stride-2 convolutions; proposals: grid cells of 2^len px)
 *   decoder: renderer         # renderer (differentiable line renderer) | conv (learned convolutional decoder)
 *   sigma: 1.0                # renderer stripe width, px (final)
 *   sigma_start: 3.0          # renderer stripe width at step 0 (coarse to fine) ...
 *   sigma_anneal: 0.5         # ... shrinking geometrically to sigma over this share of the training steps
 *   presence_warmup: 0.0      # share of the training steps during which every slot is drawn with presence 1
 * loss:                       # the data fit
 *   reconstruction: 1.0       # L2(D(T_tr(E(I))), T_im(I)) inside C
 * conditions:                 # terms added to the loss
 *   attraction: 1.0           # robust line fit of the lit pixels (I > 0.3): proposals fit their cell's neighbourhood
 *   attraction_width: 2.0     # its robust width c, px (final) ...
 *   attraction_width_start: 8.0  # ... starting wider, narrowing like sigma (over model.sigma_anneal of training)
 *   presence_l1: 0.0          # mean presence (discourages spare slots)
 * transformations:            # T_im / T_tr families, drawn per image from (seed, step); all off = plain AE
 *   rotation: true
 *   rotation_degrees: 180     # uniform in [-r, r]
 *   translation: true
 *   translation_px: 4         # each axis uniform in [-t, t]
 *   scale: false
 *   scale_max: 1.1            # log-uniform in [1/s, s]
 *   shear: false
 *   shear_max: 0.1            # uniform in [-k, k]
 *   crop_radius: 26           # C: losses are computed inside the disc of this radius around the centre; default
 *                             # floor(size/2 / (s (1 + k)) - t sqrt 2) with the scale s, shear k and translation t
 *                             # that are on, so that no transformed point leaves the image (26 here, 20 affine)
 *   latent_equivariance: 0.01 # |T_tr(E(I)) - E(T_im(I))|^2, min over slot permutations
 *   decoder_equivariance: 0.0 # L2(D(T_tr(z)), T_im(D(z))) inside C
 * evaluation:
 *   presence_threshold: 0.5
 *   angle_tolerance: 0.05     # a predicted track matches a true one within this angle (rad) ...
 *   offset_tolerance: 2.0     # ... and this offset (px)
 *   refine_iterations: 10     # test-time refinement: iterations of the attraction fit per image (0: raw encoder)
 *   refine_width: 1.5         # its robust width c, px
 *   duplicate_angle: 0.05     # track finding drops a track within this angle (rad) ...
 *   duplicate_offset: 2.0     # ... and this offset (px) of a stronger one (its own keys: not the match tolerances)
 *   extra_noise_levels: [0.1, 0.2]  # more test sets at these noise sigmas: metrics *_noise_<level> only
 *   extra_noise_images: 500   # images per extra level (seed + 2, seed + 3, ...)
 *   batch_size: 250
 *   overlay_images: 16
 * training:                   # dtype, epochs, lr, lr_schedule, log_every, ...: EpochTrainingSettings
 *   batch_size: 64
 *   lr_schedule: {type: cosine, min_lr: 1.0e-5}   # as in any stage (constant / exponential / step / cosine)
 * </pre>
 * Keys of older specs ({@code transforms:}, {@code loss.attraction}, ...) are rejected with their new place
 * ({@link RenamedKeys}).
 */
public record TrackerConfig(Data data, Model model, Loss loss, Conditions conditions, Transformations transformations,
        Evaluation evaluation, EpochTrainingSettings training) {

    public record Data(int size, int minTracks, int maxTracks, double noise, double isolatedGrains, int trainImages,
            int testImages, int validationImages) {
        public TrackImageSpec imageSpec() {
            return TrackImageSpec.defaults().withSize(size, size).withTracks(minTracks, maxTracks)
                    .withBackground(noise, isolatedGrains);
        }
    }

    public record Model(int slots, double eraseWidth, List<Integer> channels,
            TrackerModel.DecoderKind decoder, double sigma, double sigmaStart, double sigmaAnneal, double presenceWarmup) {
        /** The renderer's stripe width at {@code step} of {@code total}. */
        public double sigmaAt(long step, long total) {
            return anneal(sigmaStart, sigma, sigmaAnneal, step, total);
        }

        public int[] channelArray() {
            return channels.stream().mapToInt(Integer::intValue).toArray();
        }
    }

    /** {@code loss:}, the data fit. */
    public record Loss(double reconstruction) {}

    /** {@code conditions:}, the terms added to the loss. */
    public record Conditions(double attraction, double attractionWidth, double attractionWidthStart, double presenceL1) {}

    /** {@code transformations:}, the families xi is drawn from, the crop C and the equivariance terms' weights. */
    public record Transformations(Equivariance.Families families, double cropRadius, double latentEquivariance,
            double decoderEquivariance) {
        /** The equivariance these ask for, xi drawn from {@code seed}. */
        public Equivariance equivariance(long seed) {
            return new Equivariance(families, latentEquivariance, decoderEquivariance, seed);
        }
    }

    public record Evaluation(double presenceThreshold, double angleTolerance, double offsetTolerance, int refineIterations,
            double refineWidth, List<Double> extraNoiseLevels, int extraNoiseImages, int batchSize, int overlayImages,
            double duplicateAngle, double duplicateOffset) {}

    /**
     * A width annealed geometrically from {@code start} at step 0 to {@code end} at {@code share} of {@code total}
     * steps, then constant (coarse to fine); {@code end} throughout when start <= end or share = 0.
     */
    public static double anneal(double start, double end, double share, long step, long total) {
        double last = share * total;
        if (start <= end || last <= 0 || step >= last) {
            return end;
        }
        return start * Math.pow(end / start, step / last);
    }

    /** The attraction's robust width at {@code step} of {@code total} (annealed over model.sigma_anneal). */
    public double attractionWidthAt(long step, long total) {
        return anneal(conditions.attractionWidthStart(), conditions.attractionWidth(), model.sigmaAnneal(), step, total);
    }

    private static List<Double> extraNoise(Spec e) {
        List<Double> levels = e.getDoubleList("extra_noise_levels", List.of(0.1, 0.2));
        for (double level : levels) {
            if (!(level >= 0 && level <= 1)) {
                throw e.error("extra_noise_levels", "noise levels must be in [0, 1], got " + level);
            }
        }
        return List.copyOf(levels);
    }

    /** model.encoder's choices: only the line proposals ({@link TrackerModel}). */
    public enum Encoder { PROPOSALS }

    /**
     * model.encoder, read like any fixed set of names (recorded in the resolved spec). The regression encoders
     * {@code sequential} and {@code parallel} were removed; a spec naming them gets an error that says so and why.
     */
    private static void encoder(Spec m) {
        String name = m.rawTree().get("encoder") instanceof String s ? s.trim().toLowerCase(Locale.ROOT) : "";
        if (name.equals("sequential") || name.equals("parallel")) {
            throw m.error("encoder", "the '" + name + "' encoder was removed: regressing the K slots from the "
                    + "whole image (in one pass, or one slot at a time from the residual) did not learn to pick "
                    + "tracks (README, \"Tracker protocol\"); use 'proposals'");
        }
        m.getEnum("encoder", Encoder.class, Encoder.PROPOSALS);
    }

    public static TrackerConfig read(Spec spec) {
        RenamedKeys.reject(spec, "tracker");
        Spec d = spec.getChildOrEmpty("data");
        int size = d.getInt("size", 64, 8, 1024);
        int minTracks = d.getInt("min_tracks", 1, 0, 20);
        int maxTracks = d.getInt("max_tracks", 3, minTracks, 20);
        Data data = new Data(size, minTracks, maxTracks, d.getDouble("noise", 0.05, 0, 1),
                d.getDouble("isolated_grains", 0.002, 0, 1), d.getInt("train_images", 20_000, 1, 10_000_000),
                d.getInt("test_images", 1000, 1, 1_000_000), d.getInt("validation_images", 500, 1, 1_000_000));
        try {
            data.imageSpec();
        } catch (IllegalArgumentException e) {
            throw d.error("max_tracks", e.getMessage());
        }

        Spec m = spec.getChildOrEmpty("model");
        int slots = m.getInt("slots", 3, 1, 6);
        if (slots < maxTracks) {
            throw m.error("slots", "need at least data.max_tracks = " + maxTracks + " slots, got " + slots);
        }
        List<Integer> channels = m.getIntList("channels", List.of(16, 32, 32));
        if (channels.isEmpty() || channels.stream().anyMatch(c -> c <= 0)) {
            throw m.error("channels", "expected positive convolution widths, e.g. [16, 32, 32]");
        }
        if (size % (1 << channels.size()) != 0) {
            throw m.error("channels", "data.size " + size + " must be divisible by 2^" + channels.size());
        }
        TrackerModel.DecoderKind kind = m.getEnum("decoder", TrackerModel.DecoderKind.class, TrackerModel.DecoderKind.RENDERER);
        encoder(m);
        double sigma = m.getDouble("sigma", 1.0, 0.1, 10);
        Model model = new Model(slots, m.getDouble("erase_width", 2.0, 0.1, 20), List.copyOf(channels), kind,
                sigma, m.getDouble("sigma_start", 3.0, 0.1, 20), m.getDouble("sigma_anneal", 0.5, 0, 1),
                m.getDouble("presence_warmup", 0.0, 0, 1));

        Spec t = spec.getChildOrEmpty("transformations");
        boolean translation = t.getBoolean("translation", true);
        double translationPx = t.getDouble("translation_px", 4, 0, size / 4.0);
        boolean scale = t.getBoolean("scale", false);
        double scaleMax = t.getDouble("scale_max", 1.1, 1, 2);
        boolean shear = t.getBoolean("shear", false);
        double shearMax = t.getDouble("shear_max", 0.1, 0, 1);
        // the largest radius whose every transformed point stays inside the image: |M^-1| <= s (1 + k), |t| <= t sqrt 2
        double safe = Math.floor((size / 2.0) / ((scale ? scaleMax : 1) * (1 + (shear ? shearMax : 0)))
                - (translation ? translationPx * Math.sqrt(2) : 0));
        Equivariance.Families families = new Equivariance.Families(t.getBoolean("rotation", true),
                t.getDouble("rotation_degrees", 180, 0, 180), translation, translationPx, scale, scaleMax, shear, shearMax);
        double cropRadius = t.getDouble("crop_radius", Math.max(1, safe), 1, size / 2.0);

        Spec l = spec.getChildOrEmpty("loss");
        Loss loss = new Loss(l.getDouble("reconstruction", 1.0, 0, 1e6));
        Spec c = spec.getChildOrEmpty("conditions");
        Conditions conditions = new Conditions(c.getDouble("attraction", 1.0, 0, 1e6),
                c.getDouble("attraction_width", 2.0, 0.1, 100), c.getDouble("attraction_width_start", 8.0, 0.1, 100),
                c.getDouble("presence_l1", 0.0, 0, 1e6));
        Transformations transformations = new Transformations(families, cropRadius,
                t.getDouble("latent_equivariance", 0.01, 0, 1e6), t.getDouble("decoder_equivariance", 0.0, 0, 1e6));
        if (loss.reconstruction() == 0 && transformations.latentEquivariance() == 0 && transformations.decoderEquivariance() == 0) {
            throw l.error("reconstruction", "at least one of loss.reconstruction, transformations.latent_equivariance and "
                    + "transformations.decoder_equivariance needs a weight > 0");
        }

        Spec e = spec.getChildOrEmpty("evaluation");
        Evaluation evaluation = new Evaluation(e.getDouble("presence_threshold", 0.5, 0, 1),
                e.getDouble("angle_tolerance", 0.05, 1e-6, Math.PI / 2), e.getDouble("offset_tolerance", 2.0, 1e-6, 1e6),
                e.getInt("refine_iterations", 10, 0, 1000), e.getDouble("refine_width", 1.5, 0.1, 100),
                extraNoise(e), e.getInt("extra_noise_images", 500, 1, 1_000_000),
                e.getInt("batch_size", 250, 1, 100_000),
                e.getInt("overlay_images", 16, 0, 256), e.getDouble("duplicate_angle", 0.05, 1e-6, Math.PI / 2),
                e.getDouble("duplicate_offset", 2.0, 1e-6, 1e6));

        EpochTrainingSettings training = EpochTrainingSettings.read(spec.getChildOrEmpty("training"), 64,
                new LrScheduleSettings.Cosine(1e-5));
        return new TrackerConfig(data, model, loss, conditions, transformations, evaluation, training);
    }
}
