package org.repcon.anomaly.shift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.repcon.data.ImageSet;

class TrainingSplitTest {

    /** n 1x28x28 images, label i % 10, pixel 0 = i / 1e4 so that an image can be told by it. */
    private static ImageSet images(int n) {
        float[] p = new float[n * 784];
        int[] l = new int[n];
        for (int i = 0; i < n; i++) {
            p[i * 784] = i / 1e4f;
            l[i] = i % 10;
        }
        return new ImageSet("x", 1, 28, 28, p, l, null);
    }

    @Test
    void thinsAndDropsClassesThenHoldsOutADisjointValidationShare() {
        ImageSet all = images(1000); // 100 per class
        TrainingSplit s = TrainingSplit.of(all, 0, Map.of(5, 0.05, 9, 0.0), 0.1, 7);
        int kept = 800 + 5; // eight whole classes, 5 of class 5, none of class 9
        assertEquals(kept, s.train().size() + s.validation().size());
        assertEquals(Math.round(kept * 0.1), s.validation().size());
        int[] counts = new int[10];
        Set<Float> seen = new HashSet<>();
        for (ImageSet part : new ImageSet[] {s.train(), s.validation()}) {
            for (int i = 0; i < part.size(); i++) {
                counts[part.labels()[i]]++;
                assertEquals(true, seen.add(part.pixels()[i * 784]), "an image in both parts or twice");
                assertEquals(Math.round(part.pixels()[i * 784] * 1e4f) % 10, part.labels()[i]);
            }
        }
        assertEquals(5, counts[5]);
        assertEquals(0, counts[9]);
        assertEquals(100, counts[0]);
        TrainingSplit again = TrainingSplit.of(all, 0, Map.of(5, 0.05, 9, 0.0), 0.1, 7);
        assertEquals(java.util.Arrays.toString(s.validation().labels()), java.util.Arrays.toString(again.validation().labels()));
        assertEquals(100, TrainingSplit.of(all, 100, Map.of(), 0.1, 7).train().size() + 10);
        assertThrows(IllegalArgumentException.class, () -> TrainingSplit.of(images(3), 0, Map.of(), 0.5, 1));
    }
}
