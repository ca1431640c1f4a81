package org.repcon.anomaly.experiment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.repcon.anomaly.transform.TransformClassifier;
import org.repcon.data.FashionMnist;
import org.repcon.experiment.Comparison;
import org.repcon.spec.Spec;
import org.repcon.spec.SpecException;

/**
 * The {@code anomaly-one-class} experiment's config. Keys and defaults:
 * <pre>
 * data:
 *   dir: /usr/share/datasets/fashion-mnist
 *   classes: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]   # the normal class of each one-class problem
 *   train_limit: 0              # the first N training images of the class (0: all, 6,000), before the validation split
 *   validation_fraction: 0.05   # of those, held out by a seeded shuffle: every choice and fit is made on them
 *   validation_outliers: 100    # training images of each other class, the validation split's anomalies: the score (or
 *                               # combination, {@link ScoreChoice}) is chosen on them (0: none, no choice, no combination)
 *   test_limit: 0               # the first N test images scored (0: all 10,000; about N / 10 of each class)
 * ae: {...}                     # keys of an autoencoder spec merged over {@link ModelSpecs#ae} (not data, seed, experiment)
 * vae: {...}                    # the same for the VAE ({@link ModelSpecs#vae})
 * diffusion: {...}              # keys of a diffusion spec merged over {@link ModelSpecs#diffusion}
 * scores:
 *   denoise_sigmas: [0.1, 0.2, 0.4, 0.8]     # diff_denoise_mse: noise levels, [-1, 1] units
 *   msma_sigmas: [0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5]   # msma: noise-to-signal levels of the score norms (at T = 200:
 *                               # t = 0, 2, 5, 11, 28, 51, 78, 112; levels that map to one t give one feature twice)
 *   msma_shrinkage: 0.05        # lambda of the MSMA Gaussian's covariance
 *   bits_per_dim: true          # diff_bits_per_dim and diff_complexity_corrected (T model evaluations per image) ...
 *   bits_per_dim_images: 300    # ... on the first N of the scored test images only (0: all); not on validation images
 *   chunk: 250                  # images per progress line
 * transform:                    # transform_nll, transform_dirichlet: GEOM's transformation classifier, trained per class
 *   count: 8                    # transforms K: 8 (flip x 4 rotations) or 72 (GEOM's: also translations by 0, +-8 px in x and y)
 *   epochs: 6                   # passes over all (image, transform) pairs: 1 = 5,700 x K pairs (may be fractional)
 *   batch_size: 128             # pairs per step
 *   lr: 0.001                   # Adam, constant
 *   width: 16                   # channels of the first conv (then 2x, 4x): see TransformClassifier
 *   checkpoints: [0.125, 0.25, 0.5, 1, 1.5, 2, 3, 4, 5, 6]   # epochs after which the validation AUROC of transform_dirichlet
 *                               # (validation images vs validation outliers) is computed; the best state is kept
 * evaluation:
 *   bootstrap: 1000             # B of the AUROC intervals (stratified percentile bootstrap)
 *   level: 0.95
 *   extremes: 8                 # most and least anomalous test images shown per class
 *   false_alarm_rate: 0.05      # alarm thresholds: this quantile of the validation scores; test rates reported
 * quick: false                  # a few-minute smoke test: see {@link #read}
 * </pre>
 *
 * @param models the nested runs' spec trees (ae, vae, diffusion) with data.dir still to be set per class
 * @param transforms the transform set's size K of {@code transform_nll} and {@code transform_dirichlet} (72 or 8)
 * @param transform the transformation classifier's training settings
 * @param transformCheckpoints the epochs among which the classifier's state is chosen (with validation outliers)
 */
