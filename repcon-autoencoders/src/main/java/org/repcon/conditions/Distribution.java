package org.repcon.conditions;

import ai.djl.ndarray.NDArray;
import java.util.function.Function;
import org.repcon.nn.Scalars;
import org.repcon.objective.LossTerm;

/**
 * Distribution condition: the encoder's posterior {@code q(z|x) = N(mu, diag(exp(logvar)))} is pulled toward
 * the prior {@code N(0, I)} (the VAE's KL term), so the latent space is filled without holes.
 *
 * <p>{@code KL = mean_b 0.5 * sum_i (mu_bi^2 + exp(logvar_bi) - logvar_bi - 1)}: the exact KL divergence
 * {@code KL(N(mu, sigma^2) || N(0, 1))} summed over the latent dimensions i (all non-batch axes; a matrix latent
 * [B, D, h, w] counts D h w dimensions) and averaged over the batch b. {@code mu}, {@code logvar}: same shape,
 * [B, D] or [B, D, h, w].
 */
public final class Distribution {
    private Distribution() {}

    /** The KL divergence to the standard normal, summed over dimensions, averaged over the batch; a scalar. */
    public static NDArray klToStandardNormal(NDArray mu, NDArray logvar) {
        Latents.sameShape("klToStandardNormal(mu, logvar)", mu, logvar);
        NDArray m = Latents.flat(mu);
        NDArray lv = Latents.flat(logvar);
        NDArray perDim = m.square().add(lv.exp()).sub(lv).sub(Scalars.constant(lv, 1));
        return Scalars.times(perDim.sum(new int[] {1}).mean(), 0.5);
    }

    /**
     * The KL term, e.g.
     * {@code Distribution.klToStandardNormal(o -> o.extra(Extras.MU), o -> o.extra(Extras.LOGVAR))}.
     */
    public static <O> LossTerm<O> klToStandardNormal(Function<O, NDArray> mu, Function<O, NDArray> logvar) {
        return o -> klToStandardNormal(mu.apply(o), logvar.apply(o));
    }
}
