package org.repcon.autoencoders.experiment;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.repcon.experiment.EpochTrainingSettings;
import org.repcon.experiment.LrScheduleSettings;
import org.repcon.nn.conv.LatentSpace;
import org.repcon.nn.conv.Normalization;
import org.repcon.spec.Spec;

/**
 * The {@code autoencoder} experiment's config: one model of the family (AE, VAE, VQ-VAE), its reconstruction
 * losses, latent constraints, conditions and transformations, and how it is trained and evaluated. Every key
 * with its default:
 * <pre>
 * data:
 *   source: fashion-mnist       # or images (a folder of PNG/JPEG files)
 *   dir: /usr/share/datasets/fashion-mnist
 *   train_limit: 0              # 0 = all
 *   test_limit: 0
 *   channels: 1                 # images only: 1 (grayscale) or 3 (RGB)
 *   height: 28                  # images only: resized to height x width (multiples of 4)
 *   width: 28
 *   test_fraction: 0.2          # images only: the last share of the sorted files is the test set (at least one image)
 *   validation_fraction: 0.1    # share of the training images (after train_limit) held out for validation, drawn
 *                               # with the seed (at least one image): val_* metrics and choices; never trained on
 * model:
 *   type: ae                    # ae | vae | vqvae
 *   latent_space: vector        # vector [B, D] | matrix [B, D, H/4, W/4]
 *   latent_size: 32             # D
 *   channels: [32, 64]          # the two convolution widths
 *   normalization: none         # none | batch | layer
 *   projection: none            # none | unit_sphere | simplex_softmax | simplex_euclidean (hard constraints; ae only)
 *   codebook_size: 256          # vqvae: K codes of size D
 * loss:                         # reconstruction terms and weights; at least one > 0
 *   l2: 1.0
 *   l1: 0.0
 *   bce: 0.0
 *   perceptual: 0.0
 *   perceptual_features: gabor  # gabor | checkpoint:RUN_DIR | torchscript:FILE.pt
 * conditions:                   # weights; 0 = off (the registered ones: ConditionRegistry)
 *   kl: 0.001                   # vae only (0 elsewhere): weight of the KL to N(0, I); the reconstruction terms are
 *                               # means over pixels, so 1/784 ~ 0.0013 is the classic beta = 1 of a 28x28 image
 *   kl_warmup_steps: 0          # vae only: linear warm-up of the KL weight
 *   commitment: 0.25            # vqvae only (default 0.25 there): beta of the commitment loss (the codebook loss has weight 1)
 *   sparsity: 0.0               # lambda * sum |z_i|
 *   unit_sphere: 0.0            # (|z| - 1)^2
 *   integrity: 0.0              # (sum z - 1)^2
 *   algebraic: 0.0              # f(z)^2 for the built-in f below
 *   algebraic_f: conserved_norm # conserved_norm (|z|^2 - c) | linear (a.z - b with a = ones)
 *   algebraic_c: 1.0
 * transformations:
 *   augment: false              # plain augmentation: the encoder sees T(x), the target stays x
 *   invariance: 0.0             # weight of |z(T x) - z(x)|^2
 *   translation: 2.0            # max pixels of T
 *   rotation_degrees: 10.0      # max degrees of T
 *   noise: 0.0                  # Gaussian noise std of T
 * evaluation:
 *   probe: true                 # linear probe on frozen latents (labels for evaluation only)
 *   knn_k: 5                    # the k of knn_accuracy, unless ...
 *   knn_k_candidates: []        # ... candidates are given: then k is the one with the best validation accuracy
 *   knn_train_subsample: 10000
 *   embedding: tsne             # tsne | pca (2-D map of test latents)
 *   embedding_points: 1500
 *   batch_size: 500
 * training:                     # dtype, epochs, lr, lr_schedule, log_every, ...: EpochTrainingSettings
 *   batch_size: 128
 *   lr_schedule: {type: constant}
 * </pre>
 */
