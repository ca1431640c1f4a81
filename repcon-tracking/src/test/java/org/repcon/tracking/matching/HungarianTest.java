package org.repcon.tracking.matching;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class HungarianTest {

    @Test
    void handSquareCase() {
        // all six permutations by hand: 6, 11, 5, 9, 7, 6; the unique optimum is 0->1 (1) + 1->0 (2) + 2->2 (2) = 5
        double[][] c = {{4, 1, 3}, {2, 0, 5}, {3, 2, 2}};
        int[] a = Hungarian.solve(c);
        assertArrayEquals(new int[] {1, 0, 2}, a);
        assertEquals(5, Hungarian.totalCost(c, a), 0);
    }

    @Test
    void greedyIsNotOptimal() {
        // greedy takes the 0 at (0,0) and must then pay 100; the optimum pays 1 + 1
        double[][] c = {{0, 1}, {1, 100}};
        assertArrayEquals(new int[] {1, 0}, Hungarian.solve(c));
    }

    @Test
    void wideAndTallMatrices() {
        double[][] wide = {{5, 9, 1}, {10, 3, 2}}; // best: 0->2 (1) + 1->1 (3) = 4
        assertArrayEquals(new int[] {2, 1}, Hungarian.solve(wide));
        double[][] tall = {{5, 10}, {9, 3}, {1, 2}}; // transpose of wide: row 2 -> col 0, row 1 -> col 1, row 0 left
        assertArrayEquals(new int[] {-1, 1, 0}, Hungarian.solve(tall));
    }

    @Test
    void negativeCostsAndEmptyMatrices() {
        assertArrayEquals(new int[] {0, 1}, Hungarian.solve(new double[][] {{-5, 0}, {0, -5}}));
        assertArrayEquals(new int[0], Hungarian.solve(new double[0][0]));
        assertArrayEquals(new int[] {-1, -1}, Hungarian.solve(new double[2][0]));
    }

    @Test
    void matchesBruteForceOnRandomMatrices() {
        Random rnd = new Random(42);
        for (int trial = 0; trial < 400; trial++) {
            int n = 1 + rnd.nextInt(6);
            int m = 1 + rnd.nextInt(6);
            boolean ties = trial % 2 == 0; // small integers exercise ties and degenerate potentials
            double[][] c = new double[n][m];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < m; j++) {
                    c[i][j] = ties ? rnd.nextInt(4) : rnd.nextDouble() * 10 - 3;
                }
            }
            int[] a = Hungarian.solve(c);
            assertValid(a, n, m);
            assertEquals(bruteForce(c), Hungarian.totalCost(c, a), 1e-9, "trial " + trial + " (" + n + "x" + m + ")");
        }
    }

    @Test
    void rejectsBadInput() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Hungarian.solve(new double[][] {{1, 2}, {3}}));
        assertTrue(e.getMessage().contains("rectangular"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Hungarian.solve(new double[][] {{1, Double.NaN}}));
        assertTrue(e.getMessage().contains("cost[0][1]"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Hungarian.solve(new double[][] {{Double.POSITIVE_INFINITY}}));
        assertThrows(IllegalArgumentException.class, () -> Hungarian.solve(null));
    }

    private static void assertValid(int[] a, int n, int m) {
        assertEquals(n, a.length);
        boolean[] used = new boolean[m];
        int assigned = 0;
        for (int j : a) {
            if (j >= 0) {
                assertTrue(j < m && !used[j], "columns must be distinct and in range");
                used[j] = true;
                assigned++;
            }
        }
        assertEquals(Math.min(n, m), assigned, "every row (or every column) must be assigned");
    }

    /** Minimum over all injective maps of the smaller side into the larger one. */
    private static double bruteForce(double[][] c) {
        int n = c.length;
        int m = c[0].length;
        if (n <= m) {
            return best(c, 0, new boolean[m], false);
        }
        return best(c, 0, new boolean[n], true);
    }

    private static double best(double[][] c, int k, boolean[] used, boolean transposed) {
        int rows = transposed ? c[0].length : c.length;
        if (k == rows) {
            return 0;
        }
        double best = Double.POSITIVE_INFINITY;
        for (int j = 0; j < used.length; j++) {
            if (!used[j]) {
                used[j] = true;
                double v = (transposed ? c[j][k] : c[k][j]) + best(c, k + 1, used, transposed);
                best = Math.min(best, v);
                used[j] = false;
            }
        }
        return best;
    }
}
