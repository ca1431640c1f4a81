package org.repcon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code repcon} launcher script with a stand-in {@code java} (a bash script that records the signal it gets and
 * whether the launcher's jar snapshot still exists while it handles it): a signal sent to the launcher's pid must
 * reach java, the launcher must end with java's exit status, and the snapshot must outlive java and be removed after.
 * Before, {@code kill <pid of ./repcon>} killed bash, whose EXIT trap deleted the snapshot while java trained on.
 */
class LauncherScriptTest {
    @TempDir
    Path tmp;

    private Path home;
    private Path state;
    private Path snapshots;
    private Map<String, String> env;
    private Process launcher;

    private static final String FAKE_JAVA = String.join("\n",
            "#!/usr/bin/env bash",
            "# stands in for java: records its pid and the snapshot jar of its class path, then waits for a signal",
            "cp=''; while [ $# -gt 0 ]; do [ \"$1\" = -cp ] && cp=\"$2\"; shift; done",
            "jar=\"${cp%%:*}\"",
            "if [ -n \"${FAKE_JAVA_EXIT:-}\" ]; then echo \"$$ $jar\" > \"$STATE/started\"; exit \"$FAKE_JAVA_EXIT\"; fi",
            "on() {",
            "  echo \"$1\" > \"$STATE/signal\"",
            "  sleep 1  # as repcon finishing its step and writing status.json: the snapshot must still be there",
            "  if [ -f \"$jar\" ]; then echo present > \"$STATE/jar-at-exit\"; else echo missing > \"$STATE/jar-at-exit\"; fi",
            "  exit \"$2\"",
            "}",
            "trap 'on TERM 143' TERM; trap 'on INT 130' INT; trap 'on HUP 129' HUP",
            "echo \"$$ $jar\" > \"$STATE/started.tmp\" && mv \"$STATE/started.tmp\" \"$STATE/started\"",
            "for i in $(seq 300); do sleep 0.1; done",
            "echo none > \"$STATE/signal\"; exit 3",
            "");

    @BeforeEach
    void setUp() throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")) || Files.isExecutable(Path.of("/usr/bin/bash")), "needs bash");
        home = Files.createDirectories(tmp.resolve("home"));
        Files.copy(Path.of("..", "repcon"), home.resolve("repcon"));
        Path target = Files.createDirectories(home.resolve("repcon-cli/target/lib"));
        Files.writeString(home.resolve("repcon-cli/target/repcon-cli.jar"), "cli");
        Files.writeString(target.resolve("repcon-core-0.1.0-SNAPSHOT.jar"), "core");
        Files.writeString(target.resolve("picocli-4.7.jar"), "third party");
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Files.writeString(bin.resolve("java"), FAKE_JAVA);
        Files.setPosixFilePermissions(bin.resolve("java"), PosixFilePermissions.fromString("rwxr-xr-x"));
        state = Files.createDirectories(tmp.resolve("state"));
        snapshots = Files.createDirectories(tmp.resolve("snapshots"));
        env = Map.of("PATH", bin + ":" + System.getenv("PATH"), "STATE", state.toString(), "TMPDIR", snapshots.toString());
    }

    @AfterEach
    void stopLeftovers() throws IOException {
        if (launcher != null) {
            launcher.destroyForcibly();
        }
        if (Files.exists(state.resolve("started"))) { // a fake java a broken launcher left running
            long pid = Long.parseLong(Files.readString(state.resolve("started")).split(" ")[0]);
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    private Process start(Map<String, String> extra) throws IOException {
        ProcessBuilder pb = new ProcessBuilder("bash", home.resolve("repcon").toString(), "run", "burgers").redirectErrorStream(true)
                .redirectOutput(tmp.resolve("launcher.log").toFile());
        pb.environment().putAll(env);
        pb.environment().putAll(extra);
        launcher = pb.start();
        return launcher;
    }

    // awaitFile/awaitGone return as soon as the file appears/goes; their bound only turns a hang into a failure,
    // so it is generous (a loaded CI machine must not fail a correct launcher): no speed is asserted.
    private void awaitFile(Path file, long seconds) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!Files.exists(file) && System.nanoTime() < end) {
            Thread.sleep(50);
        }
        assertTrue(Files.exists(file), file + " did not appear");
    }

    private Path snapshot() throws IOException {
        Path jar = Path.of(Files.readString(state.resolve("started")).trim().split(" ", 2)[1]);
        assertTrue(jar.startsWith(snapshots), "java runs from the snapshot: " + jar);
        return jar.getParent();
    }

    private void awaitGone(Path dir, long seconds) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (Files.exists(dir) && System.nanoTime() < end) {
            Thread.sleep(100);
        }
        assertFalse(Files.exists(dir), "the snapshot is removed once java has ended: " + dir);
    }

    private void signalReachesJavaAndTheSnapshotOutlivesIt(String signal, int code) throws Exception {
        Process p = start(Map.of());
        awaitFile(state.resolve("started"), 120);
        Path snap = snapshot();
        assertTrue(Files.isDirectory(snap));
        new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).inheritIO().start().waitFor();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the launcher ends when java has ended");
        assertEquals(code, p.exitValue(), "the launcher's exit status is java's");
        assertEquals(signal, Files.readString(state.resolve("signal")).trim(), "java got the signal sent to ./repcon");
        assertEquals("present", Files.readString(state.resolve("jar-at-exit")).trim(),
                "the snapshot is still there while java finishes");
        awaitGone(snap, 120);
    }

    @Test
    void sigtermToTheLauncherReachesJava() throws Exception {
        signalReachesJavaAndTheSnapshotOutlivesIt("TERM", 143);
    }

    @Test
    void sighupToTheLauncherReachesJava() throws Exception {
        signalReachesJavaAndTheSnapshotOutlivesIt("HUP", 129);
    }

    @Test
    void sigintToTheLauncherReachesJava() throws Exception {
        // a process started with SIGINT ignored (e.g. from a non-interactive shell's `&`) passes that on: then the
        // signal is ignored all the way down by design, and there is nothing to test
        List<String> status = Files.readAllLines(Path.of("/proc/self/status"));
        String ignored = status.stream().filter(l -> l.startsWith("SigIgn:")).findFirst().orElse("SigIgn: 0").split("\\s+")[1];
        assumeFalse((Long.parseLong(ignored, 16) & 2) != 0, "this JVM was started with SIGINT ignored");
        signalReachesJavaAndTheSnapshotOutlivesIt("INT", 130);
    }

    @Test
    void javasExitStatusIsTheLaunchersAndTheSnapshotIsRemoved() throws Exception {
        for (int code : new int[] {0, 1, 2}) {
            Files.deleteIfExists(state.resolve("started"));
            Process p = start(Map.of("FAKE_JAVA_EXIT", Integer.toString(code)));
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            assertEquals(code, p.exitValue());
            awaitGone(snapshot(), 120);
        }
    }
}
