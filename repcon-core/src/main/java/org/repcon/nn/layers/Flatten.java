package org.repcon.nn.layers;

import ai.djl.ndarray.NDArray;

/** {@code [B, d1, d2, ...] -> [B, d1 d2 ...]} (row-major, as PyTorch's {@code nn.Flatten}). */
public final class Flatten implements Layer {
    private static final Flatten INSTANCE = new Flatten();

    private Flatten() {}

    public static Flatten create() {
        return INSTANCE;
    }

    @Override
    public NDArray forward(NDArray x, boolean training) {
        if (x.getShape().dimension() < 1) {
            throw new IllegalArgumentException("Flatten expects a batch [B, ...], got a scalar");
        }
        return x.reshape(x.getShape().get(0), -1);
    }
}
