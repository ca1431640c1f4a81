package org.repcon.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Atomic writes: a failed write leaves the previous file and no temporary file, and says which file and why. */
class AtomicFilesTest {
    @TempDir
    Path dir;

    private List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    @Test
    void writesAndReplaces() throws IOException {
        Path file = dir.resolve("sub/out.csv");
        AtomicFiles.write(file, "one".getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(file, out -> out.write("two".getBytes(StandardCharsets.UTF_8)));
        assertEquals("two", Files.readString(file));
        try (Stream<Path> s = Files.list(file.getParent())) {
            assertEquals(List.of(file), s.toList(), "no temporary file is left");
        }
    }

    @Test
    void aWriteThatFailsHalfWayLeavesThePreviousFileAndNoTemporary() throws IOException {
        Path file = dir.resolve("tracks.csv");
        Files.writeString(file, "the previous tracks");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(file, out -> {
            out.write(new byte[100_000]); // more than a buffer's worth reaches the temporary file ...
            throw new IOException("No space left on device"); // ... then the disk is full
        }));
        assertEquals("cannot write " + file + ": No space left on device", e.getMessage());
        assertEquals("the previous tracks", Files.readString(file));
        assertEquals(List.of(file), files());
        RuntimeException r = assertThrows(RuntimeException.class, () -> AtomicFiles.write(file, out -> {
            out.write(1);
            throw new IllegalStateException("the content failed");
        }));
        assertEquals("the content failed", r.getMessage());
        assertEquals(List.of(file), files());
    }

    @Test
    void aParentThatIsAFileIsNamed() throws IOException {
        Path file = dir.resolve("afile");
        Files.writeString(file, "x");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(file.resolve("out.csv"), new byte[1]));
        assertEquals("cannot write " + file.resolve("out.csv") + ": " + file + " exists and is not a folder", e.getMessage());
        e = assertThrows(IOException.class, () -> AtomicFiles.createDirectories(file.resolve("pngs")));
        assertTrue(e.getMessage().startsWith("cannot create the folder " + file.resolve("pngs") + ": Not a directory"), e.getMessage());
        assertEquals(List.of(file), files());
    }

    @Test
    void aSymbolicLinkIsWrittenThroughAndKept() throws IOException {
        Path real = Files.writeString(dir.resolve("real.csv"), "old");
        Path link = Files.createSymbolicLink(dir.resolve("link.csv"), Path.of("real.csv"));
        AtomicFiles.write(link, "new".getBytes(StandardCharsets.UTF_8));
        assertTrue(Files.isSymbolicLink(link), "the link is not replaced by a file");
        assertEquals("new", Files.readString(real));
        assertEquals(List.of(link, real), files());
    }

    @Test
    void aDeviceIsWrittenDirectlyAndAFullOneSaysSo() throws IOException {
        Path full = Path.of("/dev/full"); // every write fails with ENOSPC, like a full disk
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(full), "needs Linux's /dev/full");
        Path link = Files.createSymbolicLink(dir.resolve("out.csv"), full);
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(link, new byte[10_000]));
        assertEquals("cannot write " + link + ": No space left on device", e.getMessage());
        assertTrue(Files.isSymbolicLink(link), "a device is written, never replaced");
        assertEquals(List.of(link), files());
    }
}
