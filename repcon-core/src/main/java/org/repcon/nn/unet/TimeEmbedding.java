package org.repcon.nn.unet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.util.Random;
import org.repcon.nn.Activation;
import org.repcon.nn.Parameters;
import org.repcon.nn.layers.Dense;
import org.repcon.nn.layers.SinusoidalEmbedding;

/**
 * The timestep embedding of DDPM's U-Net: {@code e(t) = W_1 SiLU(W_0 s(t) + b_0) + b_1}, with {@code s(t)} the
 * {@link SinusoidalEmbedding} of size {@code base} and both dense layers of width {@code dim} (4 base in DDPM).
 *
 * <p>Shapes: {@code t [N]} (any numeric type, not differentiated) to {@code [N, dim]}. Parameters
 * {@code <name>.dense0.*} ({@code [dim, base]}, {@code [dim]}) and {@code <name>.dense1.*}.
 */
final class TimeEmbedding {
    private final SinusoidalEmbedding sinusoidal;
    private final Dense dense0;
    private final Dense dense1;

    TimeEmbedding(Parameters parameters, String name, int base, int dim, double maxPeriod, Random rng) {
        this.sinusoidal = new SinusoidalEmbedding(base, maxPeriod);
        this.dense0 = Dense.builder().setName(name + ".dense0").setUnits(base, dim).optSeed(rng.nextLong()).build(parameters);
        this.dense1 = Dense.builder().setName(name + ".dense1").setUnits(dim, dim).optSeed(rng.nextLong()).build(parameters);
    }

    /** {@code [N, dim]} in {@code type}. */
    NDArray forward(NDArray t, DataType type, boolean training) {
        NDArray e = sinusoidal.embed(t, type);
        return dense1.forward(Activation.SILU.apply(dense0.forward(e, training)), training);
    }
}
