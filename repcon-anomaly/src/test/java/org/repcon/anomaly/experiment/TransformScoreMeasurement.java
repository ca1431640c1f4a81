package org.repcon.anomaly.experiment;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.repcon.anomaly.transform.DirichletScore;
import org.repcon.anomaly.transform.GeometricTransforms;
import org.repcon.anomaly.transform.TransformClassifier;
import org.repcon.data.FashionMnist;
import org.repcon.data.ImageSet;
import org.repcon.engine.Engines;
import org.repcon.evaluation.roc.Auroc;

/**
 * A measurement, not a check (runs only with {@code REPCON_GEOM_MEASURE=1}): the {@code transform_nll} score alone on
 * Fashion-MNIST as {@code anomaly-one-class} computes it: per class of {@code REPCON_GEOM_CLASSES} (default 0,6), the
 * classifier trained on the class's training images minus the run's seeded 5% validation split ({@link ClassSplit}),
 * its validation curve after every epoch, and the AUROC of transform_nll and transform_dirichlet (fitted on the
 * validation images) on the first {@code REPCON_GEOM_TEST} (2,000) test images,
 * class c normal; with {@code REPCON_GEOM_TEST=0} no test image is scored: the validation AUROC instead (the class's
 * validation images, out-of-fold Dirichlet scores, against {@code _OUTLIERS} (100) training images of each other
 * class, as the experiment's {@link ScoreChoice}). Settings: {@code REPCON_GEOM_TRANSFORMS} (72), {@code _EPOCHS} (1; a
 * comma-separated list trains one classifier per value), {@code _TRAIN_LIMIT} (0: all), {@code _WIDTH} (16),
 * {@code _BATCH} (128), {@code _LR} (1e-3), {@code _SEED} (1234, the runs' default), {@code _THREADS} (1).
 */
@EnabledIfEnvironmentVariable(named = "REPCON_GEOM_MEASURE", matches = "1")
class TransformScoreMeasurement {

    private static String env(String key, String def) {
        String v = System.getenv("REPCON_GEOM_" + key);
        return v == null || v.isBlank() ? def : v;
    }

    @Test
    void measure() {
        Engines.start(Integer.parseInt(env("THREADS", "1")));
        long seed = Long.parseLong(env("SEED", "1234"));
        int count = Integer.parseInt(env("TRANSFORMS", "72"));
        Path dir = FashionMnist.DEFAULT_DIR;
        ImageSet train = FashionMnist.load(dir, FashionMnist.Split.TRAIN, 0);
        int testLimit = Integer.parseInt(env("TEST", "2000"));
        for (String cls : env("CLASSES", "0,6").split(",")) {
          for (String epochs : env("EPOCHS", "1").split(",")) {
            TransformClassifier.Settings settings = new TransformClassifier.Settings(Double.parseDouble(epochs.trim()),
                    Integer.parseInt(env("BATCH", "128")), Double.parseDouble(env("LR", "1e-3")), Integer.parseInt(env("WIDTH", "16")));
            int c = Integer.parseInt(cls.trim());
            ClassSplit split = ClassSplit.of(train, c, Integer.parseInt(env("TRAIN_LIMIT", "0")), 0.05,
                    Integer.parseInt(env("OUTLIERS", "100")), seed);
            ImageSet test = testLimit > 0 ? FashionMnist.load(dir, FashionMnist.Split.TEST, testLimit) : null;
            if (test == null) {
                try (TransformClassifier f = TransformClassifier.train(split.train(), GeometricTransforms.of(count, 28), settings, seed,
                        split.validation(), null)) {
                    double[][][] lv = f.logProbabilities(split.validation());
                    double[][][] lo = f.logProbabilities(split.outliers());
                    double[] dv = org.repcon.anomaly.CrossFit.outOfFold(lv, r -> DirichletScore.fit(r)::score);
                    double[] dO = DirichletScore.fit(lv).score(lo);
                    System.out.printf(Locale.ROOT, "GEOM-VAL class %d K=%d %s train %d: validation AUROC transform_nll %.4f, "
                            + "transform_dirichlet %.4f; validation NLL per epoch %s%n", c, count, settings, split.train().size(),
                            Auroc.of(TransformClassifier.nll(lv), TransformClassifier.nll(lo)), Auroc.of(dv, dO), round(f.validationCurve()));
                }
                continue;
            }
            GeometricTransforms t = GeometricTransforms.of(count, 28);
            long t0 = System.nanoTime();
            try (TransformClassifier f = TransformClassifier.train(split.train(), t, settings, seed, split.validation(), null)) {
                double seconds = (System.nanoTime() - t0) / 1e9;
                long t1 = System.nanoTime();
                DirichletScore dirichlet = DirichletScore.fit(f.logProbabilities(split.validation()));
                double[] s = new double[test.size()];
                double[] sd = new double[test.size()];
                for (int from = 0; from < test.size(); from += 250) {
                    int to = Math.min(test.size(), from + 250);
                    double[][][] l = f.logProbabilities(test.slice(from, to));
                    System.arraycopy(TransformClassifier.nll(l), 0, s, from, to - from);
                    System.arraycopy(dirichlet.score(l), 0, sd, from, to - from);
                }
                double scoreSeconds = (System.nanoTime() - t1) / 1e9;
                System.out.printf(Locale.ROOT, "GEOM class %d K=%d %s: %d train / %d validation images, %d steps, %.1f s training "
                        + "(incl. validation curve), %.1f s scoring %d test images%n  training CE per epoch %s%n  validation NLL per epoch %s%n"
                        + "  AUROC class %d: transform_nll %.4f, transform_dirichlet %.4f (%d normal, %d anomalous)%n",
                        c, count, settings, split.train().size(), split.validation().size(),
                        TransformClassifier.steps(split.train().size(), count, settings), seconds, scoreSeconds, test.size(),
                        round(f.trainingCurve()), round(f.validationCurve()), c, auroc(s, test, c), auroc(sd, test, c),
                        Arrays.stream(test.labels()).filter(l -> l == c).count(), Arrays.stream(test.labels()).filter(l -> l != c).count());
            }
          }
        }
    }

    private static double auroc(double[] s, ImageSet test, int c) {
        int normals = (int) Arrays.stream(test.labels()).filter(l -> l == c).count();
        double[] n = new double[normals];
        double[] a = new double[test.size() - normals];
        for (int i = 0, in = 0, ia = 0; i < s.length; i++) {
            if (test.labels()[i] == c) {
                n[in++] = s[i];
            } else {
                a[ia++] = s[i];
            }
        }
        return Auroc.of(n, a);
    }

    private static String round(java.util.List<Double> v) {
        return v.stream().map(x -> String.format(Locale.ROOT, "%.4f", x)).toList().toString();
    }
}
