package org.repcon.conditions;

import ai.djl.ndarray.NDArray;
import java.util.function.Function;
import org.repcon.objective.LossTerm;

/**
 * Sparsity condition: few active latent units per sample, by the L1 penalty
 * {@code mean_b sum_i |z_bi|} (sum over the latent dimensions i, all non-batch axes; mean over the batch b).
 * z: [B, D] or [B, D, h, w]. Its (sub)gradient {@code sign(z) / B} pushes every unit toward 0 at the same rate,
 * so small units reach exactly 0 (unlike an L2 penalty).
 */
public final class Sparsity {
    private Sparsity() {}

    /** {@code mean_b sum_i |z_bi|}, a scalar. */
    public static NDArray l1(NDArray z) {
        return Latents.flat(z).abs().sum(new int[] {1}).mean();
    }

    /** The L1 sparsity term, e.g. {@code Sparsity.l1(AutoencoderOutput::z)}. */
    public static <O> LossTerm<O> l1(Function<O, NDArray> z) {
        return o -> l1(z.apply(o));
    }
}
