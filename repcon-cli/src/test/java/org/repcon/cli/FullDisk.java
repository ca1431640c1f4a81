package org.repcon.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the command line in a child JVM whose files may not grow beyond a few KiB ({@code ulimit -f}): a write past
 * the limit fails with "File too large" (the JVM ignores SIGXFSZ), part of the data written, as on a disk that
 * fills up. Linux (bash) only.
 */
final class FullDisk {
    private FullDisk() {}

    /** Whether the child can be started here. */
    static boolean available() {
        return System.getProperty("os.name").startsWith("Linux") && Files.isExecutable(Path.of("/bin/bash"));
    }

    /** {@code repcon args...} with files limited to {@code kib} KiB; exit code, stdout and stderr. */
    static CliTest.Captured run(int kib, String... args) {
        List<String> command = new ArrayList<>(List.of("/bin/bash", "-c", "ulimit -f " + kib + " && exec \"$@\"", "repcon",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:-UsePerfData", "-Dai.djl.offline=true",
                "-Dai.djl.pytorch.num_threads=1", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        try {
            Path stdout = Files.createTempFile("repcon-full-disk", ".out");
            Path stderr = Files.createTempFile("repcon-full-disk", ".err");
            try {
                Process p = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
                if (!p.waitFor(300, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IllegalStateException("repcon " + String.join(" ", args) + " did not end within 300 s");
                }
                return new CliTest.Captured(p.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                        Files.readString(stderr, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(stdout);
                Files.deleteIfExists(stderr);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
