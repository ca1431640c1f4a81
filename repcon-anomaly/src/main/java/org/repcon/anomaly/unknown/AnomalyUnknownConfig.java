package org.repcon.anomaly.unknown;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.repcon.anomaly.shift.NestedModels;
import org.repcon.data.FashionMnist;
import org.repcon.data.ood.MnistDigits;
import org.repcon.data.ood.OodSets;
import org.repcon.spec.Spec;

/**
 * The {@code anomaly-unlikely-unknown} experiment's config. Keys and defaults:
 * <pre>
 * data:
 *   dir: /usr/share/datasets/fashion-mnist
 *   mnist_dir: ~/.cache/repcon/mnist
 *   train_limit: 0              # the first N training images (0: all 60,000)
 *   rare_class: 5               # R: kept at rare_fraction of its training images (rare but known); 5 = Sandal
 *   rare_fraction: 0.01
 *   unknown_class: 9            # U: left out of training entirely; 9 = Ankle boot
 *   validation_fraction: 0.1    # of the images kept, held out by a seeded shuffle (fits, thresholds, the tail)
 *   validation_limit: 1000      # of those, the first N scored
 *   test_limit: 2000            # the first N Fashion-MNIST test images
 *   ood: [mnist]                # further unknown sets (org.repcon.data.ood.OodSets names)
 *   ood_limit: 500              # images of each
 *   tail_fraction: 0.05         # x: a test image of a common class is in the tail ("unlikely") when its density
 *                               # score exceeds the top-x% point of the common classes' validation scores
 * ensemble:
 *   members: 5                  # K VAEs, seeds seed, seed + 1, ...
 * vae: {...}                    # keys merged over anomaly-one-class's VAE spec
 * evaluation:
 *   bootstrap: 1000
 *   level: 0.95
 *   false_alarm: 0.05           # of the verdict thresholds, set on validation images
 * quick: false                  # train_limit <= 1500, validation_limit <= 150, test_limit <= 300, ood_limit <= 60,
 *                               # members <= 3, rare_fraction 0.05 unless given, bootstrap 200, quick VAEs
 * </pre>
 *
 * @param vae the members' tree without data and seed
 */
public record AnomalyUnknownConfig(Path dir, Path mnistDir, int trainLimit, int rareClass, double rareFraction, int unknownClass,
        double validationFraction, int validationLimit, int testLimit, List<String> ood, int oodLimit, double tailFraction, int members,
        Map<String, Object> vae, int bootstrap, double level, double falseAlarm, boolean quick) {

    public static AnomalyUnknownConfig read(Spec spec, long seed, int threads) {
        boolean quick = spec.getBoolean("quick", false);
        for (String unused : List.of("ae", "diffusion")) {
            if (spec.has(unused) && !spec.getChildOrEmpty(unused).keys().isEmpty()) { // a resolved spec holds them empty
                throw spec.error(unused, "anomaly-unlikely-unknown trains an ensemble of VAEs only (key vae); leave " + unused + " out");
            }
        }
        Spec d = spec.getChildOrEmpty("data");
        Path dir = Path.of(d.getString("dir", FashionMnist.DEFAULT_DIR.toString()));
        Path mnist = Path.of(d.getString("mnist_dir", MnistDigits.defaultDir().toString()));
        int trainLimit = cap(d.getInt("train_limit", 0, 0, 1_000_000), quick, 1500);
        int rare = d.getInt("rare_class", 5, 0, 9);
        double rareFraction = d.getDouble("rare_fraction", quick ? 0.05 : 0.01, 0, 1);
        int unknown = d.getInt("unknown_class", 9, 0, 9);
        if (unknown == rare) {
            throw d.error("unknown_class", "must differ from rare_class (" + rare + ")");
        }
        double vf = d.getDouble("validation_fraction", 0.1, 0.001, 0.5);
        int validationLimit = cap(d.getInt("validation_limit", 1000, 3, 1_000_000), quick, 150);
        int testLimit = cap(d.getInt("test_limit", 2000, 10, 10_000), quick, 300);
        List<String> ood = d.getStringList("ood", List.of("mnist"));
        try {
            OodSets.builder().setFashionDir(dir).optMnistDir(mnist).build().parseAll(ood);
        } catch (IllegalArgumentException e) {
            throw d.error("ood", e.getMessage());
        }
        int oodLimit = cap(d.getInt("ood_limit", 500, 2, 1_000_000), quick, 60);
        double tail = d.getDouble("tail_fraction", 0.05, 0.001, 0.5);
        Spec e = spec.getChildOrEmpty("ensemble");
        int members = e.getInt("members", quick ? 3 : 5, 2, 50);
        if (quick) {
            members = Math.min(members, 3);
        }
        Map<String, Object> vae = NestedModels.trees(spec, seed, threads, quick).get("vae");
        Spec ev = spec.getChildOrEmpty("evaluation");
        int bootstrap = ev.getInt("bootstrap", quick ? 200 : 1000, 2, 1_000_000);
        double level = ev.getDouble("level", 0.95, 0.5, 0.999);
        double falseAlarm = ev.getDouble("false_alarm", 0.05, 0.001, 0.5);
        return new AnomalyUnknownConfig(dir, mnist, trainLimit, rare, rareFraction, unknown, vf, validationLimit, testLimit, List.copyOf(ood),
                oodLimit, tail, members, vae, bootstrap, level, falseAlarm, quick);
    }

    private static int cap(int value, boolean quick, int quickMax) {
        return !quick ? value : value == 0 ? quickMax : Math.min(value, quickMax);
    }
}
