package org.repcon.anomaly.shift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repcon.anomaly.ScoreNames;
import org.repcon.evaluation.roc.Auroc;
import org.repcon.experiment.Runner;
import org.repcon.spec.SpecException;

/**
 * {@code anomaly-shift} end to end through the runner on made-up Fashion-MNIST-shaped data (200 training, 20 test
 * images), made-up "digits" as an image-file OOD set, flipped test images and noise, tiny models and two background
 * rates: every score's AUROC against every set, the chosen rate, the CSVs and plots; the AUROC in metrics.json is that
 * of the saved scores.
 */
class AnomalyShiftSmokeTest {

    static Map<String, Object> spec(Path data, Path digits) {
        Map<String, Object> s = new LinkedHashMap<>(TinyData.tinyModels());
        s.putAll(Map.of("experiment", "anomaly-shift", "seed", 5, "threads", 1,
                "data", Map.of("dir", data.toString(), "validation_fraction", 0.1, "validation_limit", 12, "test_limit", 12,
                        "ood", List.of("images:" + digits, "fashion-vflip", "uniform", "gaussian")),
                "background", Map.of("rates", List.of(0.1, 0.4)),
                "scores", Map.of("denoise_sigmas", List.of(0.2, 0.5), "msma_sigmas", List.of(0.05, 0.5, 2.0), "chunk", 8),
                "evaluation", Map.of("bootstrap", 30)));
        return s;
    }

