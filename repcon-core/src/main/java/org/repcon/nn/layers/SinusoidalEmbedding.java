package org.repcon.nn.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.types.DataType;
import org.repcon.nn.Scalars;

/**
 * The sinusoidal embedding of a scalar such as a diffusion timestep (Vaswani et al. 2017; as in Ho et al. 2020's
 * {@code get_timestep_embedding}): for {@code t} of shape [N] and an even {@code dim = 2h},
 * <pre>
 * f_i = exp(-ln(maxPeriod) * i / (h - 1)),  i = 0 .. h-1
 * e(t) = [sin(t f_0) .. sin(t f_{h-1}), cos(t f_0) .. cos(t f_{h-1})]     shape [N, dim]
 * </pre>
 * It has no parameters; {@code t} is not differentiated.
 */
public final class SinusoidalEmbedding {
    private final int dim;
    private final double maxPeriod;

    /** @param dim even, >= 4; @param maxPeriod the longest period, 10,000 in the papers */
    public SinusoidalEmbedding(int dim, double maxPeriod) {
        if (dim < 4 || dim % 2 != 0) {
            throw new IllegalArgumentException("embedding size must be even and >= 4, got " + dim);
        }
        if (!(maxPeriod > 1)) {
            throw new IllegalArgumentException("maxPeriod must be > 1, got " + maxPeriod);
        }
        this.dim = dim;
        this.maxPeriod = maxPeriod;
    }

    /** The embedding size. */
    public int dim() {
        return dim;
    }

    /** [N, dim] embedding of {@code t} [N] (any numeric type), in {@code type}. */
    public NDArray embed(NDArray t, DataType type) {
        int half = dim / 2;
        double[] frequencies = new double[half];
        for (int i = 0; i < half; i++) {
            frequencies[i] = Math.exp(-Math.log(maxPeriod) * i / (half - 1));
        }
        NDArray f = Scalars.owned(t.getManager().create(frequencies), type).reshape(1, half);
        NDArray angles = t.toType(type, false).reshape(-1, 1).mul(f);
        return NDArrays.concat(new ai.djl.ndarray.NDList(angles.sin(), angles.cos()), 1);
    }
}
