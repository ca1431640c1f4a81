package org.repcon.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoint files: exact round trip, checksums, skipping corrupt files, truncation, retention. */
class CheckpointStoreTest {
    @TempDir
    Path dir;

    private static Checkpoint checkpoint(long steps) {
        byte[] params = new byte[100];
        byte[] opt = new byte[37];
        for (int i = 0; i < params.length; i++) {
            params[i] = (byte) (steps * 7 + i);
        }
        for (int i = 0; i < opt.length; i++) {
            opt[i] = (byte) (steps * 3 - i);
        }
        return new Checkpoint(steps, (int) (steps / 30), steps * 0.5, steps / 30 * 30, params, opt, new byte[] {1, 2});
    }

    private static void assertSameCheckpoint(Checkpoint want, Checkpoint got) {
        assertEquals(want.steps(), got.steps());
        assertEquals(want.stage(), got.stage());
        assertEquals(want.wallSeconds(), got.wallSeconds());
        assertEquals(want.stageStep(), got.stageStep());
        assertArrayEquals(want.parameters(), got.parameters());
        assertArrayEquals(want.optimizer(), got.optimizer());
        assertArrayEquals(want.extra(), got.extra());
    }

    @Test
    void theLastStepsLossValuesAndExecutedStepsRoundTrip() throws IOException {
        CheckpointStore store = new CheckpointStore(dir.resolve("v2"), 10);
        Checkpoint base = checkpoint(50);
        org.repcon.objective.LossValues last = new org.repcon.objective.LossValues(
                new java.util.LinkedHashMap<>(java.util.Map.of("mse_u", 0.25)), java.util.Map.of("mse_u", 2.0), 0.5);
        Checkpoint c = new Checkpoint(base.steps(), base.stage(), base.wallSeconds(), base.stageStep(), base.parameters(),
                base.optimizer(), base.extra(), 47, last);
        Checkpoint back = CheckpointStore.read(store.save(c));
        assertSameCheckpoint(c, back);
        assertEquals(47, back.executed());
        assertEquals(last, back.last());
        Checkpoint none = CheckpointStore.read(store.save(checkpoint(60)));
        assertEquals(60, none.executed());
        assertEquals(null, none.last());
    }

