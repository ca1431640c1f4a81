package org.repcon.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repcon.DjlTestCase;
import org.repcon.training.CheckpointStore;

/**
 * The runner's promises on a seconds-long experiment ({@link ToyExperiment}): a resume after the last checkpoint
 * reports what the uninterrupted run reported; a failure to write metrics.json or report.html fails the run and keeps
 * the checkpoints; a second runner on a run directory in use is refused before it touches anything; a stop request
 * (what a signal does) leaves an interrupted run with a checkpoint that resumes exactly; nested run names are folders.
 */
class RunnerTest extends DjlTestCase {
    @TempDir
    Path tmp;

    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final Runner runner = new Runner(new PrintStream(log, true, StandardCharsets.UTF_8), null);

    @AfterEach
    void clear() {
        ToyExperiment.hook = s -> {};
        Interruption.reset();
    }

    /** Adam then L-BFGS, every step logged, a checkpoint every 5 steps (all kept). */
    static Map<String, Object> toy() {
        Map<String, Object> training = new LinkedHashMap<>();
        training.put("dtype", "float64");
        training.put("log_every", 1);
        training.put("checkpoint_every", 5);
        training.put("keep_checkpoints", 100);
        training.put("stages", List.of(Map.of("optimizer", "adam", "steps", 20, "lr", 0.02),
                Map.of("optimizer", "lbfgs", "steps", 10)));
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("experiment", "toy-fit");
        tree.put("seed", 3);
        tree.put("threads", 1);
        tree.put("training", training);
        return tree;
    }

    private Runner.Result full(Path dir) throws IOException {
        Runner.Result r = runner.runNested(toy(), dir, List.of("test"));
        assertTrue(r.succeeded(), r::message);
        return r;
    }

    private static String state(Path dir) throws IOException {
        return new RunDirectory(dir).readState();
    }

    private static Map<String, Object> withoutWall(Map<String, Object> metrics) {
        Map<String, Object> m = new HashMap<>(metrics);
        m.remove("wall_seconds");
        return m;
    }

