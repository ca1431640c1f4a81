package org.repcon.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repcon.DjlTestCase;
import org.repcon.nn.Parameters;

/** Model files: exact round trip; corrupt, truncated, foreign, older and mismatched files are refused, naming the file. */
class ModelFileTest extends DjlTestCase {
    @TempDir
    Path dir;

    /** Two arrays (300 and 7 values) and a buffer, all from {@code seed}. */
    private Parameters parameters(long seed) {
        Parameters p = new Parameters(manager, DataType.FLOAT32);
        p.add("a", new Shape(30, 10), values(300, seed));
        p.add("b", new Shape(7), values(7, seed + 1));
        p.addBuffer("running", new Shape(3), values(3, seed + 2));
        return p;
    }

    private static double[] values(int n, long seed) {
        return new java.util.Random(seed).doubles(n, -1, 1).toArray();
    }

    private static double[] flat(Parameters p) {
        double[] v = new double[p.count()];
        p.copyTo(v);
        return v;
    }

    private Path saved() throws IOException {
        Path file = dir.resolve("model.bin");
        ModelFile.save(file, parameters(1));
        return file;
    }

    /** The message of loading {@code file} into fresh parameters (which must stay as they were). */
    private String refusal(Path file) {
        Parameters target = parameters(9);
        double[] before = flat(target);
        IOException e = assertThrows(IOException.class, () -> ModelFile.load(file, target));
        assertArrayEquals(before, flat(target), "a refused file changes nothing");
        assertTrue(e.getMessage().contains(file.toString()), "the message names the file: " + e.getMessage());
        return e.getMessage();
    }

    @Test
    void roundTripIsExactAndTheFileStartsWithItsMagic() throws IOException {
        Path file = saved();
        Parameters back = parameters(9);
        ModelFile.load(file, back);
        assertArrayEquals(flat(parameters(1)), flat(back));
        assertArrayEquals(parameters(1).buffer("running").toFloatArray(), back.buffer("running").toFloatArray());
        assertArrayEquals("REPCONMD".getBytes(java.nio.charset.StandardCharsets.US_ASCII), Arrays.copyOf(Files.readAllBytes(file), 8));
        ModelFile.save(file, parameters(1));
        assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(saved()), "the same parameters give the same bytes");
    }

    @Test
    void aCorruptFileIsRefused() throws IOException {
        Path file = saved();
        byte[] bytes = Files.readAllBytes(file);
        for (int i = bytes.length / 2; i < bytes.length / 2 + 64; i++) {
            bytes[i] ^= 0x5A;
        }
        Files.write(file, bytes);
        String m = refusal(file);
        assertTrue(m.contains("is corrupt (checksum mismatch)"), m);
    }

    @Test
    void aTruncatedFileIsRefused() throws IOException {
        Path file = saved();
        byte[] bytes = Files.readAllBytes(file);
        for (int length : new int[] {bytes.length - 1, bytes.length / 2, 30, 10, 3, 0}) {
            Files.write(file, Arrays.copyOf(bytes, length));
            String m = refusal(file);
            assertTrue(m.contains("is truncated") && m.contains(length + " bytes"), m);
        }
    }

    @Test
    void aFileOfAnotherKindIsRefused() throws IOException {
        Path file = dir.resolve("model.bin");
        Files.writeString(file, "this is a text file, not a model, but long enough for a header");
        String m = refusal(file);
        assertTrue(m.contains("is not a repcon model file"), m);
    }

    @Test
    void aModelFileOfAnOlderRepconIsRefusedAsSuch() throws IOException {
        for (boolean withBuffer : new boolean[] {true, false}) {
            Parameters old = withBuffer ? parameters(1) : new Parameters(manager, DataType.FLOAT64);
            if (!withBuffer) {
                old.add("w", new Shape(4), values(4, 3));
            }
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(b)) {
                old.write(out); // what model.bin held before it had a header and checksum
            }
            Path file = dir.resolve("model.bin");
            Files.write(file, b.toByteArray());
            String m = refusal(file);
            assertTrue(m.contains("older repcon") && m.contains("retrain"), m);
        }
    }

    @Test
    void aModelOfAnotherShapeIsRefusedNamingTheArray() throws IOException {
        Path file = saved();
        Parameters other = new Parameters(manager, DataType.FLOAT32);
        other.add("a", new Shape(10, 30), values(300, 1));
        other.add("b", new Shape(7), values(7, 2));
        other.addBuffer("running", new Shape(3), values(3, 3));
        IOException e = assertThrows(IOException.class, () -> ModelFile.load(file, other));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("(30, 10)"), e.getMessage());
    }
}
