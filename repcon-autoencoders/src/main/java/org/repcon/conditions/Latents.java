package org.repcon.conditions;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/** Shapes of latents as the conditions see them: one flat vector per sample. */
final class Latents {
    private Latents() {}

    /**
     * {@code z} [B, ...] as [B, D] with D the product of the non-batch axes: a vector latent [B, D] is returned
     * as it is, a matrix latent [B, D, h, w] becomes [B, D h w] (row-major), so a condition on "the sample's
     * latent" covers all its positions together.
     */
    static NDArray flat(NDArray z) {
        Shape s = z.getShape();
        if (s.dimension() < 2) {
            throw new IllegalArgumentException("a latent batch needs shape [B, D] or [B, D, h, w], got " + s);
        }
        return s.dimension() == 2 ? z : z.reshape(s.get(0), -1);
    }

    /** Same shape check for two latents that are compared. */
    static void sameShape(String what, NDArray a, NDArray b) {
        if (!a.getShape().equals(b.getShape())) {
            throw new IllegalArgumentException(what + ": shapes " + a.getShape() + " and " + b.getShape() + " differ");
        }
    }
}
