package org.repcon.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repcon.data.ImageSet;
import org.repcon.engine.Engines;

class FeatureClassifierTest {

    /** Three classes: a bright horizontal bar, a vertical bar, or a blob, at random positions, with noise. */
    static ImageSet shapes(int n, long seed) {
        Random r = new Random(seed);
        int s = 16;
        float[] pixels = new float[n * s * s];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int c = r.nextInt(3);
            labels[i] = c;
            int a = 2 + r.nextInt(12);
            for (int y = 0; y < s; y++) {
                for (int x = 0; x < s; x++) {
                    boolean on = switch (c) {
                        case 0 -> Math.abs(y - a) <= 1;
                        case 1 -> Math.abs(x - a) <= 1;
                        default -> (x - a) * (x - a) + (y - 8) * (y - 8) <= 9;
                    };
                    pixels[i * s * s + y * s + x] = (float) Math.min(1, Math.max(0, (on ? 0.9 : 0.1) + 0.1 * r.nextGaussian()));
                }
            }
        }
        return new ImageSet("shapes", 1, s, s, pixels, labels, null);
    }

    @Test
    void learnsTheClassesAndItsFeaturesSeparateThem(@TempDir Path dir) throws Exception {
        Engines.start();
        ImageSet train = shapes(240, 1);
        ImageSet test = shapes(300, 2);
        try (FeatureClassifier c = FeatureClassifier.train(train, 3, new FeatureClassifier.Settings(3, 24, 3e-3), 5)) {
            double accuracy = c.accuracy(test);
            assertTrue(accuracy > 0.9, "test accuracy " + accuracy);
            double[][] f = c.features(test);
            assertEquals(300, f.length);
            assertEquals(FeatureClassifier.FEATURES, f[0].length);
            // same distribution: small distance; a different class mix: large
            double same = FrechetDistance.between(c.features(shapes(300, 3)), f);
            double[][] onlyBars = c.features(subset(test, 0));
            double shifted = FrechetDistance.between(onlyBars, f);
            assertTrue(shifted > 3 * same, "FD same " + same + " vs shifted " + shifted);

            Path file = dir.resolve("classifier.bin");
            c.save(file);
            try (FeatureClassifier back = FeatureClassifier.load(file)) {
                assertEquals(accuracy, back.accuracy(test), 0.0);
                assertEquals(f[7][3], back.features(test)[7][3], 0.0);
            }
        }
    }

    @Test
    void theCacheTrainsOnceAndGivesTheSameClassifierBack(@TempDir Path dir) throws Exception {
        Engines.start();
        ImageSet train = shapes(48, 4);
        FeatureClassifier.Settings settings = new FeatureClassifier.Settings(1, 16, 1e-3);
        double[] first;
        try (FeatureClassifier c = FeatureClassifier.cached(dir, train, 3, settings, 3, null)) {
            first = c.features(train)[0];
        }
        long files;
        try (var list = java.nio.file.Files.list(dir)) {
            files = list.count();
        }
        assertEquals(1, files);
        try (FeatureClassifier again = FeatureClassifier.cached(dir, train, 3, settings, 3, null)) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(first, again.features(train)[0], 0.0);
        }
        try (FeatureClassifier other = FeatureClassifier.cached(dir, shapes(48, 5), 3, settings, 3, null)) {
            try (var list = java.nio.file.Files.list(dir)) {
                assertEquals(2, list.count(), "other images: another entry");
            }
        }
    }

    private static ImageSet subset(ImageSet images, int label) {
        int n = 0;
        for (int l : images.labels()) {
            n += l == label ? 1 : 0;
        }
        int size = images.imageSize();
        float[] p = new float[n * size];
        int[] labels = new int[n];
        int k = 0;
        for (int i = 0; i < images.size(); i++) {
            if (images.labels()[i] == label) {
                System.arraycopy(images.pixels(), i * size, p, k * size, size);
                labels[k++] = label;
            }
        }
        return new ImageSet("subset", 1, images.height(), images.width(), p, labels, null);
    }

    @Test
    void refusesUnlabelledOrOutOfRangeLabelsAndWrongShapes() {
        Engines.start();
        ImageSet unlabelled = new ImageSet("u", 1, 16, 16, new float[2 * 256], null, null);
        assertThrows(IllegalArgumentException.class, () -> FeatureClassifier.train(unlabelled, 3, FeatureClassifier.Settings.DEFAULT, 1));
        ImageSet bad = new ImageSet("b", 1, 16, 16, new float[2 * 256], new int[] {0, 3}, null);
        assertThrows(IllegalArgumentException.class, () -> FeatureClassifier.train(bad, 3, FeatureClassifier.Settings.DEFAULT, 1));
    }
}
