package org.repcon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repcon.experiment.RunDirectory;

/** End-to-end checks of the command line on the built-in examples, with few steps. */
class CliTest {
    static final Path EXAMPLES = Path.of("..", "examples");

    @TempDir
    Path out;

    record Captured(int code, String stdout, String stderr) {}

    static Captured run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            int code = Main.execute(args);
            return new Captured(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    private Path onlyRunDir() throws IOException {
        try (Stream<Path> s = Files.list(out)) {
            List<Path> dirs = s.toList();
            assertEquals(1, dirs.size(), "one run directory expected, got " + dirs);
            return dirs.get(0);
        }
    }

    static String[] args(Path spec, Path out, String... sets) {
        List<String> a = new ArrayList<>(List.of("run", spec.toString(), "--out", out.toString(), "--progress", "log"));
        for (String s : sets) {
            a.add("--set");
            a.add(s);
        }
        return a.toArray(String[]::new);
    }

    static final String[] SMALL_BURGERS = {"data.n_f=500", "training.stages[0].steps=20", "training.stages[1].steps=5",
        "evaluation.every=10", "training.checkpoint_every=5", "training.keep_checkpoints=20", "training.log_every=5"};

    @Test
    void burgersSmokeRunWritesEveryArtifact() throws IOException {
        Captured c = run(args(EXAMPLES.resolve("burgers.yaml"), out, SMALL_BURGERS));
        assertEquals(0, c.code(), c.stderr());
        Path dir = onlyRunDir();
        for (String f : List.of("spec.yaml", "provenance.json", "metrics.csv", "metrics.json", "status.json", "report.html",
                "prediction.csv", "training_points.csv", "initial_parameters.json", "plots/u_predicted.png", "plots/u_reference.png",
                "plots/u_abs_error.png", "plots/slice_t0.50.png", "plots/loss.png")) {
            assertTrue(Files.exists(dir.resolve(f)), "missing " + f);
        }
        Map<String, Object> metrics = RunDirectory.readJson(dir.resolve("metrics.json"));
        for (String key : List.of("rel_l2_error", "wall_seconds", "steps")) {
            assertTrue(metrics.containsKey(key), "metrics.json lacks " + key);
        }
        double error = ((Number) metrics.get("rel_l2_error")).doubleValue();
        assertTrue(error > 0 && error < 2, "rel_l2_error " + error);
        assertEquals(25, ((Number) metrics.get("steps")).intValue());
        List<String> prediction = Files.readAllLines(dir.resolve("prediction.csv"));
        assertEquals("t,x,u_pred,u_ref", prediction.get(0));
        assertEquals(1 + 256 * 100, prediction.size());
        Map<String, Object> provenance = RunDirectory.readJson(dir.resolve("provenance.json"));
        for (String key : List.of("repcon_version", "djl_version", "pytorch_version", "seed", "cpu", "started", "ended")) {
            assertTrue(provenance.get(key) != null, "provenance lacks " + key);
        }
        assertEquals("completed", RunDirectory.readJson(dir.resolve("status.json")).get("state"));
        String spec = Files.readString(dir.resolve("spec.yaml"));
        assertTrue(spec.contains("n_f: 500") && spec.contains("tolerance_grad"), "resolved spec has overrides and defaults:\n" + spec);
        String html = Files.readString(dir.resolve("report.html"));
        assertTrue(html.contains("data:image/png;base64,"), "report embeds its plots");
    }

    @Test
    void resumedRunEndsWhereTheUninterruptedRunEnds() throws IOException {
        // float64 here (float32 elsewhere), so both precisions run end to end
        List<String> sets = new ArrayList<>(List.of(SMALL_BURGERS));
        sets.add("training.dtype=float64");
        Captured c = run(args(EXAMPLES.resolve("burgers.yaml"), out, sets.toArray(String[]::new)));
        assertEquals(0, c.code(), c.stderr());
        Path full = onlyRunDir();
        // an interrupted copy: only the checkpoints up to step 10 (inside Adam) and step 20, status running
        for (long cut : new long[] {10, 20}) {
            Path copy = out.resolveSibling(out.getFileName() + "-cut" + cut);
            copyTree(full, copy);
            try (Stream<Path> s = Files.list(copy.resolve("checkpoints"))) {
                for (Path p : s.toList()) {
                    long step = Long.parseLong(p.getFileName().toString().replaceAll("\\D", ""));
                    if (step > cut) {
                        Files.delete(p);
                    }
                }
            }
            Files.delete(copy.resolve("metrics.json"));
            new RunDirectory(copy).writeStatus("running", null);
            Captured r = run("resume", copy.toString(), "--progress", "log");
            assertEquals(0, r.code(), r.stderr());
            assertTrue(r.stdout().contains("resuming at step " + cut), r.stdout());
            assertEquals(Files.readString(full.resolve("prediction.csv")), Files.readString(copy.resolve("prediction.csv")),
                    "resuming from step " + cut + " must reproduce the uninterrupted run");
            List<String> rows = Files.readAllLines(copy.resolve("metrics.csv"));
            assertEquals(Files.readAllLines(full.resolve("metrics.csv")).size(), rows.size(), "no metrics row duplicated or lost");
        }
    }

    @Test
    void hnnExamplesRunAndReportBothModels() throws IOException {
        for (String example : List.of("hnn-spring.yaml", "hnn-pendulum.yaml")) {
            Path o = out.resolve(example);
            Captured c = run(args(EXAMPLES.resolve(example), o, "training.stages[0].steps=20", "evaluation.rk4_steps=100",
                    "evaluation.stride=10", "network.hidden=[32,32]"));
            assertEquals(0, c.code(), c.stderr());
            Path dir;
            try (Stream<Path> s = Files.list(o)) {
                dir = s.findFirst().orElseThrow();
            }
            Map<String, Object> m = RunDirectory.readJson(dir.resolve("metrics.json"));
            for (String key : List.of("test_loss_baseline", "test_loss_hnn", "energy_mse_baseline", "energy_mse_hnn")) {
                assertTrue(m.get(key) instanceof Number, example + ": metrics.json lacks " + key + ": " + m);
            }
            assertTrue(Files.exists(dir.resolve("plots/phase_portrait.png")) && Files.exists(dir.resolve("plots/energy.png")));
            assertTrue(Files.exists(dir.resolve("metrics-baseline.csv")) && Files.exists(dir.resolve("metrics-hnn.csv")));
        }
    }

    @Test
    void unknownKeyIsRejectedWithItsPathAndNothingIsWritten() throws IOException {
        Path spec = out.resolve("bad.yaml");
        Files.writeString(spec, Files.readString(EXAMPLES.resolve("burgers.yaml")).replace("activation: tanh", "activaton: tanh"));
        Path runs = out.resolve("runs");
        Captured c = run(args(spec, runs));
        assertEquals(2, c.code());
        assertTrue(c.stderr().contains("network.activaton") && c.stderr().contains("activation"), c.stderr());
        assertFalse(Files.exists(runs), "no run directory for an invalid spec");
    }

    @Test
    void wrongTypeAndMalformedYamlAndMissingFileAreClearErrors() throws IOException {
        Captured wrongType = run(args(EXAMPLES.resolve("burgers.yaml"), out.resolve("r1"), "training.stages[0].lr=fast"));
        assertEquals(2, wrongType.code());
        assertTrue(wrongType.stderr().contains("training.stages[0].lr") && wrongType.stderr().contains("number"), wrongType.stderr());

        Path broken = out.resolve("broken.yaml");
        Files.writeString(broken, "experiment: burgers-pinn\ntraining:\n  stages: [ {optimizer: adam\n");
        Captured malformed = run(args(broken, out.resolve("r2")));
        assertEquals(2, malformed.code());
        assertTrue(malformed.stderr().contains("broken.yaml") && malformed.stderr().contains("line"), malformed.stderr());

        Captured missing = run(args(out.resolve("nope.yaml"), out.resolve("r3")));
        assertEquals(2, missing.code());
        assertTrue(missing.stderr().contains("nope.yaml"), missing.stderr());

        Captured unknownExperiment = run("validate", EXAMPLES.resolve("burgers.yaml").toString(), "--set", "experiment=nosuch");
        assertEquals(2, unknownExperiment.code());
        assertTrue(unknownExperiment.stderr().contains("burgers-pinn"), "lists the known experiments: " + unknownExperiment.stderr());
    }

    @Test
    void divergingTrainingFailsNamingTheTermAndKeepsCheckpoints() throws IOException {
        // float32 overflows to Infinity/NaN within a step or two at this learning rate (float64 stays finite longer)
        Captured c = run(args(EXAMPLES.resolve("burgers.yaml"), out, "data.n_f=200", "training.stages[0].steps=40",
                "training.stages[1].steps=0", "network.activation=sin", "training.stages[0].lr=1e3", "training.dtype=float32", "training.checkpoint_every=1", "training.keep_checkpoints=100",
                "training.log_every=1"));
        assertEquals(1, c.code(), c.stdout() + c.stderr());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("loss term '(mse_u|mse_f)' became (NaN|Infinity).*?at step (\\d+)").matcher(c.stderr());
        assertTrue(m.find(), c.stderr());
        Path dir = onlyRunDir();
        // the step named is the one after the last completed step, numbered as metrics.csv (and the progress display) number them
        List<String> rows = Files.readAllLines(dir.resolve("metrics.csv"));
        long lastCompleted = rows.size() == 1 ? 0 : Long.parseLong(rows.get(rows.size() - 1).split(",")[0]);
        assertEquals(lastCompleted + 1, Long.parseLong(m.group(3)), c.stderr() + "\n" + String.join("\n", rows));
        assertEquals("failed", RunDirectory.readJson(dir.resolve("status.json")).get("state"));
        assertFalse(Files.exists(dir.resolve("metrics.json")), "no final metrics for a failed run");
        assertTrue(Files.exists(dir.resolve("report.html")), "a failed run still gets a report saying why");
        try (Stream<Path> s = Files.list(dir.resolve("checkpoints"))) {
            List<Path> kept = s.toList();
            assertFalse(kept.isEmpty(), "the checkpoints before the failure are kept");
            for (Path p : kept) {
                org.repcon.training.CheckpointStore.read(p); // every kept checkpoint is intact
            }
        }
    }

    @Test
    void listShowsExperimentsAndExamples() {
        Captured c = run("list");
        assertEquals(0, c.code());
        for (String s : Arrays.asList("burgers-pinn", "hnn")) {
            assertTrue(c.stdout().contains(s), c.stdout());
        }
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
