package org.repcon.evaluation;

/** Package-private argument checks (input validation) shared by the evaluation classes; every failure names the argument. */
final class ArgumentChecks {
    private ArgumentChecks() {
    }

    /**
     * Checks that {@code z} is a non-empty rectangular matrix of finite values.
     *
     * @return the number of columns
     */
    static int matrix(double[][] z, String name) {
        if (z == null) {
            throw new IllegalArgumentException(name + " is null");
        }
        if (z.length == 0) {
            throw new IllegalArgumentException(name + " has no rows");
        }
        if (z[0] == null || z[0].length == 0) {
            throw new IllegalArgumentException(name + " has no columns");
        }
        int d = z[0].length;
        for (int i = 0; i < z.length; i++) {
            if (z[i] == null || z[i].length != d) {
                throw new IllegalArgumentException(name + " is not rectangular: row " + i + " has "
                        + (z[i] == null ? "no" : Integer.toString(z[i].length)) + " values, row 0 has " + d);
            }
            for (int j = 0; j < d; j++) {
                if (!Double.isFinite(z[i][j])) {
                    throw new IllegalArgumentException(name + "[" + i + "][" + j + "] is not finite: " + z[i][j]);
                }
            }
        }
        return d;
    }

    /** Checks that {@code a} and {@code b} are matrices of the same shape. */
    static void sameShape(double[][] a, String aName, double[][] b, String bName) {
        int da = matrix(a, aName);
        int db = matrix(b, bName);
        if (a.length != b.length || da != db) {
            throw new IllegalArgumentException(aName + " is " + a.length + "x" + da + " but " + bName + " is "
                    + b.length + "x" + db);
        }
    }

    /**
     * Checks that {@code y} holds one non-negative class index per row of a matrix with {@code rows} rows.
     *
     * @return the largest label
     */
    static int labels(int[] y, int rows, String name, String matrixName) {
        if (y == null) {
            throw new IllegalArgumentException(name + " is null");
        }
        if (y.length != rows) {
            throw new IllegalArgumentException(name + " has " + y.length + " labels but " + matrixName + " has "
                    + rows + " rows");
        }
        int max = 0;
        for (int i = 0; i < y.length; i++) {
            if (y[i] < 0) {
                throw new IllegalArgumentException(name + "[" + i + "] is negative: " + y[i]);
            }
            max = Math.max(max, y[i]);
        }
        return max;
    }

    /** Checks that two matrices have the same number of columns. */
    static void sameColumns(double[][] a, String aName, double[][] b, String bName) {
        int da = matrix(a, aName);
        int db = matrix(b, bName);
        if (da != db) {
            throw new IllegalArgumentException(aName + " has " + da + " columns but " + bName + " has " + db);
        }
    }
}