    @Test
    void tinyRunScoresEverySetWithEveryScore(@TempDir Path dir) throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        TinyData.writeIdx(data, "train", 200, 1);
        TinyData.writeIdx(data, "t10k", 20, 2);
        Path digits = dir.resolve("digits-images-idx3-ubyte.gz");
        TinyData.writeDigits(digits, dir.resolve("digits-labels-idx1-ubyte.gz"), 30);
        Map<String, Object> spec = spec(data, digits);
        Runner.validate(spec);
        long t0 = System.nanoTime();
        Runner.Result result = new Runner(System.out, null).runNested(spec, dir.resolve("run"), List.of("test"));
        System.out.printf("anomaly-shift smoke run: %.1f s%n", (System.nanoTime() - t0) / 1e9);
        assertTrue(result.succeeded(), result::message);
        Map<String, Object> m = result.metrics();
        Path run = dir.resolve("run");
        String digitsKey = PairAurocs.key("images:" + digits);
        List<String> scores = List.of(ScoreNames.AE_RECON_MSE, ScoreNames.VAE_NEG_ELBO, ScoreNames.VAE_COMPLEXITY_CORRECTED,
                ShiftScoring.VAE_LIKELIHOOD_RATIO, ScoreNames.DIFF_BITS_PER_DIM, ScoreNames.DIFF_COMPLEXITY_CORRECTED,
                ShiftScoring.DIFF_LIKELIHOOD_RATIO, ScoreNames.DIFF_DENOISE_MSE, ScoreNames.MSMA, ScoreNames.PNG_BITS_PER_DIM);
        for (String score : scores) {
            for (String set : List.of(digitsKey, "fashion_vflip", "uniform", "gaussian")) {
                Object a = m.get("auroc_" + score + "_" + set);
                assertTrue(a instanceof Number n && n.doubleValue() >= 0 && n.doubleValue() <= 1, () -> "auroc_" + score + "_" + set + " in " + m);
                assertTrue(((Number) m.get("auroc_" + score + "_" + set + "_ci_low")).doubleValue() <= ((Number) a).doubleValue());
            }
            assertTrue(Files.isRegularFile(run.resolve("plots/hist-" + score + ".png")), score);
        }
        assertTrue(List.of(0.1, 0.4).contains(((Number) m.get("background_rate_vae")).doubleValue()));
        assertTrue(List.of(0.1, 0.4).contains(((Number) m.get("background_rate_diffusion")).doubleValue()));
        assertTrue(Files.isRegularFile(run.resolve("plots/roc-uniform.png")));
        // the AUROC in metrics.json is that of the saved scores
        List<String> lines = Files.readAllLines(run.resolve("scores.csv"));
        List<String> header = Arrays.asList(lines.get(0).split(","));
        int col = header.indexOf(ShiftScoring.VAE_LIKELIHOOD_RATIO);
        double[] normal = lines.stream().skip(1).map(l -> l.split(",")).filter(f -> f[0].equals("fashion-mnist"))
                .mapToDouble(f -> Double.parseDouble(f[col])).toArray();
        double[] uniform = lines.stream().skip(1).map(l -> l.split(",")).filter(f -> f[0].equals("uniform"))
                .mapToDouble(f -> Double.parseDouble(f[col])).toArray();
        assertEquals(12, normal.length);
        assertEquals(12, uniform.length);
        assertEquals(Auroc.of(normal, uniform), ((Number) m.get("auroc_vae_likelihood_ratio_uniform")).doubleValue(), 1e-6);
        // the score chosen without OOD images: the best on validation vs shuffled copies; its test AUROCs are the table's
        String chosen = (String) m.get("chosen_score");
        double chosenValidation = ((Number) m.get("validation_auroc_" + chosen)).doubleValue();
        for (String score : scores) {
            assertTrue(((Number) m.get("validation_auroc_" + score)).doubleValue() <= chosenValidation, score);
        }
        int chosenCol = header.indexOf(chosen);
        double[] v = lines.stream().skip(1).map(l -> l.split(",")).filter(f -> f[0].equals(ShiftScoring.VALIDATION))
                .mapToDouble(f -> Double.parseDouble(f[chosenCol])).toArray();
        double[] sh = lines.stream().skip(1).map(l -> l.split(",")).filter(f -> f[0].equals(ShiftScoring.SHUFFLED))
                .mapToDouble(f -> Double.parseDouble(f[chosenCol])).toArray();
        assertEquals(Auroc.of(v, sh), chosenValidation, 1e-6);
        assertEquals(((Number) m.get("auroc_" + chosen + "_uniform")).doubleValue(), ((Number) m.get("auroc_chosen_uniform")).doubleValue());
        String report = Files.readString(run.resolve("report.html"));
        assertTrue(report.contains("Score chosen without any out-of-distribution image"), "report names the chosen score");
        assertTrue(report.contains("Fashion-MNIST test (normal) vs each out-of-distribution set"));
        assertTrue(Files.readAllLines(run.resolve("auroc.csv")).size() == 1 + 4 * scores.size());
        for (String model : List.of("ae", "vae", "diffusion", "vae-bg-mu010", "diffusion-bg-mu040")) {
            assertTrue(Files.isRegularFile(run.resolve("runs/" + model + "/model.bin")), model);
        }
    }

    @Test
    void badSpecsAreRejectedNamingTheKey(@TempDir Path dir) throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        TinyData.writeIdx(data, "train", 20, 1);
        TinyData.writeIdx(data, "t10k", 10, 2);
        Map<String, Object> base = spec(data, dir.resolve("x"));
        SpecException ood = assertThrows(SpecException.class, () -> Runner.validate(with(base, "data", Map.of("ood", List.of("cifar")))));
        assertEquals("data.ood", ood.path());
        SpecException rates = assertThrows(SpecException.class, () -> Runner.validate(with(base, "background", Map.of("rates", List.of(1.5)))));
        assertEquals("background.rates", rates.path());
        SpecException existing = assertThrows(SpecException.class, () -> Runner.validate(with(base, "existing", Map.of("vae", dir.toString()))));
        assertEquals("existing.vae", existing.path());
        SpecException name = assertThrows(SpecException.class, () -> Runner.validate(with(base, "existing", Map.of("vae-bg-mu020", dir.toString()))));
        assertEquals("existing.vae-bg-mu020", name.path()); // not a rate of this run
        assertTrue(name.getMessage().contains("vae-bg-mu040"), name.getMessage());
    }

    private static Map<String, Object> with(Map<String, Object> base, String key, Object value) {
        Map<String, Object> t = new LinkedHashMap<>(base);
        t.put(key, value);
        return t;
    }
}
