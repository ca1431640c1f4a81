package org.repcon.nn.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Sub-pixel rearrangement (PyTorch's {@code nn.PixelShuffle(r)}): {@code [B, C r^2, H, W] -> [B, C, r H, r W]},
 * {@code y[b, c, r h + i, r w + j] = x[b, c r^2 + r i + j, h, w]}. A learnable upsampling is a convolution to
 * {@code C r^2} channels followed by this (no transposed convolution needed). Differentiable.
 */
public final class PixelShuffle implements Layer {
    private final int r;

    private PixelShuffle(int r) {
        this.r = r;
    }

    /** Upscale factor {@code r} (>= 1). */
    public static PixelShuffle of(int r) {
        if (r < 1) {
            throw new IllegalArgumentException("pixel shuffle factor must be >= 1, got " + r);
        }
        return new PixelShuffle(r);
    }

    @Override
    public NDArray forward(NDArray x, boolean training) {
        Shape s = x.getShape();
        if (s.dimension() != 4 || s.get(1) % ((long) r * r) != 0) {
            throw new IllegalArgumentException("PixelShuffle(" + r + ") expects [B, C*" + r * r + ", H, W], got " + s);
        }
        long b = s.get(0);
        long c = s.get(1) / ((long) r * r);
        long h = s.get(2);
        long w = s.get(3);
        return x.reshape(b, c, r, r, h, w).transpose(0, 1, 4, 2, 5, 3).reshape(b, c, h * r, w * r);
    }
}
