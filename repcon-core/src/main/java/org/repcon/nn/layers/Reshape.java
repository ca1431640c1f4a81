package org.repcon.nn.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/** {@code [B, ...] -> [B, shape...]} keeping the batch axis (row-major), e.g. {@code [B, 3136] -> [B, 64, 7, 7]}. */
public final class Reshape implements Layer {
    private final long[] shape;

    private Reshape(long[] shape) {
        this.shape = shape;
    }

    /** Reshapes each sample to {@code shape} (without the batch axis). */
    public static Reshape of(long... shape) {
        return new Reshape(shape.clone());
    }

    @Override
    public NDArray forward(NDArray x, boolean training) {
        long[] full = new long[shape.length + 1];
        full[0] = x.getShape().get(0);
        System.arraycopy(shape, 0, full, 1, shape.length);
        Shape target = new Shape(full);
        if (target.size() != x.size()) {
            throw new IllegalArgumentException("cannot reshape " + x.getShape() + " to " + target);
        }
        return x.reshape(target);
    }
}
