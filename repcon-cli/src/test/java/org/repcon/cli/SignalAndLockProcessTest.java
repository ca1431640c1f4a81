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
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repcon.experiment.RunDirectory;
import org.repcon.training.Checkpoint;
import org.repcon.training.CheckpointStore;

/**
 * The command line as a process, with real signals: a long run is refused to a second {@code repcon resume} while it
 * trains (its lock), then SIGTERM stops it with exit 143, status.json interrupted and a checkpoint at the step it
 * reached; {@code repcon resume} continues from that step and SIGINT (Ctrl-C) stops it again with exit 130. metrics.csv
 * holds every step once. Before: exit 143 with status.json "running", no checkpoint at the stop, and two resumes of
 * one directory both trained.
 */
class SignalAndLockProcessTest {
    @TempDir
    Path out;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stop() {
        started.forEach(Process::destroyForcibly);
    }

    private Process repcon(Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.repcon.cli.Main"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        started.add(p);
        return p;
    }

    /** Waits until {@code csv} has more than {@code rows} data rows (the process trains); returns the count. */
    private static int awaitRows(Path csv, int rows, Process p, Path log) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < end) {
            assertTrue(p.isAlive(), () -> "the process ended early:\n" + read(log));
            if (Files.exists(csv)) {
                int n = Files.readAllLines(csv).size() - 1;
                if (n > rows) {
                    return n;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no training progress in " + csv + ":\n" + read(log));
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static void signal(Process p, String name) throws Exception {
        new ProcessBuilder("kill", "-" + name, Long.toString(p.pid())).inheritIO().start().waitFor();
    }

    /** True if this JVM (and so a child it starts) ignores SIGINT, as under a non-interactive shell's {@code &}. */
    private static boolean sigintIgnored() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseLong(line.split("\\s+")[1], 16) & 2) != 0;
            }
        }
        return false;
    }

    private static Checkpoint latest(Path dir) throws IOException {
        return new CheckpointStore(dir, 100).latest(new ArrayList<>()).orElseThrow();
    }

    private static List<Long> steps(Path csv) throws IOException {
        return Files.readAllLines(csv).stream().skip(1).map(l -> Long.parseLong(l.split(",")[0])).toList();
    }

    @Test
    void aRunIsLockedAndSignalsLeaveItInterruptedAndResumable() throws Exception {
        Path runs = out.resolve("runs");
        Path log = out.resolve("run.log");
        // the HNN's first training, long enough to be interrupted; checkpoints only every 100000 steps
        Process run = repcon(log, "run", CliTest.EXAMPLES.resolve("hnn-spring.yaml").toString(), "--out", runs.toString(),
                "--progress", "log", "--set", "training.stages[0].steps=200000", "--set", "training.log_every=1",
                "--set", "training.checkpoint_every=100000", "--set", "network.hidden=[16,16]", "--set", "threads=1");
        Path csv = null;
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (csv == null && System.nanoTime() < end) {
            if (Files.isDirectory(runs)) {
                try (Stream<Path> s = Files.list(runs)) {
                    csv = s.findFirst().map(d -> d.resolve("metrics-baseline.csv")).orElse(null);
                }
            }
            Thread.sleep(100);
        }
        assertTrue(csv != null, () -> "no run directory: " + read(log));
        Path dir = csv.getParent();
        awaitRows(csv, 20, run, log);

        // a second process on the same directory is refused, touching nothing
        byte[] status = Files.readAllBytes(dir.resolve("status.json"));
        Path log3 = out.resolve("second.log");
        Process second = repcon(log3, "resume", dir.toString(), "--progress", "none");
        assertTrue(second.waitFor(60, TimeUnit.SECONDS), () -> "the second resume was not refused; it trains:\n" + read(log3));
        assertEquals(2, second.exitValue(), read(log3));
        assertTrue(read(log3).contains("run directory " + dir + " is in use by another repcon process (pid " + run.pid() + ")"),
                read(log3));
        assertFalse(read(log3).contains("resuming"), read(log3));
        assertTrue(java.util.Arrays.equals(status, Files.readAllBytes(dir.resolve("status.json"))), "status.json untouched");

        // SIGTERM: stop after the current step, with a checkpoint there
        signal(run, "TERM");
        assertTrue(run.waitFor(60, TimeUnit.SECONDS), () -> "still running after SIGTERM:\n" + read(log));
        assertEquals(143, run.exitValue(), read(log));
        Map<String, Object> s = RunDirectory.readJson(dir.resolve("status.json"));
        assertEquals("interrupted", s.get("state"), s.toString());
        assertTrue(String.valueOf(s.get("message")).contains("interrupted by signal SIGTERM at step "), s.toString());
        long stoppedAt = latest(dir.resolve("checkpoints/baseline")).steps();
        assertTrue(stoppedAt > 20 && stoppedAt < 100000, "a checkpoint at the step reached: " + stoppedAt);
        assertTrue(String.valueOf(s.get("message")).contains("at step " + stoppedAt + " "), s.toString());
        assertEquals(stoppedAt, steps(csv).get(steps(csv).size() - 1), "metrics.csv ends at the checkpoint's step");

        // resume continues from there; Ctrl-C stops it again
        Path log2 = out.resolve("resume.log");
        Process resume = repcon(log2, "resume", dir.toString(), "--progress", "log");
        awaitRows(csv, (int) stoppedAt + 20, resume, log2);
        assertTrue(read(log2).contains("resuming at step " + stoppedAt), read(log2));
        boolean ctrlC = !sigintIgnored();
        signal(resume, ctrlC ? "INT" : "TERM");
        assertTrue(resume.waitFor(60, TimeUnit.SECONDS), () -> "still running after the signal:\n" + read(log2));
        assertEquals(ctrlC ? 130 : 143, resume.exitValue(), read(log2));
        s = RunDirectory.readJson(dir.resolve("status.json"));
        assertEquals("interrupted", s.get("state"), s.toString());
        assertTrue(String.valueOf(s.get("message")).contains(ctrlC ? "SIGINT" : "SIGTERM"), s.toString());
        long stoppedAgain = latest(dir.resolve("checkpoints/baseline")).steps();
        assertTrue(stoppedAgain > stoppedAt + 20, stoppedAgain + " after " + stoppedAt);
        List<Long> rows = steps(csv);
        assertEquals(stoppedAgain, rows.size(), "every step once, none lost or repeated: " + rows.size() + " rows");
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(i + 1, rows.get(i));
        }
        Map<String, Object> provenance = RunDirectory.readJson(dir.resolve("provenance.json"));
        assertEquals(1, ((List<?>) provenance.get("resumes")).size(), "the resume is recorded: " + provenance);
    }
}
