package org.repcon.anomaly.unknown;

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
import org.repcon.anomaly.shift.PairAurocs;
import org.repcon.anomaly.shift.TinyData;
import org.repcon.evaluation.roc.Auroc;
import org.repcon.experiment.Runner;
import org.repcon.spec.SpecException;

/**
 * {@code anomaly-unlikely-unknown} end to end through the runner on made-up Fashion-MNIST-shaped data (300 training
 * images, class 5 kept at 20%, class 9 left out; 40 test images) and made-up "digits" as the OOD set, an ensemble of 2
 * tiny VAEs: the AUROC of every score on every pair and subgroup pair, the verdicts, the scatter; the AUROC in
 * metrics.json is that of the saved scores, and no left-out image reached the training folder.
 */
class AnomalyUnknownSmokeTest {

    static Map<String, Object> spec(Path data, Path digits) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("experiment", "anomaly-unlikely-unknown");
        s.put("seed", 2);
        s.put("threads", 1);
        s.put("data", Map.of("dir", data.toString(), "rare_fraction", 0.2, "validation_fraction", 0.2, "test_limit", 40,
                "ood", List.of("images:" + digits), "ood_limit", 12, "tail_fraction", 0.1));
        s.put("ensemble", Map.of("members", 2));
        s.put("vae", TinyData.tinyModels().get("vae"));
        s.put("evaluation", Map.of("bootstrap", 30));
        return s;
    }

    @Test
    void tinyRunScoresEveryGroup(@TempDir Path dir) throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        TinyData.writeIdx(data, "train", 300, 1);
        TinyData.writeIdx(data, "t10k", 40, 2);
        Path digits = dir.resolve("digits-images-idx3-ubyte.gz");
        TinyData.writeDigits(digits, dir.resolve("digits-labels-idx1-ubyte.gz"), 30);
        Map<String, Object> spec = spec(data, digits);
        Runner.validate(spec);
        long t0 = System.nanoTime();
        Runner.Result result = new Runner(System.out, null).runNested(spec, dir.resolve("run"), List.of("test"));
        System.out.printf("anomaly-unlikely-unknown smoke run: %.1f s%n", (System.nanoTime() - t0) / 1e9);
        assertTrue(result.succeeded(), result::message);
        Map<String, Object> m = result.metrics();
        Path run = dir.resolve("run");
        for (String score : AnomalyUnknownExperiment.SCORES) {
            for (String pair : List.of("typical_vs_unlikely", "typical_vs_unknown", "unlikely_vs_unknown", "rare_vs_left_out")) {
                Object a = m.get("auroc_" + score + "_" + pair);
                assertTrue(a instanceof Number n && n.doubleValue() >= 0 && n.doubleValue() <= 1, () -> "auroc_" + score + "_" + pair + " in " + m);
            }
        }
        assertEquals(4.0, ((Number) m.get("images_rare")).doubleValue()); // 4 class-5 images among the first 40 test images
        assertEquals(12.0, ((Number) m.get("images_" + PairAurocs.key("images:" + digits))).doubleValue());
        for (String g : List.of("validation", "typical", "rare", "left_out")) {
            double sum = 0;
            for (String v : Verdicts.NAMES) {
                sum += ((Number) m.get("verdict_" + g + "_" + v)).doubleValue();
            }
            assertEquals(1.0, sum, 1e-9, g);
        }
        assertTrue(Files.isRegularFile(run.resolve("plots/scatter-density-knowledge.png")));
        assertTrue(Files.isRegularFile(run.resolve("plots/roc-unlikely_vs_unknown.png")));
        assertTrue(Files.isRegularFile(run.resolve("plots/hist-" + AnomalyUnknownExperiment.KNOWLEDGE + ".png")));
        // the AUROC in metrics.json is that of the saved scores
        List<String> lines = Files.readAllLines(run.resolve("scores.csv"));
        int col = Arrays.asList(lines.get(0).split(",")).indexOf(AnomalyUnknownExperiment.COMBINATION);
        double[] unlikely = column(lines, "unlikely", col);
        double[] unknown = column(lines, "unknown", col);
        assertEquals(Auroc.of(unlikely, unknown), ((Number) m.get("auroc_combination_residual_unlikely_vs_unknown")).doubleValue(), 1e-6);
        assertEquals(4 + 12, unknown.length); // class 9 of the first 40 test images, and the digits
        // validation combinations are residuals of a least-squares line: mean 0
        assertEquals(0, Arrays.stream(column(lines, "validation", col)).average().orElseThrow(), 1e-6);
        int[] trainLabels = org.repcon.data.IdxFile.readLabels(run.resolve("data/train/train-labels-idx1-ubyte.gz"));
        assertEquals(0, Arrays.stream(trainLabels).filter(l -> l == 9).count(), "the unknown class reached training");
        assertTrue(Files.readString(run.resolve("report.html")).contains("Verdicts per subgroup"));
        // the resolved spec the run saved reads back (repcon resume, repcon score): it holds ae and diffusion empty
        assertEquals(2, AnomalyUnknownConfig.read(org.repcon.spec.SpecLoader.load(run.resolve("spec.yaml")), 2, 1).members());
    }

    private static double[] column(List<String> lines, String set, int col) {
        return lines.stream().skip(1).map(l -> l.split(",")).filter(f -> f[0].equals(set)).mapToDouble(f -> Double.parseDouble(f[col])).toArray();
    }

    @Test
    void badSpecsAreRejectedNamingTheKey(@TempDir Path dir) throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        TinyData.writeIdx(data, "train", 20, 1);
        TinyData.writeIdx(data, "t10k", 10, 2);
        Map<String, Object> base = spec(data, dir.resolve("x"));
        SpecException same = assertThrows(SpecException.class, () -> Runner.validate(with(base, "data", Map.of("rare_class", 9))));
        assertEquals("data.unknown_class", same.path());
        SpecException ae = assertThrows(SpecException.class, () -> Runner.validate(with(base, "ae", Map.of("model", Map.of()))));
        assertEquals("ae", ae.path());
        SpecException members = assertThrows(SpecException.class, () -> Runner.validate(with(base, "ensemble", Map.of("members", 1))));
        assertEquals("ensemble.members", members.path());
    }

    private static Map<String, Object> with(Map<String, Object> base, String key, Object value) {
        Map<String, Object> t = new LinkedHashMap<>(base);
        t.put(key, value);
        return t;
    }
}
