package org.repcon.transformations.latent;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.function.Function;
import org.repcon.objective.LossTerm;

/**
 * Invariance to a transformation T (an augmentation: shift, flip, noise, ...), taught through the loss:
 * the representation of a transformed input should equal that of the original,
 * {@code L = mean_b ||z(T x_b) - z(x_b)||^2 / D}, the squared Euclidean distance per sample divided by the
 * number D of latent values per sample (all non-batch axes: D h w for a matrix latent [B, D, h, w]), averaged
 * over the batch b; equivalently the mean over all elements of {@code (z(Tx) - z(x))^2}. Dividing by D keeps
 * the scale independent of the latent size. Both arguments carry gradients (the term pulls them together).
 * Note that this term alone is minimised by a constant z: pair it with a reconstruction or another term.
 */
public final class Invariance {
    private Invariance() {}

    /** {@code mean_b ||zT_b - z_b||^2 / D}, a scalar; z and zTransformed of the same shape [B, ...]. */
    public static NDArray of(NDArray z, NDArray zTransformed) {
        Shape s = z.getShape();
        if (!s.equals(zTransformed.getShape())) {
            throw new IllegalArgumentException("invariance: z " + s + " and z of the transformed input "
                    + zTransformed.getShape() + " must have the same shape");
        }
        return zTransformed.sub(z).square().mean();
    }

    /**
     * The invariance term, e.g.
     * {@code Invariance.of(AutoencoderOutput::z, o -> o.extra(Extras.Z_TRANSFORMED))}.
     */
    public static <O> LossTerm<O> of(Function<O, NDArray> z, Function<O, NDArray> zTransformed) {
        return o -> of(z.apply(o), zTransformed.apply(o));
    }
}