public record AutoencoderConfig(DataSettings data, ModelSettings model, Map<String, Double> loss, String perceptualFeatures,
        Conditions conditions, Transformations transformations, Evaluation evaluation, EpochTrainingSettings training) {

    /** Where the images come from. */
    public record DataSettings(String source, Path dir, int trainLimit, int testLimit, int channels, int height, int width,
            double testFraction, double validationFraction) {}

    /** The model of the family and the space its representation lives in. */
    public record ModelSettings(ModelType type, LatentSpace latentSpace, int latentSize, List<Integer> channels,
            Normalization normalization, Projection projection, int codebookSize) {}

    /** The model of the family ({@code model.type}). */
    public enum ModelType { AE, VAE, VQVAE }

    /** The hard constraint on z ({@code model.projection}; plain AE only). */
    public enum Projection { NONE, UNIT_SPHERE, SIMPLEX_SOFTMAX, SIMPLEX_EUCLIDEAN }

    /** The built-in f of the algebraic condition f(z) = 0 ({@code conditions.algebraic_f}). */
    public enum AlgebraicF { CONSERVED_NORM, LINEAR }

    /** The 2-D map of the test latents ({@code evaluation.embedding}). */
    public enum Embedding { TSNE, PCA }

    /**
     * Weights of the conditions added to the loss: the model's own ({@code kl} and its warm-up for the VAE,
     * {@code commitment} for the VQ-VAE), one per {@link ConditionRegistry} row ({@code weights}, by name, in the
     * registry's order) and the options of the algebraic condition.
     */
    public record Conditions(double kl, long klWarmupSteps, double commitment, Map<String, Double> weights,
            AlgebraicF algebraicF, double algebraicC) {
        public Conditions {
            weights = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(weights));
        }

        /** The weight of the registered condition {@code name} (0 = off). */
        public double weight(String name) {
            Double w = weights.get(name);
            if (w == null) {
                throw new IllegalArgumentException("no condition " + name + " in ConditionRegistry; known: " + weights.keySet());
            }
            return w;
        }
    }

    /** Input transformations: plain augmentation and/or an invariance term. */
    public record Transformations(boolean augment, double invariance, double translation, double rotationDegrees,
            double noise) {}

    /** What is measured after training. */
    public record Evaluation(boolean probe, int knnK, int knnTrainSubsample, Embedding embedding, int embeddingPoints,
            int batchSize, List<Integer> knnKCandidates) {}

    /** evaluation.knn_k_candidates: distinct k >= 1 (empty: knn_k is used as it is). */
    private static List<Integer> knnCandidates(Spec e) {
        List<Integer> ks = e.getIntList("knn_k_candidates", List.of());
        if (ks.stream().anyMatch(k -> k < 1 || k > 1000) || ks.stream().distinct().count() != ks.size()) {
            throw e.error("knn_k_candidates", "expected distinct neighbour counts in [1, 1000], e.g. [1, 5, 15], got " + ks);
        }
        return List.copyOf(ks);
    }

    /** Reads and validates the spec (errors name the key path and what was expected). */
    public static AutoencoderConfig read(Spec spec) {
        Spec d = spec.getChildOrEmpty("data");
        String source = oneOf(d, "source", "fashion-mnist", List.of("fashion-mnist", "images"));
        boolean images = source.equals("images");
        String dir = images ? d.getString("dir") : d.getString("dir", "/usr/share/datasets/fashion-mnist");
        if (!java.nio.file.Files.exists(Path.of(dir))) {
            throw d.error("dir", dir + " does not exist" + (images ? "; give a folder of PNG/JPEG images"
                    : "; install Fashion-MNIST with `sudo apt-get install dataset-fashion-mnist` (Debian/Ubuntu) or set data.dir to a "
                    + "folder holding train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz"));
        }
        int trainLimit = d.getInt("train_limit", 0, 0, Integer.MAX_VALUE);
        int testLimit = d.getInt("test_limit", 0, 0, Integer.MAX_VALUE);
        int channels = 1;
        int height = 28;
        int width = 28;
        double testFraction = 0;
        if (images) {
            channels = d.getInt("channels", 1, 1, 3);
            if (channels == 2) {
                throw d.error("channels", "expected 1 (grayscale) or 3 (RGB), got 2");
            }
            height = d.getInt("height", 28, 4, 4096);
            width = d.getInt("width", 28, 4, 4096);
            if (height % 4 != 0 || width % 4 != 0) {
                throw d.error(height % 4 != 0 ? "height" : "width", "expected a multiple of 4 (the encoder halves the size twice)");
            }
            testFraction = d.getDouble("test_fraction", 0.2, 0.0, 0.9);
        }
        double validationFraction = d.getDouble("validation_fraction", 0.1, 0.0, 0.9);
        if (validationFraction == 0) {
            throw d.error("validation_fraction", "must be > 0: choices are made on validation images held out of training");
        }
        DataSettings data = new DataSettings(source, Path.of(dir), trainLimit, testLimit, channels, height, width, testFraction,
                validationFraction);

        Spec m = spec.getChildOrEmpty("model");
        ModelType type = m.getEnum("type", ModelType.class, ModelType.AE);
        LatentSpace space = m.getEnum("latent_space", LatentSpace.class, LatentSpace.VECTOR);
        int latent = m.getInt("latent_size", 32, 1, 65536);
        List<Integer> widths = m.getIntList("channels", List.of(32, 64));
        if (widths.size() != 2 || widths.stream().anyMatch(w -> w <= 0)) {
            throw m.error("channels", "expected two positive convolution widths, e.g. [32, 64]");
        }
        Normalization norm = m.getEnum("normalization", Normalization.class, Normalization.NONE);
        Projection projection = m.getEnum("projection", Projection.class, Projection.NONE);
        int codebook = m.getInt("codebook_size", 256, 2, 1 << 20);
        if (type != ModelType.VQVAE) {
            m.ignore("codebook_size");
        }
        if (type != ModelType.AE && projection != Projection.NONE) {
            throw m.error("projection", projectionConflict(type, projection));
        }
        ModelSettings model = new ModelSettings(type, space, latent, List.copyOf(widths), norm, projection, codebook);

        Spec l = spec.getChildOrEmpty("loss");
        Map<String, Double> loss = new java.util.LinkedHashMap<>();
        for (String k : List.of("l2", "l1", "bce", "perceptual")) {
            loss.put(k, l.getDouble(k, k.equals("l2") ? 1.0 : 0.0, 0, 1e6));
        }
        if (loss.values().stream().allMatch(w -> w == 0)) {
            throw l.error("l2", "at least one reconstruction loss (l2, l1, bce, perceptual) needs a weight > 0");
        }
        String features = l.getString("perceptual_features", "gabor");
        if (!features.equals("gabor") && !features.startsWith("checkpoint:") && !features.startsWith("torchscript:")) {
            throw l.error("perceptual_features", "expected gabor, checkpoint:RUN_DIR or torchscript:FILE.pt, got \"" + features + "\"");
        }

        Spec c = spec.getChildOrEmpty("conditions");
        boolean vae = type == ModelType.VAE;
        boolean vq = type == ModelType.VQVAE;
        double kl = c.getDouble("kl", vae ? 0.001 : 0.0, 0, 1e6);
        if (!vae && kl > 0) {
            throw c.error("kl", "the KL condition needs a VAE (model.type: vae); this model is model.type: " + name(type));
        }
        long warmup = c.getLong("kl_warmup_steps", 0, 0, Long.MAX_VALUE);
        double commitment = c.getDouble("commitment", vq ? 0.25 : 0.0, 0, 1e6);
        if (!vq && commitment > 0) {
            throw c.error("commitment", "the commitment loss needs a VQ-VAE (model.type: vqvae); this model is model.type: " + name(type));
        }
        if (!vae && warmup > 0) {
            throw c.error("kl_warmup_steps", "warms up the KL of a VAE (model.type: vae); this model is model.type: " + name(type));
        }
        Map<String, Double> weights = new java.util.LinkedHashMap<>();
        for (String name : ConditionRegistry.names()) {
            weights.put(name, c.getDouble(name, 0, 0, 1e6));
        }
        Conditions conditions = new Conditions(kl, warmup, commitment, weights,
                c.getEnum("algebraic_f", AlgebraicF.class, AlgebraicF.CONSERVED_NORM), c.getDouble("algebraic_c", 1.0));

        Spec t = spec.getChildOrEmpty("transformations");
        Transformations transformations = new Transformations(t.getBoolean("augment", false), t.getDouble("invariance", 0, 0, 1e6),
                t.getDouble("translation", 2.0, 0, 1000), t.getDouble("rotation_degrees", 10.0, 0, 180), t.getDouble("noise", 0, 0, 10));

        Spec e = spec.getChildOrEmpty("evaluation");
        Evaluation evaluation = new Evaluation(e.getBoolean("probe", true), e.getInt("knn_k", 5, 1, 1000),
                e.getInt("knn_train_subsample", 10_000, 0, Integer.MAX_VALUE), e.getEnum("embedding", Embedding.class, Embedding.TSNE),
                e.getInt("embedding_points", 1500, 10, 20_000), e.getInt("batch_size", 500, 1, 100_000), knnCandidates(e));

        EpochTrainingSettings training = EpochTrainingSettings.read(spec.getChildOrEmpty("training"), 128, new LrScheduleSettings.Constant());
        return new AutoencoderConfig(data, model, java.util.Collections.unmodifiableMap(loss), features, conditions, transformations, evaluation, training);
    }

    /** Why {@code model.projection} cannot go with a VAE or VQ-VAE (the error names both keys). */
    static String projectionConflict(ModelType type, Projection projection) {
        String why = type == ModelType.VAE
                ? "a VAE samples z = mu + sigma eps from its posterior and pulls that posterior to N(0, I) by the KL; a hard "
                        + "projection of z would break the reparameterised posterior (and the KL would no longer describe the z the decoder sees)"
                : "a VQ-VAE's z is a codebook vector; projecting it would move it off the codebook the codebook and commitment terms train";
        return "model.projection: " + name(projection) + " cannot be used with model.type: " + name(type) + ": " + why
                + ". Projections are offered for the plain AE (model.type: ae); use model.projection: none here, or a soft "
                + "condition (conditions.unit_sphere, conditions.integrity) instead";
    }

    private static String name(Enum<?> e) {
        return e.name().toLowerCase(java.util.Locale.ROOT);
    }

    private static String oneOf(Spec s, String key, String def, List<String> allowed) {
        String v = s.getString(key, def);
        if (!allowed.contains(v)) {
            throw s.error(key, "expected one of " + String.join(", ", allowed) + ", got \"" + v + "\"");
        }
        return v;
    }
}
