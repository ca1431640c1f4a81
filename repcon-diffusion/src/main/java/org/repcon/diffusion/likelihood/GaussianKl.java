package org.repcon.diffusion.likelihood;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * KL(N(mu1, e^{logVar1}) || N(mu2, e^{logVar2})) per value, in nats, float64 (Ho et al.'s {@code normal_kl}):
 * <pre>
 * 0.5 (-1 + logVar2 - logVar1 + exp(logVar1 - logVar2) + (mu1 - mu2)^2 exp(-logVar2))
 * </pre>
 */
public final class GaussianKl {
    private GaussianKl() {}

    /** Elementwise; the log variances broadcast against the means. */
    public static NDArray kl(NDArray mean1, NDArray logVar1, NDArray mean2, NDArray logVar2) {
        NDArray m1 = mean1.toType(DataType.FLOAT64, false);
        NDArray m2 = mean2.toType(DataType.FLOAT64, false);
        NDArray l1 = logVar1.toType(DataType.FLOAT64, false);
        NDArray l2 = logVar2.toType(DataType.FLOAT64, false);
        return l2.sub(l1).sub(1).add(l1.sub(l2).exp()).add(m1.sub(m2).square().mul(l2.neg().exp())).mul(0.5);
    }

    /** The same for plain numbers. */
    public static double kl(double mean1, double logVar1, double mean2, double logVar2) {
        return 0.5 * (-1 + logVar2 - logVar1 + Math.exp(logVar1 - logVar2) + (mean1 - mean2) * (mean1 - mean2) * Math.exp(-logVar2));
    }
}
