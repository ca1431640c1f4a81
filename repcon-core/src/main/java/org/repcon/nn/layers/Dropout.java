package org.repcon.nn.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Inverted dropout, as PyTorch's {@code nn.Dropout(p)}: in training each value is zeroed with probability p and the
 * rest are scaled by {@code 1 / (1 - p)}; in evaluation (and for p = 0) the input is returned unchanged. The mask
 * comes from libtorch's generator (seed it with {@link org.repcon.engine.Engines#seed}). Shape is preserved.
 */
public final class Dropout implements Layer {
    private final double p;

    private Dropout(double p) {
        this.p = p;
    }

    /** Dropout with probability {@code p} in [0, 1). */
    public static Dropout of(double p) {
        if (!(p >= 0 && p < 1)) {
            throw new IllegalArgumentException("dropout probability must be in [0, 1), got " + p);
        }
        return new Dropout(p);
    }

    @Override
    public NDArray forward(NDArray x, boolean training) {
        return training && p > 0 ? JniUtils.dropout((PtNDArray) x, p, true) : x;
    }

    public double probability() {
        return p;
    }
}
