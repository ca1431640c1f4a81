package org.repcon.anomaly.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repcon.data.FashionMnist;
import org.repcon.data.ImageSet;

class ClassSplitTest {

    /** 100 images, label i % 4, pixel 0 = i / 255 (an 8-bit value) so every image can be identified. */
    private static ImageSet all() {
        float[] p = new float[100 * 784];
        int[] labels = new int[100];
        for (int i = 0; i < 100; i++) {
            p[i * 784] = i / 255f;
            labels[i] = i % 4;
        }
        return new ImageSet("all", 1, 28, 28, p, labels, null);
    }

    private static Set<Integer> ids(ImageSet s) {
        Set<Integer> out = new HashSet<>();
        for (int i = 0; i < s.size(); i++) {
            out.add(Math.round(s.pixels()[i * 784] * 255));
        }
        return out;
    }

    @Test
    void splitsOneClassDisjointlyAndReproducibly() {
        ClassSplit s = ClassSplit.of(all(), 2, 0, 0.2, 5);
        assertEquals(5, s.validation().size()); // round(25 * 0.2)
        assertEquals(20, s.train().size());
        Set<Integer> train = ids(s.train());
        Set<Integer> val = ids(s.validation());
        assertTrue(train.stream().allMatch(i -> i % 4 == 2) && val.stream().allMatch(i -> i % 4 == 2));
        Set<Integer> both = new HashSet<>(train);
        both.retainAll(val);
        assertTrue(both.isEmpty());
        assertEquals(25, train.size() + val.size());
        assertEquals(val, ids(ClassSplit.of(all(), 2, 0, 0.2, 5).validation()));
        assertTrue(!val.equals(ids(ClassSplit.of(all(), 2, 0, 0.2, 6).validation())), "another seed, another split");
        assertEquals(10, ClassSplit.of(all(), 1, 10, 0.2, 5).train().size() + 2); // the first 10 of the class, 2 held out
        assertThrows(IllegalArgumentException.class, () -> ClassSplit.of(all(), 1, 2, 0.5, 5));
    }

    @Test
    void theFolderHoldsTrainingAndValidationImages(@TempDir Path dir) throws Exception {
        ClassSplit s = ClassSplit.of(all(), 3, 0, 0.2, 5);
        s.write(dir);
        ImageSet train = FashionMnist.load(dir, FashionMnist.Split.TRAIN, 0);
        ImageSet val = FashionMnist.load(dir, FashionMnist.Split.TEST, 0);
        assertEquals(ids(s.train()), ids(train));
        assertEquals(ids(s.validation()), ids(val));
        assertArrayEquals(s.validation().labels(), val.labels());
    }

    @Test
    void validationOutliersComeFromEveryOtherClassSeededAndCapped() {
        ClassSplit s = ClassSplit.of(all(), 2, 0, 0.2, 10, 5);
        assertEquals(30, s.outliers().size()); // 10 of each of classes 0, 1, 3
        for (int d : new int[] {0, 1, 3}) {
            int dd = d;
            assertEquals(10, java.util.Arrays.stream(s.outliers().labels()).filter(l -> l == dd).count());
        }
        assertTrue(ids(s.outliers()).stream().allMatch(i -> i % 4 == s.outliers().labels()[0] || i % 4 != 2));
        assertEquals(ids(s.outliers()), ids(ClassSplit.of(all(), 2, 0, 0.2, 10, 5).outliers()));
        assertTrue(!ids(s.outliers()).equals(ids(ClassSplit.of(all(), 2, 0, 0.2, 10, 6).outliers())), "another seed, other outliers");
        assertEquals(ids(s.validation()), ids(ClassSplit.of(all(), 2, 0, 0.2, 5).validation()), "the class's split does not move");
        assertEquals(75, ClassSplit.of(all(), 2, 0, 0.2, 1000, 5).outliers().size()); // all 25 of each other class
        assertEquals(0, ClassSplit.of(all(), 2, 0, 0.2, 0, 5).outliers().size());
    }
}
