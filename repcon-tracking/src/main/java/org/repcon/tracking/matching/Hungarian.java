package org.repcon.tracking.matching;

import java.util.Arrays;

/**
 * Optimal assignment (minimum total cost) for a rectangular cost matrix, by the Kuhn-Munkres (Hungarian)
 * method with row/column potentials and shortest augmenting paths (the Jonker-Volgenant formulation).
 *
 * <p>For an {@code n x m} matrix C it chooses k = min(n, m) entries, at most one per row and per column,
 * minimizing sum C[i][a(i)]. Time O(k^2 max(n, m)), i.e. O(n^3) for square matrices; memory O(n + m).
 * Ties are broken deterministically (the result depends only on the matrix).
 */
public final class Hungarian {
    private Hungarian() {
    }

    /**
     * The optimal assignment.
     *
     * @param cost an {@code n x m} matrix of finite costs (n, m >= 0; all rows of equal length)
     * @return {@code a} of length n: {@code a[i]} is the column assigned to row i, or -1 when row i is left
     *     unassigned (only possible when n > m); assigned columns are distinct
     * @throws IllegalArgumentException if the matrix is null, ragged, or holds a NaN or infinite cost
     */
    public static int[] solve(double[][] cost) {
        int n = validate(cost);
        int m = n == 0 ? 0 : cost[0].length;
        int[] rowToCol = new int[n];
        Arrays.fill(rowToCol, -1);
        if (n == 0 || m == 0) {
            return rowToCol;
        }
        if (n <= m) {
            int[] colToRow = solveWide(cost, n, m, false);
            for (int j = 0; j < m; j++) {
                if (colToRow[j] >= 0) {
                    rowToCol[colToRow[j]] = j;
                }
            }
        } else {
            // more rows than columns: solve the transpose, whose "columns" are our rows
            // (for each of its columns, i.e. our rows, it returns its row, i.e. our column, or -1)
            rowToCol = solveWide(cost, m, n, true);
        }
        return rowToCol;
    }

    /** The total cost of an assignment returned by {@link #solve} (unassigned rows contribute nothing). */
    public static double totalCost(double[][] cost, int[] assignment) {
        if (cost == null || assignment == null || assignment.length != cost.length) {
            throw new IllegalArgumentException("assignment must have one entry per row of the cost matrix");
        }
        double sum = 0;
        for (int i = 0; i < assignment.length; i++) {
            if (assignment[i] >= 0) {
                sum += cost[i][assignment[i]];
            }
        }
        return sum;
    }

    /**
     * Core for k rows <= w columns (the matrix read transposed when {@code transposed}): assigns every row.
     * Returns, for each column, its row or -1.
     */
    private static int[] solveWide(double[][] cost, int k, int w, boolean transposed) {
        double[] u = new double[k + 1]; // row potentials (1-based, index 0 unused)
        double[] v = new double[w + 1]; // column potentials; v[0] belongs to the virtual column 0
        int[] p = new int[w + 1]; // p[j]: row (1-based) assigned to column j, 0 if none
        int[] way = new int[w + 1]; // previous column on the shortest augmenting path
        double[] minv = new double[w + 1];
        boolean[] used = new boolean[w + 1];
        for (int i = 1; i <= k; i++) {
            p[0] = i;
            int j0 = 0;
            Arrays.fill(minv, Double.POSITIVE_INFINITY);
            Arrays.fill(used, false);
            do {
                used[j0] = true;
                int i0 = p[j0];
                double delta = Double.POSITIVE_INFINITY;
                int j1 = 0;
                for (int j = 1; j <= w; j++) {
                    if (!used[j]) {
                        double c = transposed ? cost[j - 1][i0 - 1] : cost[i0 - 1][j - 1];
                        double cur = c - u[i0] - v[j];
                        if (cur < minv[j]) {
                            minv[j] = cur;
                            way[j] = j0;
                        }
                        if (minv[j] < delta) {
                            delta = minv[j];
                            j1 = j;
                        }
                    }
                }
                for (int j = 0; j <= w; j++) {
                    if (used[j]) {
                        u[p[j]] += delta;
                        v[j] -= delta;
                    } else {
                        minv[j] -= delta;
                    }
                }
                j0 = j1;
            } while (p[j0] != 0);
            do { // augment along the path
                int j1 = way[j0];
                p[j0] = p[j1];
                j0 = j1;
            } while (j0 != 0);
        }
        int[] colToRow = new int[w];
        for (int j = 1; j <= w; j++) {
            colToRow[j - 1] = p[j] - 1;
        }
        return colToRow;
    }

    private static int validate(double[][] cost) {
        if (cost == null) {
            throw new IllegalArgumentException("cost matrix must not be null");
        }
        int n = cost.length;
        if (n == 0) {
            return 0;
        }
        if (cost[0] == null) {
            throw new IllegalArgumentException("cost matrix row 0 is null");
        }
        int m = cost[0].length;
        for (int i = 0; i < n; i++) {
            if (cost[i] == null || cost[i].length != m) {
                throw new IllegalArgumentException("cost matrix must be rectangular: row 0 has " + m + " columns, row "
                        + i + " has " + (cost[i] == null ? "none (null)" : cost[i].length));
            }
            for (int j = 0; j < m; j++) {
                if (!Double.isFinite(cost[i][j])) {
                    throw new IllegalArgumentException("cost[" + i + "][" + j + "] must be finite, got " + cost[i][j]);
                }
            }
        }
        return n;
    }
}
