package org.repcon.anomaly.shift;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.repcon.data.FashionMnist;
import org.repcon.data.ood.MnistDigits;
import org.repcon.data.ood.OodSets;
import org.repcon.spec.Spec;

/**
 * The {@code anomaly-shift} experiment's config. Keys and defaults:
 * <pre>
 * data:
 *   dir: /usr/share/datasets/fashion-mnist
 *   mnist_dir: ~/.cache/repcon/mnist       # where the OOD set mnist is read (scripts/setup-mnist.sh)
 *   train_limit: 0              # the first N training images (0: all 60,000), before the validation split
 *   validation_fraction: 0.05   # of those, held out by a seeded shuffle: every fit and choice is made on them
 *   validation_limit: 300       # of the held-out images, the first N scored (the fits and the rate choice use them)
 *   test_limit: 500             # the first N Fashion-MNIST test images, and N images of each OOD set (spread evenly)
 *   ood: [mnist, fashion-vflip, uniform, gaussian]   # names of org.repcon.data.ood.OodSets
 * ae: {...}                     # keys merged over anomaly-one-class's AE spec (not data, seed, experiment, threads)
 * vae: {...}                    # the same for the VAE
 * diffusion: {...}              # the same for the diffusion model
 * existing:                     # optional: the run folder of an already trained model, used instead of training it,
 *   ae: PATH                    # by nested-run name: ae, vae, diffusion, vae-bg-mu010, diffusion-bg-mu020, ...
 * background:
 *   rates: [0.1, 0.2, 0.3]      # candidate perturbation rates mu of the background models (Ren et al. 2019)
 *   patch_grid: 4               # the g x g patches of the shuffled validation copies the rate is chosen with
 * scores:
 *   denoise_sigmas, msma_sigmas, msma_shrinkage, chunk   # as in anomaly-one-class
 *   bits_per_dim: true          # the diffusion bound, its complexity correction and ratio (T evaluations per image)
 * evaluation:
 *   bootstrap: 1000             # B of the AUROC intervals
 *   level: 0.95
 * quick: false                  # train_limit <= 1000, validation_limit <= 60, test_limit <= 100, rates [0.1, 0.3]
 *                               # unless given, bootstrap 200, and anomaly-one-class's quick models
 * </pre>
 *
 * @param models the nested runs' trees (ae, vae, diffusion) without data
 * @param existing nested-run name -> the run folder to use instead of training it
 */
public record AnomalyShiftConfig(Path dir, Path mnistDir, int trainLimit, double validationFraction, int validationLimit, int testLimit,
        List<String> ood, Map<String, Map<String, Object>> models, Map<String, Path> existing, List<Double> rates, int patchGrid,
        List<Double> denoiseSigmas, List<Double> msmaSigmas, double msmaShrinkage, boolean bitsPerDim, int chunk, int bootstrap,
        double level, boolean quick) {

    static final int QUICK_TRAIN = 1000;
    static final int QUICK_VALIDATION = 60;
    static final int QUICK_TEST = 100;

    public static AnomalyShiftConfig read(Spec spec, long seed, int threads) {
        boolean quick = spec.getBoolean("quick", false);
        Spec d = spec.getChildOrEmpty("data");
        Path dir = Path.of(d.getString("dir", FashionMnist.DEFAULT_DIR.toString()));
        Path mnist = Path.of(d.getString("mnist_dir", MnistDigits.defaultDir().toString()));
        int trainLimit = cap(d.getInt("train_limit", 0, 0, 1_000_000), quick, QUICK_TRAIN);
        double validationFraction = d.getDouble("validation_fraction", 0.05, 0.001, 0.5);
        int validationLimit = cap(d.getInt("validation_limit", 300, 2, 1_000_000), quick, QUICK_VALIDATION);
        int testLimit = cap(d.getInt("test_limit", 500, 2, 1_000_000), quick, QUICK_TEST);
        List<String> ood = d.getStringList("ood", List.of("mnist", "fashion-vflip", "uniform", "gaussian"));
        if (ood.isEmpty()) {
            throw d.error("ood", "name at least one out-of-distribution set; known: " + OodSets.KNOWN);
        }
        try {
            OodSets.builder().setFashionDir(dir).optMnistDir(mnist).build().parseAll(ood);
        } catch (IllegalArgumentException e) {
            throw d.error("ood", e.getMessage());
        }
        Map<String, Map<String, Object>> models = NestedModels.trees(spec, seed, threads, quick);
        Spec b = spec.getChildOrEmpty("background");
        List<Double> rates = b.getDoubleList("rates", quick ? List.of(0.1, 0.3) : List.of(0.1, 0.2, 0.3));
        if (rates.isEmpty() || rates.stream().anyMatch(r -> !(r > 0 && r < 1)) || rates.stream().distinct().count() != rates.size()) {
            throw b.error("rates", "expected distinct perturbation rates in (0, 1), e.g. [0.1, 0.2, 0.3], got " + rates);
        }
        List<String> runNames = new java.util.ArrayList<>(NestedModels.names());
        for (double rate : rates) {
            runNames.add("vae-bg-" + AnomalyShiftExperiment.rateName(rate));
            runNames.add("diffusion-bg-" + AnomalyShiftExperiment.rateName(rate));
        }
        Map<String, Path> existing = new LinkedHashMap<>();
        Spec ex = spec.getChildOrEmpty("existing");
        for (String m : ex.keys()) {
            if (!runNames.contains(m)) {
                throw ex.error(m, "is not a model of this run; known: " + String.join(", ", runNames));
            }
            Path run = Path.of(ex.getString(m));
            if (!Files.isRegularFile(run.resolve("model.bin"))) {
                throw ex.error(m, "expected the folder of a completed " + m + " run (with model.bin), got " + run);
            }
            existing.put(m, run);
        }
        int grid = b.getInt("patch_grid", 4, 2, 14);
        if (28 % grid != 0) {
            throw b.error("patch_grid", "must divide 28 (2, 4, 7 or 14), got " + grid);
        }
        Spec s = spec.getChildOrEmpty("scores");
        List<Double> denoise = positive(s, "denoise_sigmas", List.of(0.1, 0.2, 0.4, 0.8));
        List<Double> msma = positive(s, "msma_sigmas", List.of(0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0));
        double shrinkage = s.getDouble("msma_shrinkage", 0.05, 0, 1);
        boolean bpd = s.getBoolean("bits_per_dim", true);
        int chunk = s.getInt("chunk", 250, 1, 100_000);
        Spec e = spec.getChildOrEmpty("evaluation");
        int bootstrap = e.getInt("bootstrap", quick ? 200 : 1000, 2, 1_000_000);
        double level = e.getDouble("level", 0.95, 0.5, 0.999);
        return new AnomalyShiftConfig(dir, mnist, trainLimit, validationFraction, validationLimit, testLimit, List.copyOf(ood), models,
                Map.copyOf(existing), List.copyOf(rates), grid, denoise, msma, shrinkage, bpd, chunk, bootstrap, level, quick);
    }

    static int cap(int value, boolean quick, int quickMax) {
        if (!quick) {
            return value;
        }
        return value == 0 ? quickMax : Math.min(value, quickMax);
    }

    static List<Double> positive(Spec s, String key, List<Double> def) {
        List<Double> v = s.getDoubleList(key, def);
        if (v.isEmpty() || v.stream().anyMatch(x -> !(x > 0 && x <= 1000))) {
            throw s.error(key, "expected one or more noise levels in (0, 1000], got " + v);
        }
        return List.copyOf(v);
    }
}
