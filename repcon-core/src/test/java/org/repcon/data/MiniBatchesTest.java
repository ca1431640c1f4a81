package org.repcon.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Stateless shuffled batches: coverage per epoch, reproducibility, resumption, epoch-to-epoch variation. */
class MiniBatchesTest {
    @Test
    void batchesPerEpoch() {
        assertEquals(4, new MiniBatches(10, 3, 1, false).batchesPerEpoch());
        assertEquals(3, new MiniBatches(10, 3, 1, true).batchesPerEpoch());
        assertEquals(2, new MiniBatches(10, 5, 1, true).batchesPerEpoch());
        assertEquals(1, new MiniBatches(10, 50, 1, false).batchesPerEpoch());
        assertThrows(IllegalArgumentException.class, () -> new MiniBatches(10, 50, 1, true));
        assertThrows(IllegalArgumentException.class, () -> new MiniBatches(0, 5, 1, false));
    }

    @Test
    void everyIndexOncePerEpoch() {
        MiniBatches mb = new MiniBatches(10, 3, 42, false);
        for (int epoch = 0; epoch < 3; epoch++) {
            int[] seen = new int[10];
            for (int k = 0; k < 4; k++) {
                int[] b = mb.indices(epoch * 4L + k);
                assertEquals(k < 3 ? 3 : 1, b.length);
                for (int i : b) {
                    seen[i]++;
                }
            }
            int[] ones = new int[10];
            Arrays.fill(ones, 1);
            assertArrayEquals(ones, seen, "epoch " + epoch);
        }
    }

    @Test
    void dropLastSkipsTheIncompleteBatch() {
        MiniBatches mb = new MiniBatches(10, 3, 42, true);
        int[] perm = mb.permutation(1);
        assertArrayEquals(Arrays.copyOfRange(perm, 0, 3), mb.indices(3));
        assertArrayEquals(Arrays.copyOfRange(perm, 6, 9), mb.indices(5));
        assertArrayEquals(Arrays.copyOfRange(mb.permutation(2), 0, 3), mb.indices(6));
    }

    @Test
    void sameSeedSameBatchesInAnyOrder() {
        MiniBatches a = new MiniBatches(100, 16, 7, false);
        MiniBatches b = new MiniBatches(100, 16, 7, false);
        // b is asked out of order, as after a resume
        int[][] fromA = new int[30][];
        for (int s = 0; s < 30; s++) {
            fromA[s] = a.indices(s);
        }
        for (int s = 29; s >= 0; s -= 3) {
            assertArrayEquals(fromA[s], b.indices(s), "step " + s);
        }
        MiniBatches fresh = new MiniBatches(100, 16, 7, false);
        assertArrayEquals(fromA[17], fresh.indices(17));
    }

    @Test
    void epochsAndSeedsDiffer() {
        MiniBatches a = new MiniBatches(100, 10, 7, false);
        assertFalse(Arrays.equals(a.permutation(0), a.permutation(1)));
        assertFalse(Arrays.equals(a.permutation(1), a.permutation(2)));
        MiniBatches b = new MiniBatches(100, 10, 8, false);
        assertFalse(Arrays.equals(a.permutation(0), b.permutation(0)));
        int[] identity = new int[100];
        Arrays.setAll(identity, i -> i);
        assertFalse(Arrays.equals(identity, a.permutation(0)), "shuffled");
        int[] sorted = a.permutation(5);
        Arrays.sort(sorted);
        assertArrayEquals(identity, sorted);
    }

    @Test
    void returnedArraysAreCopies() {
        MiniBatches a = new MiniBatches(20, 5, 1, false);
        int[] first = a.indices(0);
        int[] copy = first.clone();
        first[0] = -1;
        assertArrayEquals(copy, a.indices(0));
        assertThrows(IllegalArgumentException.class, () -> a.indices(-1));
        assertEquals(3, a.epoch(12));
    }
}
