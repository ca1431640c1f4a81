package org.repcon.diffusion.sampling;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/**
 * The result of running a reverse process: the final x_0 of every sample and, if asked for, the states along the
 * way (for a noise-to-sample strip).
 *
 * @param shape [N, ...] of the samples
 * @param values the final samples, row-major
 * @param trajectory recorded states, in the order visited (the starting noise first, the final samples last)
 */
public record Samples(Shape shape, double[] values, List<Frame> trajectory) {

    /**
     * One recorded state.
     *
     * @param timestep the timestep t of the state x_t (0-based); -1 for the final x_0
     * @param values the state, row-major, [N, ...]
     */
    public record Frame(int timestep, double[] values) {}

    /** The samples as rows [N][values per sample]. */
    public double[][] rows() {
        return rows(values);
    }

    /** A frame's (or any such array's) values as rows [N][values per sample]. */
    public double[][] rows(double[] flat) {
        int n = Math.toIntExact(shape.get(0));
        int per = flat.length / n;
        double[][] r = new double[n][per];
        for (int i = 0; i < n; i++) {
            System.arraycopy(flat, i * per, r[i], 0, per);
        }
        return r;
    }

    /** The final samples as an array of {@code type} in {@code manager}. */
    public NDArray toArray(NDManager manager, DataType type) {
        return manager.create(values, shape).toType(type, false);
    }
}
