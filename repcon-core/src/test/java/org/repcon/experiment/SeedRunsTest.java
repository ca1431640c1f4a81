package org.repcon.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repcon.DjlTestCase;
import org.repcon.spec.Spec;
import org.repcon.spec.SpecException;

/**
 * An experiment over seeds ({@link SeedRuns}, {@code repcon run NAME --seeds ...}): the summary's mean and sample
 * standard deviation against a hand computation, the option's values, and a toy run over two seeds whose seeds.csv
 * and summary match its nested runs.
 */
class SeedRunsTest extends DjlTestCase {
    @TempDir
    Path tmp;

    @Test
    void theSummaryIsTheMeanAndTheSampleStandardDeviationOfEachMetric() {
        List<Map<String, Object>> runs = new ArrayList<>();
        for (double loss : new double[] {1, 2, 4}) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("loss", loss);
            m.put("steps", 10);
            runs.add(m);
        }
        runs.get(0).put("only_in_one", 5.0);
        runs.get(0).put("name", "text");
        Map<String, Object> s = SeedRuns.summary(runs);
        // mean (1 + 2 + 4) / 3 = 7/3; squares (4/3)^2 + (1/3)^2 + (5/3)^2 = 42/9; std = sqrt(42/9 / 2) = sqrt(7/3)
        assertEquals(3, s.get("n"));
        assertEquals(7.0 / 3, (double) s.get("loss_mean"), 1e-15);
        assertEquals(Math.sqrt(7.0 / 3), (double) s.get("loss_std"), 1e-15);
        assertEquals(10.0, (double) s.get("steps_mean"), 0.0);
        assertEquals(0.0, (double) s.get("steps_std"), 0.0);
        assertEquals(List.of("n", "loss_mean", "loss_std", "steps_mean", "steps_std"), List.copyOf(s.keySet()),
                "a metric missing in a run, or not a number, is left out");
        Map<String, Object> one = SeedRuns.summary(List.of(Map.of("loss", 2.5)));
        assertEquals(2.5, one.get("loss_mean"));
        assertTrue(Double.isNaN((double) one.get("loss_std")), "no spread from one seed");
    }

    @Test
    void theOptionIsACountFromTheSpecsSeedOrAListOfSeeds() {
        assertEquals(List.of(5L, 6L, 7L), SeedRuns.parse("3", 5));
        assertEquals(List.of(1L, 2L, 3L), SeedRuns.parse("1,2,3", 5));
        assertEquals(List.of(7L, 0L), SeedRuns.parse(" 7, 0 ", 5));
        assertEquals(List.of(5L), SeedRuns.parse("1", 5));
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("0", "--seeds 0: the number of seeds must be between 1 and 1000");
        bad.put("-2", "--seeds -2: the number of seeds must be between 1 and 1000");
        bad.put("a", "--seeds a: expected a number of seeds (e.g. --seeds 3: the spec's seed and the next two) or a "
                + "comma-separated list of seeds (e.g. --seeds 1,2,3)");
        bad.put("", "--seeds : expected a number of seeds (e.g. --seeds 3: the spec's seed and the next two) or a "
                + "comma-separated list of seeds (e.g. --seeds 1,2,3)");
        bad.put("a,b", "--seeds a,b: 'a' is not a seed (a whole number >= 0)");
        bad.put("1,,2", "--seeds 1,,2: '' is not a seed (a whole number >= 0)");
        bad.put("1,2,1", "--seeds 1,2,1: seed 1 is listed twice");
        bad.put("1,-3", "--seeds 1,-3: seed -3 is negative (a seed names its run's folder: use whole numbers >= 0)");
        for (Map.Entry<String, String> b : bad.entrySet()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SeedRuns.parse(b.getKey(), 5), b.getKey());
            assertEquals(b.getValue(), e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SeedRuns.parse("2", -1));
        assertTrue(e.getMessage().contains("seed -1 is negative"), e.getMessage());
    }

    @Test
    void aSpecOverSeedsIsCheckedBeforeAnythingRuns() {
        Map<String, Object> toy = RunnerTest.toy();
        for (Object seeds : List.of(List.of(), "3", List.of(1, 1), List.of(1, "x"), List.of(-1))) {
            Map<String, Object> spec = SeedRuns.spec(toy, List.of(1L));
            spec.put("seeds", seeds);
            SpecException e = assertThrows(SpecException.class, () -> new SeedRuns().configure(Spec.of(spec)), seeds::toString);
            assertEquals("seeds", e.path(), e.getMessage());
        }
        Map<String, Object> withSeed = SeedRuns.spec(toy, List.of(1L));
        ((Map<String, Object>) withSeed.get("run")).put("seed", 4);
        assertEquals("run", assertThrows(SpecException.class, () -> new SeedRuns().configure(Spec.of(withSeed))).path());
        Map<String, Object> badKey = SeedRuns.spec(toy, List.of(1L));
        ((Map<String, Object>) badKey.get("run")).put("bogus", 4);
        assertEquals("bogus", assertThrows(SpecException.class, () -> new SeedRuns().configure(Spec.of(badKey))).path(),
                "the experiment's own key, as in its spec file");
    }

    @Test
    void aRunOverTwoSeedsWritesEachSeedsMetricsAndTheirMeanAndStd() throws IOException {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Runner runner = new Runner(new PrintStream(log, true, StandardCharsets.UTF_8), null);
        Runner.Result r = runner.run(SeedRuns.spec(RunnerTest.toy(), List.of(3L, 4L)), tmp, List.of("test"));
        assertTrue(r.succeeded(), r::message);
        Path dir = r.directory().path();
        assertTrue(dir.getFileName().toString().startsWith("toy-fit-seeds-"), dir.toString());
        String out = log.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("== seed 1/2: 3\n") && out.contains("== seed 2/2: 4\n"), out);
        Map<String, Object> a = RunDirectory.readJson(dir.resolve("runs/3/metrics.json"));
        Map<String, Object> b = RunDirectory.readJson(dir.resolve("runs/4/metrics.json"));
        assertEquals(3, ((Number) RunDirectory.readJson(dir.resolve("runs/3/provenance.json")).get("seed")).intValue());
        assertEquals(4, ((Number) RunDirectory.readJson(dir.resolve("runs/4/provenance.json")).get("seed")).intValue());
        List<String> keys = List.of("final_loss", "steps", "wall_seconds", "fit_error");
        assertEquals(keys, List.copyOf(a.keySet()));
        List<String> csv = Files.readAllLines(dir.resolve("seeds.csv"));
        assertEquals("seed," + String.join(",", keys), csv.get(0));
        assertEquals("3," + String.join(",", keys.stream().map(k -> String.valueOf(a.get(k))).toList()), csv.get(1));
        assertEquals("4," + String.join(",", keys.stream().map(k -> String.valueOf(b.get(k))).toList()), csv.get(2));
        assertTrue(((Number) a.get("final_loss")).doubleValue() != ((Number) b.get("final_loss")).doubleValue(), "seeds differ");
        Map<String, Object> m = RunDirectory.readJson(dir.resolve("metrics.json"));
        assertEquals(2, m.get("n"));
        for (String k : keys) {
            double x = ((Number) a.get(k)).doubleValue();
            double y = ((Number) b.get(k)).doubleValue();
            assertEquals((x + y) / 2, ((Number) m.get(k + "_mean")).doubleValue(), 1e-15 * Math.abs(x + y), k);
            assertEquals(Math.abs(x - y) / Math.sqrt(2), ((Number) m.get(k + "_std")).doubleValue(), 1e-12 * Math.abs(x - y) + 1e-300, k);
        }
        String report = Files.readString(dir.resolve("report.html"));
        assertTrue(report.contains("Mean and sample standard deviation over 2 seeds") && report.contains("seeds.csv"), report);
        // loading a seed's model from the parent points to the nested runs
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ToyExperiment.LOADER.load(dir));
        assertTrue(e.getMessage().contains("is a run of 'seeds'") && e.getMessage().contains("runs/<variant>"), e.getMessage());
        try (Stream<Path> s = Files.list(dir.resolve("runs"))) {
            assertEquals(2, s.count());
        }
        assertNull(new HashMap<>(m).get("seed"));
    }
}
