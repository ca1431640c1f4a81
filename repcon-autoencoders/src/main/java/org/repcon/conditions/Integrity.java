package org.repcon.conditions;

import ai.djl.ndarray.NDArray;
import java.util.function.Function;
import org.repcon.nn.Scalars;
import org.repcon.objective.LossTerm;

/**
 * Integrity condition (soft): the parts of a sample's latent add up to the whole, 100 %, as fractions of a
 * composition do: {@code mean_b (sum_i z_bi - 1)^2}, the sum over all the sample's latent values (non-batch
 * axes), the mean over the batch b. z: [B, D] or [B, D, h, w]. It constrains the sum only; nonnegative fractions
 * need e.g. a softplus output or the hard {@link org.repcon.constraints.projection.SimplexProjection}.
 */
public final class Integrity {
    private Integrity() {}

    /** {@code mean_b (sum_i z_bi - 1)^2}, a scalar. */
    public static NDArray penalty(NDArray z) {
        NDArray sum = Latents.flat(z).sum(new int[] {1});
        return sum.sub(Scalars.constant(sum, 1)).square().mean();
    }

    /** The integrity term, e.g. {@code Integrity.penalty(AutoencoderOutput::z)}. */
    public static <O> LossTerm<O> penalty(Function<O, NDArray> z) {
        return o -> penalty(z.apply(o));
    }
}
