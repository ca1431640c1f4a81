package org.repcon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repcon.data.IdxFile;
import org.repcon.experiment.RunDirectory;

/**
 * "Resume equals an uninterrupted run" after the last checkpoint too: each experiment killed during its final
 * evaluation (every step checkpointed, no metrics.json, status running) and resumed reports exactly the metrics of
 * the uninterrupted run, final loss and steps included (they came from the trainer's last step, which a resume
 * after the last checkpoint does not run: Burgers reported final_loss null, the tracker and the autoencoder dropped
 * train_loss, the HNN its train_loss_baseline whenever its second training was resumed). And a results file that
 * cannot be written fails the run (exit 1) instead of being reported as a success.
 */
class ResumeAfterTrainingTest {
    @TempDir
    Path out;

    private Path runOnce(Path runs, String... args) throws IOException {
        List<String> a = new ArrayList<>(List.of(args));
        a.addAll(1, List.of("--out", runs.toString(), "--progress", "none"));
        CliTest.Captured c = CliTest.run(a.toArray(String[]::new));
        assertEquals(0, c.code(), c.stdout() + c.stderr());
        try (Stream<Path> s = Files.list(runs)) {
            return s.findFirst().orElseThrow();
        }
    }

    /** A copy of {@code full} as a process killed after checkpoint {@code keepUpTo} of {@code training} left it. */
    private Path killedCopy(Path full, String name, String training, long keepUpTo) throws IOException {
        Path copy = out.resolve(name);
        CliTest.copyTree(full, copy);
        Path checkpoints = training == null ? copy.resolve("checkpoints") : copy.resolve("checkpoints").resolve(training);
        try (Stream<Path> s = Files.list(checkpoints)) {
            for (Path p : s.toList()) {
                String n = p.getFileName().toString();
                if (n.endsWith(".ckpt") && Long.parseLong(n.replaceAll("\\D", "")) > keepUpTo) {
                    Files.delete(p);
                }
            }
        }
        Files.delete(copy.resolve("metrics.json"));
        Files.deleteIfExists(copy.resolve("report.html"));
        new RunDirectory(copy).writeStatus("running", null);
        return copy;
    }

    private static Map<String, Object> resume(Path dir) throws IOException {
        CliTest.Captured r = CliTest.run("resume", dir.toString(), "--progress", "none");
        assertEquals(0, r.code(), r.stdout() + r.stderr());
        assertEquals("completed", new RunDirectory(dir).readState());
        return new TreeMap<>(RunDirectory.readJson(dir.resolve("metrics.json")));
    }

    private static Map<String, Object> metrics(Path dir) throws IOException {
        return new TreeMap<>(RunDirectory.readJson(dir.resolve("metrics.json")));
    }

    private static Map<String, Object> withoutTimes(Map<String, Object> m) {
        Map<String, Object> r = new TreeMap<>(m);
        r.keySet().removeIf(k -> k.contains("seconds") || k.contains("per_second"));
        return r;
    }

    @Test
    void burgersKilledDuringTheFinalEvaluation() throws IOException {
        List<String> args = new ArrayList<>(List.of("run", CliTest.EXAMPLES.resolve("burgers.yaml").toString()));
        for (String s : CliTest.SMALL_BURGERS) {
            args.addAll(List.of("--set", s));
        }
        Path full = runOnce(out.resolve("runs"), args.toArray(String[]::new));
        Map<String, Object> want = metrics(full);
        assertTrue(want.get("final_loss") instanceof Number, want.toString());
        Path copy = killedCopy(full, "killed", null, Long.MAX_VALUE);
        assertEquals(want, resume(copy), "final_loss, steps, wall_seconds and the evaluation equal the uninterrupted run's");
    }

    @Test
    void hnnKilledDuringTheFinalEvaluationOrDuringItsSecondTraining() throws IOException {
        Path full = runOnce(out.resolve("runs"), "run", CliTest.EXAMPLES.resolve("hnn-spring.yaml").toString(),
                "--set", "training.stages[0].steps=20", "--set", "training.checkpoint_every=5", "--set", "training.keep_checkpoints=10",
                "--set", "evaluation.rk4_steps=100", "--set", "evaluation.stride=10", "--set", "network.hidden=[32,32]");
        Map<String, Object> want = metrics(full);
        assertTrue(want.get("train_loss_baseline") instanceof Number && want.get("train_loss_hnn") instanceof Number, want.toString());
        assertEquals(want, resume(killedCopy(full, "killed-at-end", "hnn", Long.MAX_VALUE)));
        // killed in the HNN's training: the baseline's training is restored after its last step, the HNN's from step 10
        assertEquals(withoutTimes(want), withoutTimes(resume(killedCopy(full, "killed-in-hnn", "hnn", 10))));
    }