    @Test
    void aVersion1FileIsStillRead() throws IOException {
        // version 1: the same layout without the executed steps and the last loss values
        Checkpoint c = checkpoint(30);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.DataOutputStream out = new java.io.DataOutputStream(bytes)) {
            out.write(new byte[] {'R', 'E', 'P', 'C', 'O', 'N', 'C', 'K'});
            out.writeInt(1);
            out.writeLong(c.steps());
            out.writeInt(c.stage());
            out.writeDouble(c.wallSeconds());
            out.writeLong(c.stageStep());
            for (byte[] block : new byte[][] {c.parameters(), c.optimizer(), c.extra()}) {
                out.writeInt(block.length);
                out.write(block);
            }
        }
        byte[] body = bytes.toByteArray();
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(body);
        Path f = dir.resolve("step-000000030.ckpt");
        Files.write(f, java.nio.ByteBuffer.allocate(body.length + 8).put(body).putLong(crc.getValue()).array());
        Checkpoint back = CheckpointStore.read(f);
        assertSameCheckpoint(c, back);
        assertEquals(30, back.executed());
        assertEquals(null, back.last());
    }

    @Test
    void roundTripAndOrdering() throws IOException {
        CheckpointStore store = new CheckpointStore(dir.resolve("ck"), 10);
        assertEquals(Optional.empty(), store.latest(new ArrayList<>()), "no directory yet");
        // written out of order, including a step count with more digits
        for (long s : new long[] {40, 5, 1000000000L, 100}) {
            Path f = store.save(checkpoint(s));
            assertTrue(Files.isRegularFile(f));
        }
        List<Path> files = store.list();
        assertEquals(4, files.size());
        List<Long> steps = new ArrayList<>();
        for (Path p : files) {
            steps.add(CheckpointStore.read(p).steps());
        }
        assertEquals(List.of(5L, 40L, 100L, 1000000000L), steps);
        assertSameCheckpoint(checkpoint(100), CheckpointStore.read(files.get(2)));
        List<String> warnings = new ArrayList<>();
        assertSameCheckpoint(checkpoint(1000000000L), store.latest(warnings).orElseThrow());
        assertEquals(List.of(), warnings);
        // no temporary files are left behind
        try (var s = Files.list(store.directory())) {
            assertTrue(s.noneMatch(p -> p.toString().endsWith(".tmp")));
        }
    }

    @Test
    void corruptNewestIsSkippedWithAWarningNamingTheFile() throws IOException {
        CheckpointStore store = new CheckpointStore(dir, 10);
        store.save(checkpoint(10));
        store.save(checkpoint(20));
        Path newest = store.save(checkpoint(30));
        byte[] bytes = Files.readAllBytes(newest);
        bytes[bytes.length / 2] ^= 0x10; // one flipped bit in the middle of the parameters
        Files.write(newest, bytes);

        IOException direct = assertThrows(IOException.class, () -> CheckpointStore.read(newest));
        assertTrue(direct.getMessage().contains("checksum"), direct.getMessage());

        List<String> warnings = new ArrayList<>();
        Checkpoint c = store.latest(warnings).orElseThrow();
        assertSameCheckpoint(checkpoint(20), c);
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains(newest.getFileName().toString()), warnings.get(0));

        // every file corrupt: nothing, with one warning each
        for (Path p : store.list()) {
            byte[] b = Files.readAllBytes(p);
            b[12] ^= 1;
            Files.write(p, b);
        }
        List<String> all = new ArrayList<>();
        assertEquals(Optional.empty(), store.latest(all));
        assertEquals(3, all.size(), all.toString());
    }

    @Test
    void truncatedFileGivesIOException() throws IOException {
        CheckpointStore store = new CheckpointStore(dir, 10);
        Path f = store.save(checkpoint(10));
        byte[] bytes = Files.readAllBytes(f);
        for (int length : new int[] {0, 7, 19, 20, 40, bytes.length / 2, bytes.length - 1}) {
            Files.write(f, Arrays.copyOf(bytes, length));
            IOException e = assertThrows(IOException.class, () -> CheckpointStore.read(f), "length " + length);
            assertTrue(e.getMessage().contains(f.getFileName().toString()), e.getMessage());
        }
        Files.write(f, bytes);
        assertSameCheckpoint(checkpoint(10), CheckpointStore.read(f));
    }

    @Test
    void keepRetainsOnlyTheNewest() throws IOException {
        CheckpointStore store = new CheckpointStore(dir, 2);
        for (long s = 1; s <= 5; s++) {
            store.save(checkpoint(s * 10));
        }
        List<Path> files = store.list();
        assertEquals(2, files.size());
        assertEquals(40, CheckpointStore.read(files.get(0)).steps());
        assertEquals(50, CheckpointStore.read(files.get(1)).steps());

        CheckpointStore one = new CheckpointStore(dir.resolve("one"), 0); // keep at least 1
        one.save(checkpoint(1));
        one.save(checkpoint(2));
        assertEquals(1, one.list().size());
        assertEquals(2, one.latest(new ArrayList<>()).orElseThrow().steps());
    }

    @Test
    void otherFilesInTheDirectoryAreIgnored() throws IOException {
        CheckpointStore store = new CheckpointStore(dir, 3);
        store.save(checkpoint(10));
        Files.writeString(dir.resolve("notes.txt"), "hello");
        Files.writeString(dir.resolve("step-000000099.ckpt.tmp"), "half-written");
        assertEquals(1, store.list().size());
        assertEquals(10, store.latest(new ArrayList<>()).orElseThrow().steps());
    }

    @Test
    void foreignFileWithValidChecksumIsRejected() throws IOException {
        // a file under a checkpoint name that is not a repcon checkpoint at all
        Path f = dir.resolve("step-000000001.ckpt");
        byte[] body = "NOTACKPT and some more bytes".getBytes();
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(body);
        byte[] all = Arrays.copyOf(body, body.length + 8);
        java.nio.ByteBuffer.wrap(all, body.length, 8).putLong(crc.getValue());
        Files.write(f, all);
        IOException e = assertThrows(IOException.class, () -> CheckpointStore.read(f));
        assertTrue(e.getMessage().contains("not a repcon checkpoint"), e.getMessage());
    }
}