public record AnomalyOneClassConfig(Path dir, List<Integer> classes, int trainLimit, double validationFraction, int outliersPerClass, int testLimit,
        Map<String, Map<String, Object>> models, List<Double> denoiseSigmas, List<Double> msmaSigmas, double msmaShrinkage,
        boolean bitsPerDim, int bitsPerDimImages, int chunk, int transforms, TransformClassifier.Settings transform,
        List<Double> transformCheckpoints, int bootstrap,
        double level, int extremes, double falseAlarmRate, boolean quick) {

    /** The nested models, in the order they are trained. */
    public static final List<String> MODELS = List.of("ae", "vae", "diffusion");

    private static final int QUICK_TRAIN = 300;
    private static final int QUICK_TEST = 300;
    private static final int QUICK_CLASSES = 2;
    private static final int QUICK_BPD = 100;
    private static final int QUICK_OUTLIERS = 10;
    /**
     * The default transform set and epochs. K = 8 because the full protocol's 2-hour budget has no room for 72 (measured
     * at threads 1 under load: 72 transforms, 2 epochs took 390-400 s of training and 43 s per 2,000 test images per
     * class; 8 transforms, 6 epochs 120-130 s and 2.4 s); 6 epochs because the validation cross-entropy of classes 0 and
     * 6 was lowest after epoch 6 of 12 (0.380, 0.470) and rose afterwards (0.504, 0.629 after 12).
     */
    private static final int DEFAULT_TRANSFORMS = 8;
    private static final double DEFAULT_TRANSFORM_EPOCHS = 6;
    private static final double QUICK_TRANSFORM_EPOCHS = 3;

    /**
     * Reads the spec. With {@code quick: true}: at most 300 training images per class, the first 300 test images (bits/dim
     * on the first 100), 10 validation outliers per other class (not 100), the first 2 of data.classes, 200 bootstrap replicates, small nested
     * models ({@link ModelSpecs#QUICK}), and 3 epochs (not 6) of the transformation classifier by default.
     */
    public static AnomalyOneClassConfig read(Spec spec, long seed, int threads) {
        boolean quick = spec.getBoolean("quick", false);
        Spec d = spec.getChildOrEmpty("data");
        Path dir = Path.of(d.getString("dir", FashionMnist.DEFAULT_DIR.toString()));
        List<Integer> classes = d.getIntList("classes", List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9));
        if (classes.isEmpty() || classes.stream().anyMatch(c -> c < 0 || c > 9) || classes.stream().distinct().count() != classes.size()) {
            throw d.error("classes", "expected distinct Fashion-MNIST classes 0-9, e.g. [0, 1, 2], got " + classes);
        }
        if (quick) {
            classes = classes.subList(0, Math.min(QUICK_CLASSES, classes.size()));
        }
        int trainLimit = d.getInt("train_limit", 0, 0, 1_000_000);
        if (quick) {
            trainLimit = trainLimit == 0 ? QUICK_TRAIN : Math.min(trainLimit, QUICK_TRAIN);
        }
        double validationFraction = d.getDouble("validation_fraction", 0.05, 0.001, 0.5);
        int outliers = d.getInt("validation_outliers", quick ? QUICK_OUTLIERS : 100, 0, 1_000_000);
        int testLimit = d.getInt("test_limit", 0, 0, 1_000_000);
        if (quick) {
            testLimit = testLimit == 0 ? QUICK_TEST : Math.min(testLimit, QUICK_TEST);
        }

        Map<String, Map<String, Object>> models = new LinkedHashMap<>();
        for (String model : MODELS) {
            Spec given = spec.getChildOrEmpty(model);
            for (String forbidden : List.of("data", "seed", "experiment", "threads")) {
                if (given.has(forbidden)) {
                    throw given.error(forbidden, "is set by anomaly-one-class for every class (data." + forbidden.replace("data", "dir")
                            + " per class, the run's seed and threads); leave it out");
                }
            }
            Map<String, Object> tree = ModelSpecs.tree(model, seed, threads, quick);
            ModelSpecs.deepMerge(tree, given.copyTree());
            given.ignore(given.keys().toArray(String[]::new)); // validated as a whole below
            Map<String, Object> check = ModelSpecs.withData(tree, dir, 0.05, null);
            try {
                Comparison.variant(check, List.of());
            } catch (SpecException e) {
                throw spec.error(model, e.getMessage());
            }
            models.put(model, tree);
        }

        Spec s = spec.getChildOrEmpty("scores");
        List<Double> denoise = positive(s, "denoise_sigmas", List.of(0.1, 0.2, 0.4, 0.8));
        List<Double> msma = positive(s, "msma_sigmas", List.of(0.02, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0));
        double shrinkage = s.getDouble("msma_shrinkage", 0.05, 0, 1);
        boolean bpd = s.getBoolean("bits_per_dim", true);
        int bpdImages = s.getInt("bits_per_dim_images", 300, 0, 1_000_000);
        if (quick) {
            bpdImages = bpdImages == 0 ? QUICK_BPD : Math.min(bpdImages, QUICK_BPD);
        }
        int chunk = s.getInt("chunk", 250, 1, 100_000);

        Spec tr = spec.getChildOrEmpty("transform");
        int transforms = tr.getInt("count", DEFAULT_TRANSFORMS, 8, 72);
        if (transforms != 8 && transforms != 72) {
            throw tr.error("count", "expected 72 (GEOM: flip x translations x rotations) or 8 (flip x rotations), got " + transforms);
        }
        TransformClassifier.Settings transform = new TransformClassifier.Settings(
                tr.getDouble("epochs", quick ? QUICK_TRANSFORM_EPOCHS : DEFAULT_TRANSFORM_EPOCHS, 1e-6, 1000), tr.getInt("batch_size", 128, 1, 100_000),
                tr.getDouble("lr", 1e-3, 1e-8, 1), tr.getInt("width", 16, 1, 1024));
        List<Double> checkpoints = tr.getDoubleList("checkpoints", List.of(0.125, 0.25, 0.5, 1.0, 1.5, 2.0, 3.0, 4.0, 5.0, 6.0));
        if (checkpoints.isEmpty() || checkpoints.stream().anyMatch(x -> !(x > 0 && x <= 1000))) {
            throw tr.error("checkpoints", "expected one or more epochs in (0, 1000], e.g. [0.5, 1, 2], got " + checkpoints);
        }

        Spec e = spec.getChildOrEmpty("evaluation");
        int bootstrap = e.getInt("bootstrap", quick ? 200 : 1000, 2, 1_000_000);
        double level = e.getDouble("level", 0.95, 0.5, 0.999);
        int extremes = e.getInt("extremes", 8, 1, 64);
        double falseAlarm = e.getDouble("false_alarm_rate", 0.05, 0, 0.5);
        return new AnomalyOneClassConfig(dir, List.copyOf(classes), trainLimit, validationFraction, outliers, testLimit, models, denoise, msma,
                shrinkage, bpd, bpdImages, chunk, transforms, transform, List.copyOf(checkpoints), bootstrap, level, extremes, falseAlarm, quick);
    }

    private static List<Double> positive(Spec s, String key, List<Double> def) {
        List<Double> v = s.getDoubleList(key, def);
        if (v.isEmpty() || v.stream().anyMatch(x -> !(x > 0 && x <= 1000))) {
            throw s.error(key, "expected one or more noise levels in (0, 1000], got " + v);
        }
        return List.copyOf(new ArrayList<>(v));
    }
}
