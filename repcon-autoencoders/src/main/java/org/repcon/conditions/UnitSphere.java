package org.repcon.conditions;

import ai.djl.ndarray.NDArray;
import java.util.function.Function;
import org.repcon.nn.Scalars;
import org.repcon.objective.LossTerm;

/**
 * Unit-sphere condition (soft): each sample's latent should have norm 1, {@code mean_b (||z_b|| - 1)^2} with
 * {@code ||z_b||} the Euclidean norm over all the sample's latent values (non-batch axes) and the mean over the
 * batch b. Zero exactly on unit vectors. z: [B, D] or [B, D, h, w]. At {@code z_b = 0} the norm has no gradient;
 * libtorch's norm then returns gradient 0. For the hard version see
 * {@link org.repcon.constraints.projection.UnitSphereProjection}.
 */
public final class UnitSphere {
    private UnitSphere() {}

    /** {@code mean_b (||z_b|| - 1)^2}, a scalar. */
    public static NDArray penalty(NDArray z) {
        NDArray norm = Latents.flat(z).norm(new int[] {1}, false);
        return norm.sub(Scalars.constant(norm, 1)).square().mean();
    }

    /** The unit-sphere term, e.g. {@code UnitSphere.penalty(AutoencoderOutput::z)}. */
    public static <O> LossTerm<O> penalty(Function<O, NDArray> z) {
        return o -> penalty(z.apply(o));
    }
}
