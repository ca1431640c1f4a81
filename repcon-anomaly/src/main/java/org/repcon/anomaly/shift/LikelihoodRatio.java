package org.repcon.anomaly.shift;

/**
 * {@code <model>_likelihood_ratio} (Ren et al. 2019): the log-likelihood ratio of a model p_theta trained on the data
 * and a background model p_theta0 of the same family trained on perturbed data ({@link BackgroundPerturbation}),
 * <pre>
 * LLR(x) = log p_theta(x) - log p_theta0(x)                          (high: in-distribution)
 * score(x) = -LLR(x) / (D ln 2) = bpd_theta(x) - bpd_theta0(x)       (bits per dimension; high: anomalous)
 * </pre>
 * computed from the two models' negative log-likelihoods (or bounds on them) in bits per dimension. What both models
 * explain alike (the background, the image's complexity) cancels; what only the data model explains (the semantics)
 * remains.
 */
public final class LikelihoodRatio {
    private LikelihoodRatio() {}

    /** {@code modelBitsPerDim[i] - backgroundBitsPerDim[i]}; [N]. */
    public static double[] score(double[] modelBitsPerDim, double[] backgroundBitsPerDim) {
        if (modelBitsPerDim.length != backgroundBitsPerDim.length) {
            throw new IllegalArgumentException("bits/dim of " + modelBitsPerDim.length + " images under the model but "
                    + backgroundBitsPerDim.length + " under the background model");
        }
        double[] out = new double[modelBitsPerDim.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = modelBitsPerDim[i] - backgroundBitsPerDim[i];
            if (!Double.isFinite(out[i])) {
                throw new IllegalArgumentException("image " + i + ": the likelihood ratio is not finite (" + modelBitsPerDim[i] + " - "
                        + backgroundBitsPerDim[i] + " bits/dim)");
            }
        }
        return out;
    }
}
