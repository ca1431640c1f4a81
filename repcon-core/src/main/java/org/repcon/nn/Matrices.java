package org.repcon.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/** Conversions between Java row arrays and 2-D arrays. */
public final class Matrices {
    private Matrices() {}

    /** Rows {@code [N][d]} (all of length d) as an [N, d] array of {@code type} in {@code manager}. */
    public static NDArray of(NDManager manager, double[][] rows, DataType type) {
        int d = rows.length == 0 ? 0 : rows[0].length;
        double[] flat = new double[rows.length * d];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != d) {
                throw new IllegalArgumentException("row " + i + " has " + rows[i].length + " values, expected " + d);
            }
            System.arraycopy(rows[i], 0, flat, i * d, d);
        }
        return manager.create(flat, new Shape(rows.length, d)).toType(type, false);
    }

    /** An [N, d] array as rows {@code [N][d]} of doubles. */
    public static double[][] rows(NDArray matrix) {
        int n = (int) matrix.getShape().get(0);
        int d = (int) matrix.getShape().get(1);
        double[] flat = matrix.toType(DataType.FLOAT64, false).toDoubleArray();
        double[][] rows = new double[n][d];
        for (int i = 0; i < n; i++) {
            System.arraycopy(flat, i * d, rows[i], 0, d);
        }
        return rows;
    }
}
