package org.repcon.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fashion-MNIST loading from a tiny self-made copy of the four files, its error messages, and the real files. */
class FashionMnistTest {
    @TempDir
    Path dir;

    private static byte[] images(int n, int seed) {
        byte[] p = new byte[n * 28 * 28];
        for (int i = 0; i < p.length; i++) {
            p[i] = (byte) ((i * 31 + seed * 7) % 256);
        }
        return p;
    }

    private void writeSplit(String prefix, int n, int[] labels, boolean gzip) {
        String ext = gzip ? ".gz" : "";
        IdxFile.writeImages(dir.resolve(prefix + "-images-idx3-ubyte" + ext), images(n, prefix.length()), n, 28, 28,
                gzip);
        IdxFile.writeLabels(dir.resolve(prefix + "-labels-idx1-ubyte" + ext), labels, gzip);
    }

    @Test
    void loadsPixelsOverTwoFiftyFiveAndLabels() {
        writeSplit("train", 5, new int[] {9, 0, 3, 7, 1}, true);
        writeSplit("t10k", 3, new int[] {2, 2, 8}, false);
        ImageSet train = FashionMnist.load(dir, FashionMnist.Split.TRAIN, 0);
        assertEquals(5, train.size());
        assertEquals(1, train.channels());
        assertEquals(28, train.height());
        assertEquals(28, train.width());
        assertArrayEquals(new int[] {9, 0, 3, 7, 1}, train.labels());
        assertNull(train.names());
        byte[] raw = images(5, "train".length());
        for (int i = 0; i < raw.length; i += 97) {
            assertEquals((raw[i] & 0xff) / 255.0, train.pixels()[i], 1e-7, "pixel " + i);
        }
        ImageSet test = FashionMnist.load(dir, FashionMnist.Split.TEST, 0);
        assertArrayEquals(new int[] {2, 2, 8}, test.labels());
        assertEquals((images(3, 4)[100] & 0xff) / 255.0, test.pixels()[100], 1e-7);
    }

    @Test
    void limitKeepsTheFirstImages() {
        writeSplit("train", 5, new int[] {9, 0, 3, 7, 1}, true);
        ImageSet two = FashionMnist.load(dir, FashionMnist.Split.TRAIN, 2);
        assertEquals(2, two.size());
        assertArrayEquals(new int[] {9, 0}, two.labels());
        assertEquals(5, FashionMnist.load(dir, FashionMnist.Split.TRAIN, 50).size());
    }

    @Test
    void missingFolderOrFileSaysHowToInstall() {
        Path missing = dir.resolve("no-such-folder");
        DataException e = assertThrows(DataException.class,
                () -> FashionMnist.load(missing, FashionMnist.Split.TRAIN, 0));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("sudo apt-get install dataset-fashion-mnist"), e.getMessage());
        assertTrue(e.getMessage().contains("data.dir"), e.getMessage());
        writeSplit("train", 2, new int[] {1, 2}, true);
        e = assertThrows(DataException.class, () -> FashionMnist.load(dir, FashionMnist.Split.TEST, 0));
        assertTrue(e.getMessage().contains("t10k-images-idx3-ubyte.gz is missing"), e.getMessage());
        assertTrue(e.getMessage().contains("sudo apt-get install dataset-fashion-mnist"), e.getMessage());
    }

    @Test
    void countMismatchIsReported() {
        IdxFile.writeImages(dir.resolve("train-images-idx3-ubyte.gz"), images(3, 1), 3, 28, 28, true);
        IdxFile.writeLabels(dir.resolve("train-labels-idx1-ubyte.gz"), new int[] {1, 2}, true);
        DataException e = assertThrows(DataException.class, () -> FashionMnist.load(dir, FashionMnist.Split.TRAIN, 1));
        assertTrue(e.getMessage().contains("holds 3 images but"), e.getMessage());
        assertTrue(e.getMessage().contains("holds 2 labels"), e.getMessage());
    }

    @Test
    void labelOutsideTheTenClassesIsReported() {
        writeSplit("train", 2, new int[] {1, 12}, false);
        DataException e = assertThrows(DataException.class, () -> FashionMnist.load(dir, FashionMnist.Split.TRAIN, 0));
        assertTrue(e.getMessage().contains("label 12 of item 1"), e.getMessage());
    }

    @Test
    void wrongImageSizeIsReported() {
        IdxFile.writeImages(dir.resolve("train-images-idx3-ubyte"), new byte[2 * 16], 2, 4, 4, false);
        IdxFile.writeLabels(dir.resolve("train-labels-idx1-ubyte"), new int[] {1, 2}, false);
        DataException e = assertThrows(DataException.class, () -> FashionMnist.load(dir, FashionMnist.Split.TRAIN, 0));
        assertTrue(e.getMessage().contains("4x4"), e.getMessage());
    }

    @Test
    void classNames() {
        assertEquals(10, FashionMnist.CLASS_NAMES.size());
        assertEquals("T-shirt/top", FashionMnist.CLASS_NAMES.get(0));
        assertEquals("Ankle boot", FashionMnist.CLASS_NAMES.get(9));
    }

    /**
     * The installed data set: first labels and the byte sum of the first image (checked with Python). Skipped when
     * the data is missing, except under CI ({@code CI=true}), where {@code .ci/run} installs it and missing data
     * means this test silently stopped checking anything: a failure there.
     */
    @Test
    void realFilesIfInstalled() throws IOException {
        boolean installed = Files.isRegularFile(FashionMnist.DEFAULT_DIR.resolve("t10k-labels-idx1-ubyte.gz"));
        if (!installed && isCi(System.getenv("CI"))) {
            fail(missingUnderCi());
        }
        Assumptions.assumeTrue(installed, "Fashion-MNIST is not installed in " + FashionMnist.DEFAULT_DIR);
        ImageSet test = FashionMnist.load(FashionMnist.DEFAULT_DIR, FashionMnist.Split.TEST, 12);
        assertArrayEquals(new int[] {9, 2, 1, 1, 6, 1, 4, 6, 5, 7, 4, 5}, test.labels());
        double sum = 0;
        for (int i = 0; i < 784; i++) {
            sum += test.pixels()[i];
        }
        assertEquals(33456 / 255.0, sum, 1e-3);
        ImageSet train = FashionMnist.load(FashionMnist.DEFAULT_DIR, FashionMnist.Split.TRAIN, 3);
        assertArrayEquals(new int[] {9, 0, 0}, train.labels());
        sum = 0;
        for (int i = 0; i < 784; i++) {
            sum += train.pixels()[i];
        }
        assertEquals(76247 / 255.0, sum, 1e-3);
    }

    /** True if the {@code CI} environment variable says the tests run under CI. */
    static boolean isCi(String ci) {
        return ci != null && ci.trim().equalsIgnoreCase("true");
    }

    static String missingUnderCi() {
        return "CI=true but Fashion-MNIST is missing from " + FashionMnist.DEFAULT_DIR
                + " (.ci/run installs it): apt-get install dataset-fashion-mnist";
    }

    @Test
    void ciIsRecognisedAndItsMessageSaysHowToInstall() {
        assertTrue(isCi("true"));
        assertTrue(isCi("TRUE"));
        assertFalse(isCi(null));
        assertFalse(isCi(""));
        assertFalse(isCi("false"));
        assertTrue(missingUnderCi().contains("apt-get install dataset-fashion-mnist"), missingUnderCi());
    }
}
