package org.repcon.likelihood;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.types.DataType;

/**
 * The discretised Gaussian decoder of Ho et al. 2020 (section 3.3, {@code discretized_gaussian_log_likelihood}): 8-bit
 * data scaled to [-1, 1] (values v / 127.5 - 1, v = 0 .. 255) has 256 bins of width 2/255 around each value; the
 * probability of x under N(mu, sigma^2) is the Gaussian mass of x's bin, the two outer bins extended to -inf and +inf:
 * <pre>
 * P(x) = Phi((x + 1/255 - mu) / sigma) - Phi((x - 1/255 - mu) / sigma)     inside,
 *        Phi((x + 1/255 - mu) / sigma)                                    x = -1,
 *        1 - Phi((x - 1/255 - mu) / sigma)                                x = 1,
 * </pre>
 * each log clamped below at log(1e-12), so the 256 probabilities sum to 1. Computed in float64 with the exact
 * Phi(z) = (1 + erf(z / sqrt 2)) / 2 (Ho et al.'s code uses a tanh approximation of Phi). The one decoder at t = 0
 * of every likelihood repcon reports in bits/dim (the diffusion bound, the VAE's importance-weighted bound), so
 * that their figures compare. Evaluation only ({@code mul} with numbers: not for a backward pass).
 */
public final class DiscretizedGaussian {
    /** Half the width of a bin in [-1, 1]. */
    public static final double HALF_BIN = 1.0 / 255;
    private static final double FLOOR = 1e-12;

    private DiscretizedGaussian() {}

    /** log P(x) per value, float64, for x and mean (broadcastable; the result has their common shape) and log sigma. */
    public static NDArray logProbability(NDArray x, NDArray mean, NDArray logScale) {
        NDArray centred = x.toType(DataType.FLOAT64, false).sub(mean.toType(DataType.FLOAT64, false));
        NDArray xd = x.toType(DataType.FLOAT64, false).broadcast(centred.getShape()); // where() does not broadcast
        NDArray inverse = logScale.toType(DataType.FLOAT64, false).neg().exp();
        NDArray plus = centred.add(HALF_BIN).mul(inverse);
        NDArray minus = centred.sub(HALF_BIN).mul(inverse);
        NDArray cdfPlus = phi(plus);
        NDArray oneMinusCdfMinus = phi(minus.neg());
        NDArray delta = cdfPlus.sub(phi(minus));
        NDArray logCdfPlus = cdfPlus.maximum(FLOOR).log();
        NDArray logOneMinus = oneMinusCdfMinus.maximum(FLOOR).log();
        NDArray logDelta = delta.maximum(FLOOR).log();
        NDArray upper = NDArrays.where(xd.gt(0.999), logOneMinus, logDelta);
        return NDArrays.where(xd.lt(-0.999), logCdfPlus, upper);
    }

    private static NDArray phi(NDArray z) {
        return z.mul(1 / Math.sqrt(2)).erf().add(1).mul(0.5);
    }

    /** The bin centre of 8-bit value v: v / 127.5 - 1. */
    public static double binCentre(int v) {
        if (v < 0 || v > 255) {
            throw new IllegalArgumentException("an 8-bit value is in [0, 255], got " + v);
        }
        return v / 127.5 - 1;
    }
}