    /** metrics.csv without its wall_seconds column (the only cell that depends on the machine's speed). */
    private static List<String> rowsWithoutWall(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        int wall = List.of(lines.get(0).split(",", -1)).indexOf("wall_seconds");
        return lines.stream().map(l -> {
            List<String> cells = new ArrayList<>(List.of(l.split(",", -1)));
            cells.remove(wall);
            return String.join(",", cells);
        }).collect(Collectors.toList());
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

    @Test
    void aResumeAfterTheLastCheckpointReportsWhatTheUninterruptedRunReported() throws IOException {
        Path a = tmp.resolve("a");
        Runner.Result uninterrupted = full(a);
        assertNotNull(uninterrupted.metrics().get("final_loss"));
        // killed during the final evaluation: every step checkpointed, no metrics.json, status still running
        Path b = tmp.resolve("b");
        copyTree(a, b);
        Files.delete(b.resolve("metrics.json"));
        Files.delete(b.resolve("report.html"));
        new RunDirectory(b).writeStatus("running", null);
        Runner.Result resumed = runner.resume(b);
        assertTrue(resumed.succeeded(), resumed::message);
        assertEquals(RunDirectory.readJson(a.resolve("metrics.json")), RunDirectory.readJson(b.resolve("metrics.json")),
                "final loss, steps, training time and the evaluation equal the uninterrupted run's");
        assertEquals(Files.readAllLines(a.resolve("metrics.csv")), Files.readAllLines(b.resolve("metrics.csv")));
    }

    @Test
    void aReportThatCannotBeWrittenFailsTheRunAndKeepsTheCheckpoints() throws IOException {
        for (String obstacle : List.of("report.html", "metrics.json")) {
            Path dir = tmp.resolve("blocked-" + obstacle);
            // an injected failing path: a non-empty folder where the file goes (as a full disk, the write throws)
            Files.createDirectories(dir.resolve(obstacle).resolve("x"));
            Runner.Result r = runner.runNested(toy(), dir, List.of("test"));
            assertFalse(r.succeeded(), obstacle + ": the run must fail");
            assertTrue(r.message().contains("could not write " + obstacle), r.message());
            assertEquals("failed", state(dir));
            assertTrue(String.valueOf(RunDirectory.readJson(dir.resolve("status.json")).get("message")).contains(obstacle));
            List<Path> checkpoints = new CheckpointStore(dir.resolve("checkpoints"), 100).list();
            assertEquals(6, checkpoints.size(), "checkpoints after 5, 10, ..., 30 steps (the last the final one): " + checkpoints);
            for (Path p : checkpoints) {
                CheckpointStore.read(p);
            }
            // once there is room again, resuming writes the results
            Files.delete(dir.resolve(obstacle).resolve("x"));
            Files.delete(dir.resolve(obstacle));
            Runner.Result again = runner.resume(dir);
            assertTrue(again.succeeded(), again::message);
            assertEquals("completed", state(dir));
            assertTrue(Files.isRegularFile(dir.resolve("report.html")) && Files.isRegularFile(dir.resolve("metrics.json")));
        }
    }

    @Test
    void aSecondRunnerOnARunDirectoryInUseIsRefusedAndTouchesNothing() throws IOException {
        Path dir = tmp.resolve("busy");
        List<Object> seen = new ArrayList<>();
        ToyExperiment.hook = steps -> {
            if (steps == 12) { // while the run trains: a second `repcon resume` of the same directory
                try {
                    byte[] status = Files.readAllBytes(dir.resolve("status.json"));
                    byte[] csv = Files.readAllBytes(dir.resolve("metrics.csv"));
                    seen.add(assertThrows(IOException.class, () -> new Runner(System.out, null).resume(dir)));
                    seen.add(assertThrows(IOException.class, () -> new Runner(System.out, null).runNested(toy(), dir, List.of("again"))));
                    assertTrue(java.util.Arrays.equals(status, Files.readAllBytes(dir.resolve("status.json"))), "status untouched");
                    assertTrue(java.util.Arrays.equals(csv, Files.readAllBytes(dir.resolve("metrics.csv"))), "metrics.csv untouched");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        };
        full(dir);
        assertEquals(2, seen.size(), "both refused: " + seen);
        for (Object e : seen) {
            String m = ((Exception) e).getMessage();
            assertTrue(m.contains("run directory " + dir + " is in use by") && m.contains("(pid " + ProcessHandle.current().pid() + ")"), m);
        }
        List<String> steps = Files.readAllLines(dir.resolve("metrics.csv")).stream().skip(1).map(l -> l.split(",")[0]).toList();
        assertEquals(30, steps.size(), "every step once: " + steps);
        assertEquals(steps.size(), steps.stream().distinct().count());
        // released at the end: the next runner may take it
        Files.delete(dir.resolve("metrics.json"));
        new RunDirectory(dir).writeStatus("failed", "simulated");
        assertTrue(runner.resume(dir).succeeded());
    }

    @Test
    void aStopRequestLeavesAnInterruptedRunThatResumesToTheUninterruptedResult() throws IOException {
        Path a = tmp.resolve("a");
        full(a);
        for (long at : new long[] {7, 23}) { // in the Adam stage (between checkpoints), in the L-BFGS stage
            Path b = tmp.resolve("b" + at);
            ToyExperiment.hook = steps -> {
                if (steps == at) {
                    Interruption.request("SIGTERM", 15); // what the signal handler does first
                }
            };
            Runner.Result r = runner.runNested(toy(), b, List.of("test"));
            assertTrue(r.interrupted() && !r.succeeded(), String.valueOf(r));
            assertEquals("SIGTERM", r.interruptedBy());
            assertEquals(143, Interruption.exitCode());
            assertEquals("interrupted", state(b));
            String message = String.valueOf(RunDirectory.readJson(b.resolve("status.json")).get("message"));
            assertTrue(message.contains("interrupted by signal SIGTERM at step " + at) && message.contains("repcon resume " + b), message);
            assertFalse(Files.exists(b.resolve("metrics.json")));
            assertEquals(at, CheckpointStore.read(new CheckpointStore(b.resolve("checkpoints"), 100).list()
                    .get(new CheckpointStore(b.resolve("checkpoints"), 100).list().size() - 1)).steps(), "a checkpoint where it stopped");
            Interruption.reset();
            ToyExperiment.hook = s -> {};
            Runner.Result resumed = runner.resume(b);
            assertTrue(resumed.succeeded(), resumed::message);
            assertEquals(withoutWall(RunDirectory.readJson(a.resolve("metrics.json"))), withoutWall(RunDirectory.readJson(b.resolve("metrics.json"))));
            assertEquals(rowsWithoutWall(a.resolve("metrics.csv")), rowsWithoutWall(b.resolve("metrics.csv")));
        }
    }

    @Test
    void anInterruptedNestedRunStopsItsSuiteWhichResumesIt() throws IOException {
        Map<String, Object> suite = new LinkedHashMap<>(Map.of("experiment", "toy-suite", "seed", 3, "threads", 1,
                "variants", List.of("first", "second"), "training", toy().get("training")));
        Path dir = tmp.resolve("suite");
        ToyExperiment.hook = steps -> {
            if (steps == 9) {
                Interruption.request("SIGINT", 2);
            }
        };
        Runner.Result r = runner.runNested(suite, dir, List.of("test"));
        assertTrue(r.interrupted(), String.valueOf(r));
        assertEquals(130, Interruption.exitCode());
        assertEquals("interrupted", state(dir));
        assertEquals("interrupted", state(dir.resolve("runs/first")));
        assertFalse(Files.exists(dir.resolve("runs/second")), "the suite did not go on to its next variant");
        Interruption.reset();
        ToyExperiment.hook = s -> {};
        Runner.Result resumed = runner.resume(dir);
        assertTrue(resumed.succeeded(), resumed::message);
        assertEquals(resumed.metrics().get("first.final_loss"), resumed.metrics().get("second.final_loss"), "same spec, same result");
    }

    /** A nested run prints to the runner's stream (e.g. the CLI's or a test's), not straight to System.out. */
    @Test
    void aNestedRunPrintsToTheRunnersStream() throws IOException {
        Map<String, Object> suite = new LinkedHashMap<>(Map.of("experiment", "toy-suite", "seed", 3, "threads", 1,
                "variants", List.of("only"), "training", toy().get("training")));
        Path dir = tmp.resolve("suite");
        PrintStream stdout = System.out;
        ByteArrayOutputStream leaked = new ByteArrayOutputStream();
        Runner.Result r;
        System.setOut(new PrintStream(leaked, true, StandardCharsets.UTF_8));
        try {
            r = runner.runNested(suite, dir, List.of("test"));
        } finally {
            System.setOut(stdout);
        }
        assertTrue(r.succeeded(), r::message);
        String nested = "run directory: " + dir.resolve("runs").resolve("only");
        assertTrue(log.toString(StandardCharsets.UTF_8).contains(nested), () -> log.toString(StandardCharsets.UTF_8));
        assertFalse(leaked.toString(StandardCharsets.UTF_8).contains(nested), () -> leaked.toString(StandardCharsets.UTF_8));
    }

    @Test
    void nestedRunNamesMustBePlainFolderNames() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("outer"));
        RunContext ctx = new RunContext(new RunDirectory(dir), 1, false, Provenance.start("x", 1, 1, "", List.of()), null,
                System.out);
        for (String bad : List.of(".", "..", "../x", "a/b", "")) {
            assertThrows(IllegalArgumentException.class, () -> ctx.runNested(bad, toy()), bad);
        }
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(), s.toList());
        }
    }
}
