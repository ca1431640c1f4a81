package org.repcon.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** IDX reading against hand-made files: bytes, gzip detection by content, and every kind of broken file. */
class IdxFileTest {
    @TempDir
    Path dir;

    /** 3 images of 2x4 with pixel (n, y, x) = 10 n + 4 y + x, plus 200 to exercise unsigned bytes. */
    private static byte[] pixels() {
        byte[] p = new byte[3 * 2 * 4];
        for (int n = 0; n < 3; n++) {
            for (int y = 0; y < 2; y++) {
                for (int x = 0; x < 4; x++) {
                    p[(n * 2 + y) * 4 + x] = (byte) (200 + 10 * n + 4 * y + x);
                }
            }
        }
        return p;
    }

    /** The exact bytes of the IDX image file of {@link #pixels()}, written by hand. */
    private static byte[] handMadeImageFile() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0, 0, 8, 3, 0, 0, 0, 3, 0, 0, 0, 2, 0, 0, 0, 4});
        out.writeBytes(pixels());
        return out.toByteArray();
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(data);
        }
        return bytes.toByteArray();
    }

    @Test
    void writerProducesTheDocumentedBytes() throws IOException {
        Path f = dir.resolve("images");
        IdxFile.writeImages(f, pixels(), 3, 2, 4, false);
        assertArrayEquals(handMadeImageFile(), Files.readAllBytes(f));
        Path l = dir.resolve("labels");
        IdxFile.writeLabels(l, new int[] {7, 0, 255}, false);
        assertArrayEquals(new byte[] {0, 0, 8, 1, 0, 0, 0, 3, 7, 0, (byte) 255}, Files.readAllBytes(l));
    }

    @Test
    void readsHandMadeFileAsUnsignedBytes() throws IOException {
        Path f = dir.resolve("images.idx");
        Files.write(f, handMadeImageFile());
        IdxFile.Images im = IdxFile.readImages(f);
        assertEquals(3, im.count());
        assertEquals(3, im.countInFile());
        assertEquals(2, im.height());
        assertEquals(4, im.width());
        assertArrayEquals(pixels(), im.pixels());
        assertEquals(200 + 10 * 2 + 4 + 3, im.pixels()[(2 * 2 + 1) * 4 + 3] & 0xff);
        assertFalse(IdxFile.isGzip(f));
    }

    @Test
    void gzipIsDetectedByContentNotName() throws IOException {
        Path misnamed = dir.resolve("images-plain.gz");
        Files.write(misnamed, handMadeImageFile());
        assertArrayEquals(pixels(), IdxFile.readImages(misnamed).pixels());
        Path compressed = dir.resolve("images-without-extension");
        Files.write(compressed, gzip(handMadeImageFile()));
        assertTrue(IdxFile.isGzip(compressed));
        assertArrayEquals(pixels(), IdxFile.readImages(compressed).pixels());
    }

    @Test
    void roundTripWithAndWithoutGzip() {
        int[] labels = {3, 1, 4, 1, 5, 9, 2, 6, 255, 0};
        for (boolean gz : new boolean[] {false, true}) {
            Path im = dir.resolve("im" + gz);
            Path lb = dir.resolve("lb" + gz);
            IdxFile.writeImages(im, pixels(), 3, 2, 4, gz);
            IdxFile.writeLabels(lb, labels, gz);
            assertEquals(gz, IdxFile.isGzip(im));
            assertArrayEquals(pixels(), IdxFile.readImages(im).pixels());
            assertArrayEquals(labels, IdxFile.readLabels(lb));
            assertEquals(3, IdxFile.count(im));
            assertEquals(10, IdxFile.count(lb));
        }
    }

    @Test
    void limitReadsTheFirstItems() {
        Path im = dir.resolve("im.gz");
        IdxFile.writeImages(im, pixels(), 3, 2, 4, true);
        IdxFile.Images two = IdxFile.readImages(im, 2);
        assertEquals(2, two.count());
        assertEquals(3, two.countInFile());
        assertArrayEquals(Arrays.copyOf(pixels(), 16), two.pixels());
        assertEquals(3, IdxFile.readImages(im, 99).count());
        Path lb = dir.resolve("lb");
        IdxFile.writeLabels(lb, new int[] {5, 6, 7}, false);
        assertArrayEquals(new int[] {5}, IdxFile.readLabels(lb, 1));
    }

    @Test
    void truncatedDataIsReportedWithByteCounts() throws IOException {
        byte[] full = handMadeImageFile();
        for (boolean gz : new boolean[] {false, true}) {
            Path f = dir.resolve("short" + gz);
            byte[] cut = Arrays.copyOf(full, full.length - 5);
            Files.write(f, gz ? gzip(cut) : cut);
            DataException e = assertThrows(DataException.class, () -> IdxFile.readImages(f));
            assertTrue(e.getMessage().contains(f + " is truncated: expected 24 bytes of data, found 19"), e.getMessage());
        }
    }

    @Test
    void trailingBytesAreAnError() throws IOException {
        Path f = dir.resolve("long");
        byte[] full = handMadeImageFile();
        Files.write(f, Arrays.copyOf(full, full.length + 3));
        DataException e = assertThrows(DataException.class, () -> IdxFile.readImages(f));
        assertTrue(e.getMessage().contains("3 bytes after the 24 bytes of data"), e.getMessage());
        assertEquals(2, IdxFile.readImages(f, 2).count(), "a limit does not look at the rest of the file");
    }

    @Test
    void wrongMagicIsReported() throws IOException {
        Path labels = dir.resolve("labels");
        IdxFile.writeLabels(labels, new int[] {1, 2}, true);
        DataException e = assertThrows(DataException.class, () -> IdxFile.readImages(labels));
        assertTrue(e.getMessage().contains(labels + " is not an IDX image file (magic 0x00000801"), e.getMessage());
        assertTrue(e.getMessage().contains("swapped"), e.getMessage());
        Path images = dir.resolve("images");
        IdxFile.writeImages(images, pixels(), 3, 2, 4, false);
        e = assertThrows(DataException.class, () -> IdxFile.readLabels(images));
        assertTrue(e.getMessage().contains("is not an IDX label file (magic 0x00000803"), e.getMessage());
        Path text = dir.resolve("notes.txt");
        Files.writeString(text, "hello, this is not an IDX file");
        e = assertThrows(DataException.class, () -> IdxFile.readImages(text));
        assertTrue(e.getMessage().contains("is not an IDX image file (magic 0x68656c6c"), e.getMessage());
        assertThrows(DataException.class, () -> IdxFile.count(text));
    }

    @Test
    void shortHeaderAndImplausibleSizes() throws IOException {
        Path tiny = dir.resolve("tiny");
        Files.write(tiny, new byte[] {0, 0, 8});
        DataException e = assertThrows(DataException.class, () -> IdxFile.readImages(tiny));
        assertTrue(e.getMessage().contains("too short to be an IDX file"), e.getMessage());
        Path huge = dir.resolve("huge");
        Files.write(huge, new byte[] {0, 0, 8, 3, (byte) 0xff, 0, 0, 0, 0, 0, 0, 28, 0, 0, 0, 28});
        e = assertThrows(DataException.class, () -> IdxFile.readImages(huge));
        assertTrue(e.getMessage().contains("not plausible"), e.getMessage());
        Path zeroWidth = dir.resolve("zero");
        Files.write(zeroWidth, new byte[] {0, 0, 8, 3, 0, 0, 0, 1, 0, 0, 0, 28, 0, 0, 0, 0});
        e = assertThrows(DataException.class, () -> IdxFile.readImages(zeroWidth));
        assertTrue(e.getMessage().contains("28x0"), e.getMessage());
    }

    @Test
    void corruptGzipIsADataException() throws IOException {
        byte[] gz = gzip(handMadeImageFile());
        Path cut = dir.resolve("cut.gz");
        Files.write(cut, Arrays.copyOf(gz, gz.length / 2));
        DataException e = assertThrows(DataException.class, () -> IdxFile.readImages(cut));
        assertTrue(e.getMessage().contains(cut.toString()) && e.getMessage().contains("gzip"), e.getMessage());
        Path flipped = dir.resolve("flipped.gz");
        byte[] bad = gz.clone();
        for (int i = 10; i < bad.length - 8; i++) {
            bad[i] ^= 0x5a;
        }
        Files.write(flipped, bad);
        e = assertThrows(DataException.class, () -> IdxFile.readImages(flipped));
        assertTrue(e.getMessage().contains(flipped.toString()), e.getMessage());
        Path headerOnly = dir.resolve("header-only.gz");
        Files.write(headerOnly, new byte[] {0x1f, (byte) 0x8b, 8});
        assertThrows(DataException.class, () -> IdxFile.readImages(headerOnly));
    }

    @Test
    void missingFileNamesThePath() {
        Path missing = dir.resolve("nope-idx3-ubyte.gz");
        DataException e = assertThrows(DataException.class, () -> IdxFile.readImages(missing));
        assertTrue(e.getMessage().contains(missing + " does not exist"), e.getMessage());
    }

    @Test
    void writersValidate() {
        assertThrows(IllegalArgumentException.class, () -> IdxFile.writeLabels(dir.resolve("x"), new int[] {256}, false));
        assertThrows(IllegalArgumentException.class, () -> IdxFile.writeLabels(dir.resolve("x"), new int[] {-1}, false));
        assertThrows(IllegalArgumentException.class,
                () -> IdxFile.writeImages(dir.resolve("x"), new byte[5], 1, 2, 2, false));
    }
}
