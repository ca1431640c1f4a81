package org.repcon.data.ood;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.repcon.data.IdxFile;
import org.repcon.data.ImageSet;

/**
 * The real MNIST digits as {@code scripts/setup-mnist.sh} leaves them in {@link MnistDigits#defaultDir()}, through the
 * OOD set {@code mnist}; skipped where the script has not been run (as on CI, which has no npm).
 */
class RealMnistDigitsTest {
    @Test
    void theInstalledDigitsLoadAsTheOodSetMnist() {
        Path dir = MnistDigits.defaultDir();
        assumeTrue(Files.isRegularFile(dir.resolve(MnistDigits.IMAGES)), "scripts/setup-mnist.sh has not been run");
        ImageSet im = OodSets.builder().setFashionDir(dir).build().parse("mnist").load(0).images();
        assertEquals(IdxFile.count(dir.resolve(MnistDigits.IMAGES)), im.size());
        assertEquals(IdxFile.count(dir.resolve(MnistDigits.LABELS)), im.size());
        int[] counts = new int[10];
        for (int k = 0; k < im.size(); k++) {
            counts[im.labels()[k]]++;
            assertTrue(k == 0 || im.labels()[k] >= im.labels()[k - 1], "sorted by digit");
        }
        assertTrue(Arrays.stream(counts).allMatch(c -> c > 0), Arrays.toString(counts));
        double mean = 0;
        for (float v : im.pixels()) {
            assertTrue(v >= 0 && v <= 1);
            mean += v;
        }
        mean /= im.pixels().length;
        assertTrue(mean > 0.05 && mean < 0.3, "mean pixel " + mean + ": MNIST is mostly black background");
        System.out.printf("mnist: %d images of %dx%d, per digit %s, mean pixel %.4f%n", im.size(), im.height(),
                im.width(), Arrays.toString(counts), mean);
        ImageSet some = OodSets.builder().setFashionDir(dir).build().parse("mnist").load(100).images();
        int[] few = new int[10];
        for (int l : some.labels()) {
            few[l]++;
        }
        System.out.printf("mnist limit 100: per digit %s%n", Arrays.toString(few));
        assertTrue(Arrays.stream(few).allMatch(c -> c > 0), "a spread limit keeps every digit: " + Arrays.toString(few));
    }
}
