package org.repcon.anomaly;

/**
 * {@code <model>_complexity_corrected} (Serra et al. 2020): a likelihood score in bits per dimension minus the image's
 * complexity L(x), its PNG size in bits per dimension ({@link org.repcon.evaluation.PngComplexity}),
 * <pre>
 * S(x) = bpd_model(x) - L(x)
 * </pre>
 * the log-likelihood ratio against a generic lossless compressor: high when the model needs more bits than PNG does.
 */
public final class ComplexityCorrection {
    private ComplexityCorrection() {}

    /** {@code bitsPerDim[i] - complexity[i]}; [N]. */
    public static double[] of(double[] bitsPerDim, double[] complexity) {
        if (bitsPerDim.length != complexity.length) {
            throw new IllegalArgumentException("bits/dim of " + bitsPerDim.length + " images but complexity of " + complexity.length);
        }
        double[] out = new double[bitsPerDim.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = bitsPerDim[i] - complexity[i];
        }
        return out;
    }
}
