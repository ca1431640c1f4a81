package org.repcon.anomaly.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repcon.anomaly.ScoreNames;
import org.repcon.data.IdxFile;
import org.repcon.evaluation.roc.Auroc;
import org.repcon.experiment.Runner;
import org.repcon.spec.SpecException;

/**
 * {@code anomaly-one-class} end to end through the runner on a tiny Fashion-MNIST-shaped folder (200 training, 40
 * test images; the class decides where a bright bar lies) with tiny nested models, two normal classes: every metric,
 * the CSVs, the scores file, the plots; the AUROCs in metrics.json agree with the saved scores.
 */
class AnomalyOneClassSmokeTest {

    /** {@code n} 28x28 images, label i % 10: a bright bar at rows 2 label .. 2 label + 7, plus seeded noise. */
    static void writeIdx(Path dir, String prefix, int n, long seed) {
        byte[] pixels = new byte[n * 784];
        int[] labels = new int[n];
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = 0; i < n; i++) {
            labels[i] = i % 10;
            for (int r = 0; r < 28; r++) {
                for (int c = 0; c < 28; c++) {
                    boolean inside = r >= 2 * labels[i] && r < 2 * labels[i] + 8 && c >= 4 && c < 24;
                    pixels[i * 784 + r * 28 + c] = (byte) Math.min(255, (inside ? 200 : 20) + rng.nextInt(40));
                }
            }
        }
        IdxFile.writeImages(dir.resolve(prefix + "-images-idx3-ubyte.gz"), pixels, n, 28, 28, true);
        IdxFile.writeLabels(dir.resolve(prefix + "-labels-idx1-ubyte.gz"), labels, true);
    }

    static Map<String, Object> tiny(Path data) {
        Map<String, Object> autoencoder = Map.of("model", Map.of("latent_size", 4, "channels", List.of(4, 8)),
                "training", Map.of("epochs", 1, "batch_size", 8, "log_every", 2));
        return Map.of("experiment", "anomaly-one-class", "seed", 3, "threads", 1,
                "data", Map.of("dir", data.toString(), "classes", List.of(0, 3), "validation_fraction", 0.25),
                "ae", autoencoder, "vae", autoencoder,
                "diffusion", Map.of("model", Map.of("base_channels", 8, "channel_multipliers", List.of(1, 2), "attention", false, "groups", 4,
                        "timesteps", 21), "training", Map.of("epochs", 1, "batch_size", 8, "log_every", 2),
                        "sampling", Map.of("samples", 4, "other_samples", 1, "ddim_steps", 4),
                        "evaluation", Map.of("denoise_images", 2, "loss_images", 4, "chunk", 16)),
                "scores", Map.of("denoise_sigmas", List.of(0.2, 0.5), "msma_sigmas", List.of(0.05, 0.5, 2.0), "chunk", 25, "bits_per_dim_images", 20),
                "transform", Map.of("count", 8, "epochs", 1, "batch_size", 8, "width", 2),
                "evaluation", Map.of("bootstrap", 50, "extremes", 3));
    }

    @Test
    void tinyRunWritesEveryAurocTheFilesAndThePlots(@TempDir Path dir) throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        writeIdx(data, "train", 200, 1);
        writeIdx(data, "t10k", 40, 2);
        Map<String, Object> spec = tiny(data);
        Runner.validate(spec);
        Runner.Result result = new Runner(System.out, null).runNested(spec, dir.resolve("run"), List.of("test"));
        assertTrue(result.succeeded(), result::message);
        Map<String, Object> m = result.metrics();
        Path run = dir.resolve("run");
        for (String score : ScoreNames.ALL) {
            for (String suffix : List.of("_class0", "_class3", "_mean", "_class0_ci_low", "_mean_ci_high")) {
                assertTrue(m.get("auroc_" + score + suffix) instanceof Number, () -> "missing auroc_" + score + suffix + " in " + m);
            }
            double mean = ((Number) m.get("auroc_" + score + "_mean")).doubleValue();
            double c0 = ((Number) m.get("auroc_" + score + "_class0")).doubleValue();
            double c3 = ((Number) m.get("auroc_" + score + "_class3")).doubleValue();
            assertEquals((c0 + c3) / 2, mean, 1e-12);
            assertTrue(((Number) m.get("auroc_" + score + "_class0_ci_low")).doubleValue() <= c0);
            assertTrue(Files.isRegularFile(run.resolve("plots/roc-" + score + ".png")), score);
            assertTrue(Files.isRegularFile(run.resolve("plots/hist-class3-" + score + ".png")), score);
        }
        assertTrue(ScoreNames.ALL.contains((String) m.get("best_score")));
        // the alarm threshold at 5% on the 5 validation scores is their maximum; its rates on the test images
        double[] val = ClassScores.load(run.resolve("scores/class0.csv"), 0, 40).validation().get(ScoreNames.MSMA);
        double[][] msma = ClassScores.load(run.resolve("scores/class0.csv"), 0, 40).split(ScoreNames.MSMA);
        double max = java.util.Arrays.stream(val).max().orElseThrow();
        assertEquals(java.util.Arrays.stream(msma[1]).filter(s -> s > max).count() / (double) msma[1].length,
                ((Number) m.get("detection_msma_class0")).doubleValue(), 1e-12);
        assertTrue(m.get("false_alarm_ae_recon_mse_mean") instanceof Number);
        assertTrue(!m.containsKey("false_alarm_diff_bits_per_dim_class0"), "no validation bound, no threshold");
        for (String key : List.of("scoring_seconds_class0", "train_seconds_class3_ae", "train_seconds_class3_vae", "train_seconds_class3_diffusion",
                "train_seconds_class3_transform", "scoring_seconds_class0_transform", "transform_validation_nll_class3")) {
            assertTrue(m.get(key) instanceof Number, () -> "missing " + key + " in " + m);
        }
        // the AUROC in metrics.json is that of the saved test scores, class 3 normal
        ClassScores cs = ClassScores.load(run.resolve("scores/class3.csv"), 3, 40);
        double[][] na = cs.split(ScoreNames.AE_RECON_MSE);
        assertEquals(4, na[0].length);
        assertEquals(Auroc.of(na[0], na[1]), ((Number) m.get("auroc_ae_recon_mse_class3")).doubleValue(), 1e-12);
        assertEquals(5, cs.validation().get(ScoreNames.MSMA).length); // round(0.25 * 20) validation images of the class
        // the bound covers the first 20 test images only (2 of class 3), as recorded
        assertEquals(20, cs.test().get(ScoreNames.DIFF_BITS_PER_DIM).length);
        assertEquals(20, ((Number) m.get("test_images_diff_bits_per_dim")).intValue());
        assertEquals(40, ((Number) m.get("test_images_msma")).intValue());
        double[][] bpd = cs.split(ScoreNames.DIFF_BITS_PER_DIM);
        assertEquals(Auroc.of(bpd[0], bpd[1]), ((Number) m.get("auroc_diff_bits_per_dim_class3")).doubleValue(), 1e-12);
        List<String> csv = Files.readAllLines(run.resolve("auroc.csv"));
        assertEquals(4, csv.size()); // header, two classes, mean
        assertTrue(csv.get(0).startsWith("class,ae_recon_mse"));
        assertTrue(Files.readString(run.resolve("report.html")).contains("AUROC x 100 per normal class"));
        assertTrue(Files.isRegularFile(run.resolve("plots/extremes-" + m.get("chosen_score") + ".png"))); // the score chosen on validation
        for (String model : List.of("ae", "vae", "diffusion")) {
            assertTrue(Files.isRegularFile(run.resolve("runs/class0-" + model + "/model.bin")), model);
        }
        // the nested runs never saw a test image: their test split is the class's validation images
        assertEquals(5, org.repcon.data.IdxFile.count(run.resolve("data/class3/t10k-images-idx3-ubyte.gz")));
        // transform_nll: scores of every validation and test image; its validation figure is their mean
        assertEquals(5, cs.validation().get(ScoreNames.TRANSFORM_NLL).length);
        assertEquals(40, cs.test().get(ScoreNames.TRANSFORM_NLL).length);
        assertEquals(5, cs.validation().get(ScoreNames.TRANSFORM_DIRICHLET).length);
        assertEquals(40, cs.test().get(ScoreNames.TRANSFORM_DIRICHLET).length);
        assertEquals(java.util.Arrays.stream(cs.validation().get(ScoreNames.TRANSFORM_NLL)).average().orElseThrow(),
                ((Number) m.get("transform_validation_nll_class3")).doubleValue(), 1e-5);
        assertEquals(15, ((Number) m.get("transform_steps_class3")).intValue()); // 1 epoch: 15 training images x 8 transforms / batch 8
        theScoreIsChosenOnValidationOutliers(m, cs);
        resumeAddsTheMissingTransformScoreOnly(spec, dir, run);
    }

    /**
     * The validation outliers: 20 (all) training images of each of the 9 other classes; the saved scores file is before
     * the combination (the combined column is computed at the end, not saved); the chosen score is the one with the best
     * mean validation AUROC, and its test AUROC is the headline.
     */
    private static void theScoreIsChosenOnValidationOutliers(Map<String, Object> m, ClassScores cs) {
        assertEquals(180, cs.outlierLabels().length);
        assertTrue(java.util.Arrays.stream(cs.outlierLabels()).noneMatch(l -> l == 3));
        assertEquals(20, java.util.Arrays.stream(cs.outlierLabels()).filter(l -> l == 5).count());
        assertEquals(180, cs.outliers().get(ScoreNames.AE_RECON_MSE).length);
        assertTrue(!cs.outliers().containsKey(ScoreNames.DIFF_BITS_PER_DIM), "no validation bound, no outlier bound");
        double aeValidation = Auroc.of(cs.validation().get(ScoreNames.AE_RECON_MSE), cs.outliers().get(ScoreNames.AE_RECON_MSE));
        assertEquals(aeValidation, ((Number) m.get("validation_auroc_ae_recon_mse_class3")).doubleValue(), 1e-12);
        String chosen = (String) m.get("chosen_score");
        double best = ((Number) m.get("validation_auroc_" + chosen + "_mean")).doubleValue();
        for (String score : ScoreNames.ALL) {
            Object v = m.get("validation_auroc_" + score + "_mean");
            assertTrue(v == null || ((Number) v).doubleValue() <= best, score);
        }
        assertEquals(m.get("auroc_" + chosen + "_mean"), m.get("auroc_chosen_mean"));
        assertTrue(((String) m.get("combined_members")).contains("+"), () -> "" + m.get("combined_members"));
        // the transformation classifier's state: one of the default checkpoints within its 1 epoch (0.125, 0.25, 0.5, 1)
        assertTrue(List.of(0.125, 0.25, 0.5, 1.0).contains(((Number) m.get("transform_chosen_epochs_class3")).doubleValue()), () -> "" + m);
    }

    /**
     * A scores file written before transform_nll existed (its column and figures file removed; an AE score marked) gains
     * the column on resume, while every other column is reused as it is.
     */
    private static void resumeAddsTheMissingTransformScoreOnly(Map<String, Object> spec, Path dir, Path run) throws Exception {
        Path file = run.resolve("scores/class0.csv");
        ClassScores before = ClassScores.load(file, 0, 40);
        java.util.Map<String, double[]> v = new java.util.LinkedHashMap<>(before.validation());
        java.util.Map<String, double[]> t = new java.util.LinkedHashMap<>(before.test());
        java.util.Map<String, double[]> o = new java.util.LinkedHashMap<>(before.outliers());
        for (String gone : List.of(ScoreNames.TRANSFORM_NLL, ScoreNames.TRANSFORM_DIRICHLET, ScoreNames.COMBINED)) {
            v.remove(gone);
            t.remove(gone);
            o.remove(gone);
        }
        double[] ae = t.get(ScoreNames.AE_RECON_MSE).clone();
        ae[0] = 12345.5; // a marker a recomputation would not reproduce
        t.put(ScoreNames.AE_RECON_MSE, ae);
        new ClassScores(0, before.testLabels(), v, t, before.outlierLabels(), o).save(file);
        assertTrue(!Files.readAllLines(file).get(0).contains(ScoreNames.TRANSFORM_NLL));
        Files.delete(run.resolve("scores/class0-transform.properties"));
        new org.repcon.experiment.RunDirectory(run).writeStatus("interrupted", "test: resume with a score missing");
        Runner.Result again = new Runner(System.out, null).runNested(spec, run, List.of("test"));
        assertTrue(again.succeeded(), again::message);
        ClassScores after = ClassScores.load(file, 0, 40);
        assertEquals(12345.5, after.test().get(ScoreNames.AE_RECON_MSE)[0]);
        assertEquals(ScoreNames.ALL.stream().filter(before.test()::containsKey).toList(), List.copyOf(after.test().keySet()));
        org.junit.jupiter.api.Assertions.assertArrayEquals(before.test().get(ScoreNames.MSMA), after.test().get(ScoreNames.MSMA));
        assertEquals(40, after.test().get(ScoreNames.TRANSFORM_NLL).length);
        assertEquals(180, after.outliers().get(ScoreNames.TRANSFORM_DIRICHLET).length);
        assertEquals(40, after.test().get(ScoreNames.TRANSFORM_DIRICHLET).length);
        assertTrue(again.metrics().get("train_seconds_class0_transform") instanceof Number, () -> "" + again.metrics());
        assertTrue(Files.isRegularFile(run.resolve("scores/class0-transform.properties")));
    }

    @Test
    void badSpecsAreRejectedNamingTheKey(@TempDir Path dir) throws IOException {
        Path data = Files.createDirectories(dir.resolve("data"));
        writeIdx(data, "train", 20, 1);
        writeIdx(data, "t10k", 10, 2);
        Map<String, Object> base = tiny(data);
        SpecException classes = assertThrows(SpecException.class, () -> Runner.validate(with(base, "data", Map.of("classes", List.of(10)))));
        assertEquals("data.classes", classes.path());
        SpecException nested = assertThrows(SpecException.class, () -> Runner.validate(with(base, "ae", Map.of("model", Map.of("type", "gan")))));
        assertTrue(nested.path().startsWith("ae"), nested.getMessage());
        SpecException data2 = assertThrows(SpecException.class, () -> Runner.validate(with(base, "vae", Map.of("data", Map.of("dir", "x")))));
        assertTrue(data2.getMessage().contains("leave it out"), data2.getMessage());
        SpecException count = assertThrows(SpecException.class, () -> Runner.validate(with(base, "transform", Map.of("count", 12))));
        assertEquals("transform.count", count.path());
    }

    private static Map<String, Object> with(Map<String, Object> base, String key, Object value) {
        Map<String, Object> t = new java.util.LinkedHashMap<>(base);
        t.put(key, value);
        return t;
    }
}
