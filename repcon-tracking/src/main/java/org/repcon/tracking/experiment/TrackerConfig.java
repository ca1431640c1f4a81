package org.repcon.tracking.experiment;

import ai.djl.ndarray.types.DataType;
import java.util.List;
import java.util.Locale;
import org.repcon.experiment.StageSettings;
import org.repcon.experiment.TrainingSettings;
import org.repcon.spec.RenamedKeys;
import org.repcon.spec.Spec;
import org.repcon.spec.SpecException;
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
 * training:
 *   dtype: float32
 *   batch_size: 64
 *   epochs: 3
 *   lr: 1.0e-3
 *   lr_schedule: {type: cosine, min_lr: 1.0e-5}   # as in any stage (constant / exponential / step / cosine)
 *   log_every: 50
 *   checkpoint_every: 1000
 *   keep_checkpoints: 2
 * </pre>
 * Keys of older specs ({@code transforms:}, {@code loss.attraction}, ...) are rejected with their new place
 * ({@link RenamedKeys}).
 */
public record TrackerConfig(Data data, Model model, Transforms transforms, Loss loss, Evaluation evaluation,
        Training training) {

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

    public record Transforms(boolean rotation, double rotationDegrees, boolean translation, double translationPx,
            boolean scale, double scaleMax, boolean shear, double shearMax, double cropRadius) {
        public boolean any() {
            return rotation || translation || scale || shear;
        }
    }

    public record Loss(double reconstruction, double latentEquivariance, double decoderEquivariance, double attraction,
            double attractionWidth, double attractionWidthStart, double presenceL1) {}

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
        return anneal(loss.attractionWidthStart(), loss.attractionWidth(), model.sigmaAnneal(), step, total);
    }

    public record Training(DataType dtype, int batchSize, int epochs, double lr, Spec lrSchedule, long logEvery,
            long checkpointEvery, int keepCheckpoints) {
        public TrainingSettings settings(int batchesPerEpoch) {
            long steps = (long) epochs * batchesPerEpoch;
            StageSettings adam = new StageSettings(StageSettings.Kind.ADAM, steps, lr, lrSchedule, 0, 0, 0, 0, 0, 0);
            return new TrainingSettings(dtype, logEvery, checkpointEvery, keepCheckpoints, List.of(adam));
        }
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

    /** training.lr_schedule with its defaults recorded (cosine to 1e-5), so that the resolved spec shows them. */
    private static Spec lrSchedule(Spec training) {
        Spec schedule = training.getChildOrEmpty("lr_schedule");
        if (schedule.getEnum("type", StageSettings.ScheduleType.class, StageSettings.ScheduleType.COSINE)
                == StageSettings.ScheduleType.COSINE) {
            schedule.getDouble("min_lr", 1e-5, 0, 1);
        }
        return schedule;
    }

    /** model.encoder's choices: only the line proposals ({@link TrackerModel}). */
    public enum Encoder { PROPOSALS }

    /**
     * model.encoder, read like any fixed set of names (recorded in the resolved spec). The regression encoders
     * {@code sequential} and {@code parallel} were removed; a spec naming them gets an error that says so and why.
     */
    private static void encoder(Spec m) {
        try {
            m.getEnum("encoder", Encoder.class, Encoder.PROPOSALS);
        } catch (SpecException e) {
            String name;
            try {
                name = m.getString("encoder").trim().toLowerCase(Locale.ROOT);
            } catch (SpecException notAString) {
                throw e;
            }
            if (name.equals("sequential") || name.equals("parallel")) {
                throw m.error("encoder", "the '" + name + "' encoder was removed: regressing the K slots from the "
                        + "whole image (in one pass, or one slot at a time from the residual) did not learn to pick "
                        + "tracks (README, \"Tracker protocol\"); use 'proposals'");
            }
            throw e;
        }
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
        Transforms transforms = new Transforms(t.getBoolean("rotation", true), t.getDouble("rotation_degrees", 180, 0, 180),
                translation, translationPx, scale, scaleMax, shear, shearMax,
                t.getDouble("crop_radius", Math.max(1, safe), 1, size / 2.0));

        Spec l = spec.getChildOrEmpty("loss");
        double reconstruction = l.getDouble("reconstruction", 1.0, 0, 1e6);
        Spec c = spec.getChildOrEmpty("conditions");
        double attraction = c.getDouble("attraction", 1.0, 0, 1e6);
        double attractionWidth = c.getDouble("attraction_width", 2.0, 0.1, 100);
        double attractionWidthStart = c.getDouble("attraction_width_start", 8.0, 0.1, 100);
        double presenceL1 = c.getDouble("presence_l1", 0.0, 0, 1e6);
        double latentEquivariance = t.getDouble("latent_equivariance", 0.01, 0, 1e6);
        double decoderEquivariance = t.getDouble("decoder_equivariance", 0.0, 0, 1e6);
        Loss loss = new Loss(reconstruction, latentEquivariance, decoderEquivariance, attraction, attractionWidth,
                attractionWidthStart, presenceL1);
        if (loss.reconstruction() == 0 && loss.latentEquivariance() == 0 && loss.decoderEquivariance() == 0) {
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

        Spec r = spec.getChildOrEmpty("training");
        TrainingSettings.Precision precision = r.getEnum("dtype", TrainingSettings.Precision.class, TrainingSettings.Precision.FLOAT32);
        Training training = new Training(precision == TrainingSettings.Precision.FLOAT64 ? DataType.FLOAT64 : DataType.FLOAT32,
                r.getInt("batch_size", 64, 1, 1 << 20), r.getInt("epochs", 3, 1, 100_000), r.getPositiveDouble("lr", 1e-3),
                lrSchedule(r),
                r.getLong("log_every", 50, 1, Long.MAX_VALUE), r.getLong("checkpoint_every", 1000, 0, Long.MAX_VALUE),
                r.getInt("keep_checkpoints", 2, 1, 1000));
        return new TrackerConfig(data, model, transforms, loss, evaluation, training);
    }
}
