package org.repcon.likelihood;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import org.repcon.nn.Scalars;

/**
 * The log-likelihood of 8-bit data under a Gaussian discretised to its 256 bins (Ho et al. 2020,
 * {@code discretized_gaussian_log_likelihood}): data scaled to [-1, 1] has bin centres {@code x = -1 + 2k/255};
 * a pixel's probability is the Gaussian's mass over {@code [x - 1/255, x + 1/255]}, with the first bin
 * extended to -infinity and the last to +infinity, so the 256 probabilities sum to 1:
 * <pre>
 * P(x) = Phi((x + 1/255 - mu) / s) - Phi((x - 1/255 - mu) / s)      (Phi(+-inf) = 1, 0 at the edge bins)
 * Phi(u) ~= 0.5 (1 + tanh(sqrt(2/pi) (u + 0.044715 u^3)))             (the approximation of the reference code)
 * log P clamped below at log(1e-12)
 * </pre>
 * Every argument is an array of one shape (or broadcastable); the result has it too. Used without gradients
 * (evaluation) and with them (a decoder term). Evaluate in float64: in float32 the difference of two CDFs is
 * lost in the tails (probabilities below ~1e-4 come out clamped), as in the float32 reference code.
 */
public final class DiscretizedGaussian {
    /** Half a bin on the [-1, 1] scale. */
    public static final double HALF_BIN = 1.0 / 255.0;
    private static final double MIN_PROBABILITY = 1e-12;

    private DiscretizedGaussian() {}

    /**
     * Elementwise log P(x) in nats.
     *
     * @param x data on the bin centres of [-1, 1]
     * @param mean the Gaussian's mean, same scale
     * @param logScale the log of its standard deviation
     */
    public static NDArray logLikelihood(NDArray x, NDArray mean, NDArray logScale) {
        NDArray centred = x.sub(mean);
        NDArray inverseScale = logScale.neg().exp();
        NDArray cdfPlus = approximateCdf(centred.add(HALF_BIN).mul(inverseScale));
        NDArray cdfMin = approximateCdf(centred.sub(HALF_BIN).mul(inverseScale));
        NDArray logCdfPlus = cdfPlus.maximum(Scalars.constant(cdfPlus, MIN_PROBABILITY)).log();
        NDArray logOneMinusCdfMin = cdfMin.neg().add(1).maximum(Scalars.constant(cdfMin, MIN_PROBABILITY)).log();
        NDArray logDelta = cdfPlus.sub(cdfMin).maximum(Scalars.constant(cdfPlus, MIN_PROBABILITY)).log();
        NDArray lowEdge = x.lt(-1 + HALF_BIN);
        NDArray highEdge = x.gt(1 - HALF_BIN);
        return NDArrays.where(lowEdge, logCdfPlus, NDArrays.where(highEdge, logOneMinusCdfMin, logDelta));
    }

    /** Phi(u) by the tanh approximation of the reference code (max abs error ~ 2e-4 against the exact CDF). */
    static NDArray approximateCdf(NDArray u) {
        NDArray cubic = u.add(Scalars.times(u.mul(u).mul(u), 0.044715));
        return Scalars.times(cubic, Math.sqrt(2 / Math.PI)).tanh().add(1).mul(Scalars.constant(u, 0.5));
    }

    /** The same approximation for one number. */
    public static double approximateCdf(double u) {
        return 0.5 * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (u + 0.044715 * u * u * u)));
    }

    /** log P(x) for one pixel, in plain Java (a reference for tests and small uses). */
    public static double logLikelihood(double x, double mean, double logScale) {
        double s = Math.exp(-logScale);
        double plus = approximateCdf((x - mean + HALF_BIN) * s);
        double min = approximateCdf((x - mean - HALF_BIN) * s);
        double p = x < -1 + HALF_BIN ? plus : x > 1 - HALF_BIN ? 1 - min : plus - min;
        return Math.log(Math.max(p, MIN_PROBABILITY));
    }
}
