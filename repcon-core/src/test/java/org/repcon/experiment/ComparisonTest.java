package org.repcon.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repcon.DjlTestCase;
import org.repcon.spec.SpecException;

/**
 * The comparison runner ({@link Comparison}) on the toy suite: a variant that fails does not stop the others, the
 * table holds the variants that succeeded, and resuming the comparison reuses the completed variant untouched and
 * trains only the failed one, from its last checkpoint.
 */
class ComparisonTest extends DjlTestCase {
    @TempDir
    Path tmp;

    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final Runner runner = new Runner(new PrintStream(log, true, StandardCharsets.UTF_8), null);

    @AfterEach
    void clear() {
        ToyExperiment.hook = s -> {};
    }

    private static Map<String, Object> suite(List<String> variants) {
        Map<String, Object> suite = new LinkedHashMap<>(Map.of("experiment", "toy-suite", "seed", 3, "threads", 1, "variants", variants));
        suite.put("training", RunnerTest.toy().get("training"));
        return suite;
    }

    @Test
    void resumingReusesTheCompletedVariantAndRetriesTheFailedOne() throws IOException {
        Path dir = tmp.resolve("suite");
        AtomicInteger steps = new AtomicInteger();
        ToyExperiment.hook = s -> {
            if (steps.incrementAndGet() == 30 + 12) { // variant b (after a's 30 steps), at its step 12
                throw new IllegalStateException("simulated failure");
            }
        };
        Runner.Result r = runner.runNested(suite(List.of("a", "b")), dir, List.of("test"));
        assertFalse(r.succeeded());
        assertTrue(r.message().startsWith("1 variant(s) failed: b (") && r.message().contains("simulated failure")
                && r.message().endsWith("`repcon resume " + dir + "` retries them and reuses the completed ones"), r.message());
        Map<String, Object> a = RunDirectory.readJson(dir.resolve("runs/a/metrics.json"));
        List<String> csv = Files.readAllLines(dir.resolve("comparison.csv"));
        assertEquals(List.of("variant,final_loss,steps,fit_error", "a," + a.get("final_loss") + ",30," + a.get("fit_error")), csv);
        String out = log.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("== variant 1/2: a\n") && out.contains("== variant 2/2: b\n"), out);

        byte[] model = Files.readAllBytes(dir.resolve("runs/a/model.bin"));
        byte[] metrics = Files.readAllBytes(dir.resolve("runs/a/metrics.csv"));
        steps.set(0);
        Runner.Result resumed = runner.resume(dir);
        assertTrue(resumed.succeeded(), resumed::message);
        assertEquals(30 - 10, steps.get(), "only b trained, from its checkpoint at step 10");
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("reusing completed run: " + dir.resolve("runs").resolve("a")));
        assertArrayEquals(model, Files.readAllBytes(dir.resolve("runs/a/model.bin")), "a is not retrained");
        assertArrayEquals(metrics, Files.readAllBytes(dir.resolve("runs/a/metrics.csv")));
        Map<String, Object> b = RunDirectory.readJson(dir.resolve("runs/b/metrics.json"));
        assertEquals(List.of("variant,final_loss,steps,fit_error", "a," + a.get("final_loss") + ",30," + a.get("fit_error"),
                "b," + b.get("final_loss") + ",30," + b.get("fit_error")), Files.readAllLines(dir.resolve("comparison.csv")));
        assertEquals(a.get("final_loss"), resumed.metrics().get("a.final_loss"));
        assertEquals(b.get("final_loss"), resumed.metrics().get("b.final_loss"));
        assertEquals(a.get("final_loss"), b.get("final_loss"), "same spec and seed: the resumed b equals a");
        assertTrue(Files.readString(dir.resolve("report.html")).contains("Toy comparison"));
    }

    @Test
    void aVariantIsABaseSpecWithKeysSetAndIsValidated() {
        Map<String, Object> base = RunnerTest.toy();
        Map<String, Object> v = Comparison.variant(base, List.of("seed=8", "training.stages[0].steps=4"));
        assertEquals(8, v.get("seed"));
        assertEquals(3, base.get("seed"), "the base is not changed");
        SpecException e = assertThrows(SpecException.class, () -> Comparison.variant(base, List.of("training.bogus=1")));
        assertEquals("training.bogus", e.path(), e.getMessage());
    }
}
