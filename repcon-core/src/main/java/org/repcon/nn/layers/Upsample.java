package org.repcon.nn.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Nearest-neighbour upsampling by an integer factor f (PyTorch's {@code nn.Upsample(scale_factor=f)}):
 * {@code y[b, c, i, j] = x[b, c, i / f, j / f]} (integer division), {@code [B, C, H, W] -> [B, C, f H, f W]}.
 * Built from reshape and broadcast, so it is differentiable: the gradient of x is the sum of y's gradient over
 * each f x f block.
 */
public final class Upsample implements Layer {
    private final int factor;

    private Upsample(int factor) {
        this.factor = factor;
    }

    /** Nearest upsampling by {@code factor} (>= 1). */
    public static Upsample nearest(int factor) {
        if (factor < 1) {
            throw new IllegalArgumentException("upsampling factor must be >= 1, got " + factor);
        }
        return new Upsample(factor);
    }

    @Override
    public NDArray forward(NDArray x, boolean training) {
        Shape s = x.getShape();
        if (s.dimension() != 4) {
            throw new IllegalArgumentException("Upsample expects [B, C, H, W], got " + s);
        }
        long b = s.get(0);
        long c = s.get(1);
        long h = s.get(2);
        long w = s.get(3);
        return x.reshape(b, c, h, 1, w, 1).broadcast(b, c, h, factor, w, factor).reshape(b, c, h * factor, w * factor);
    }

    public int factor() {
        return factor;
    }
}
