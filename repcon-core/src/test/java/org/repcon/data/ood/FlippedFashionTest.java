package org.repcon.data.ood;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repcon.data.DataException;
import org.repcon.data.FashionMnist;
import org.repcon.data.IdxFile;
import org.repcon.data.ImageSet;

/** {@code fashion-vflip} on a tiny self-made Fashion-MNIST folder, against a plain loop. */
class FlippedFashionTest {
    @TempDir
    Path dir;

    private static byte[] bytes(int n, int seed) {
        byte[] p = new byte[n * 784];
        for (int k = 0; k < p.length; k++) {
            p[k] = (byte) ((k * 31 + seed * 7 + k / 28 * 3) % 256);
        }
        return p;
    }

    private Path fashion() throws IOException {
        Path f = Files.createDirectories(dir.resolve("fashion"));
        IdxFile.writeImages(f.resolve("train-images-idx3-ubyte.gz"), bytes(2, 1), 2, 28, 28, true);
        IdxFile.writeLabels(f.resolve("train-labels-idx1-ubyte.gz"), new int[] {3, 4}, true);
        IdxFile.writeImages(f.resolve("t10k-images-idx3-ubyte.gz"), bytes(5, 2), 5, 28, 28, true);
        IdxFile.writeLabels(f.resolve("t10k-labels-idx1-ubyte.gz"), new int[] {9, 8, 7, 6, 5}, true);
        return f;
    }

    @Test
    void flipsTheTestImagesUpsideDown() throws IOException {
        Path f = fashion();
        OodSet set = OodSets.builder().setFashionDir(f).build().parse("fashion-vflip");
        set.check();
        OodImages got = set.load(0);
        ImageSet im = got.images();
        assertEquals(5, im.size());
        assertArrayEquals(new int[] {9, 8, 7, 6, 5}, im.labels());
        assertEquals(List.of("0", "1", "2", "3", "4"), im.names());
        byte[] raw = bytes(5, 2);
        for (int n = 0; n < 5; n++) {
            for (int y = 0; y < 28; y++) {
                for (int x = 0; x < 28; x++) {
                    float want = (raw[(n * 28 + (27 - y)) * 28 + x] & 0xff) / 255f;
                    assertEquals(want, im.pixels()[(n * 28 + y) * 28 + x], "image " + n + " at " + x + "," + y);
                }
            }
        }
        ImageSet two = set.load(2).images(); // indices 0 and 2 of 5
        assertArrayEquals(new int[] {9, 7}, two.labels());
        assertEquals(List.of("0", "2"), two.names());
        for (int k = 0; k < 784; k++) {
            assertEquals(im.pixels()[2 * 784 + k], two.pixels()[784 + k]);
        }
        ImageSet plain = FashionMnist.load(f, FashionMnist.Split.TEST, 0);
        ImageSet back = FlippedFashion.flipVertically(im, "twice");
        assertArrayEquals(plain.pixels(), back.pixels());
    }

    @Test
    void flipsEveryChannelOfNonSquareImages() {
        int c = 2;
        int h = 3;
        int w = 4;
        float[] p = new float[2 * c * h * w];
        for (int k = 0; k < p.length; k++) {
            p[k] = k;
        }
        ImageSet flipped = FlippedFashion.flipVertically(new ImageSet("t", c, h, w, p, null, null), "f");
        for (int n = 0; n < 2; n++) {
            for (int ch = 0; ch < c; ch++) {
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        assertEquals(p[((n * c + ch) * h + (h - 1 - y)) * w + x],
                                flipped.pixels()[((n * c + ch) * h + y) * w + x]);
                    }
                }
            }
        }
    }

    @Test
    void missingFashionSaysHowToInstallIt() {
        Path none = dir.resolve("no-fashion");
        OodSet set = OodSets.builder().setFashionDir(none).build().parse("fashion-vflip");
        DataException e = assertThrows(DataException.class, set::check);
        assertTrue(e.getMessage().contains(none.toString()) && e.getMessage().contains("dataset-fashion-mnist"),
                e.getMessage());
    }
}