    @Test
    void autoencoderKilledDuringTheFinalEvaluation(@TempDir Path data) throws IOException {
        java.util.Random rng = new java.util.Random(1);
        for (String prefix : List.of("train", "t10k")) {
            int n = prefix.equals("train") ? 64 : 24;
            byte[] pixels = new byte[n * 784];
            rng.nextBytes(pixels);
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                labels[i] = i % 3;
            }
            IdxFile.writeImages(data.resolve(prefix + "-images-idx3-ubyte.gz"), pixels, n, 28, 28, true);
            IdxFile.writeLabels(data.resolve(prefix + "-labels-idx1-ubyte.gz"), labels, true);
        }
        Path full = runOnce(out.resolve("runs"), "run", CliTest.EXAMPLES.resolve("autoencoder.yaml").toString(),
                "--set", "data.dir=" + data, "--set", "training.batch_size=32", "--set", "training.epochs=2",
                "--set", "evaluation.embedding=pca", "--set", "evaluation.embedding_points=20", "--set", "evaluation.knn_train_subsample=0");
        Map<String, Object> want = metrics(full);
        assertTrue(want.get("train_loss") instanceof Number, want.toString());
        assertEquals(want, resume(killedCopy(full, "killed", null, Long.MAX_VALUE)));
    }

    @Test
    void trackerKilledDuringTheFinalEvaluation() throws IOException {
        Path spec = out.resolve("tracker.yaml");
        Files.writeString(spec, String.join("\n", "experiment: tracker", "seed: 3", "threads: 1",
                "data: {size: 32, train_images: 16, test_images: 6}", "model: {channels: [8, 8], slots: 3}",
                "evaluation: {overlay_images: 2, extra_noise_images: 4}", "training: {batch_size: 8, epochs: 2, log_every: 1}", ""));
        Path full = runOnce(out.resolve("runs"), "run", spec.toString());
        Map<String, Object> want = metrics(full);
        assertTrue(want.get("train_loss") instanceof Number, want.toString());
        assertEquals(want, resume(killedCopy(full, "killed", null, Long.MAX_VALUE)));
    }

    @Test
    void aReportThatCannotBeWrittenIsAFailedRunNotASuccess() throws IOException {
        Path full = runOnce(out.resolve("runs"), "run", CliTest.EXAMPLES.resolve("hnn-spring.yaml").toString(),
                "--set", "training.stages[0].steps=20", "--set", "evaluation.rk4_steps=100", "--set", "evaluation.stride=10",
                "--set", "network.hidden=[32,32]");
        Path copy = killedCopy(full, "full-disk", "hnn", Long.MAX_VALUE);
        Files.createDirectories(copy.resolve("report.html").resolve("x")); // an injected failing path: the write throws
        List<String> checkpointsBefore;
        try (Stream<Path> s = Files.walk(copy.resolve("checkpoints"))) {
            checkpointsBefore = s.map(p -> copy.relativize(p).toString()).sorted().toList();
        }
        CliTest.Captured r = CliTest.run("resume", copy.toString(), "--progress", "none");
        assertEquals(1, r.code(), r.stdout() + r.stderr());
        assertTrue(r.stderr().contains("could not write report.html"), r.stderr());
        assertFalse(r.stdout().contains("report: "), "no report path is printed as if it existed:\n" + r.stdout());
        Map<String, Object> status = RunDirectory.readJson(copy.resolve("status.json"));
        assertEquals("failed", status.get("state"));
        assertTrue(String.valueOf(status.get("message")).contains("report.html"), status.toString());
        try (Stream<Path> s = Files.walk(copy.resolve("checkpoints"))) {
            assertEquals(checkpointsBefore, s.map(p -> copy.relativize(p).toString()).sorted().toList(), "checkpoints kept");
        }
        assertFalse(checkpointsBefore.isEmpty());
    }
}
