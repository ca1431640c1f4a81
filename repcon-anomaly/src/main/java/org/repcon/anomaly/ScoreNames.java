package org.repcon.anomaly;

import java.util.List;

/** The names of the anomaly scores, as they appear in metrics ({@code auroc_<name>_class<c>}) and tables. */
public final class ScoreNames {
    private ScoreNames() {}

    public static final String AE_RECON_MSE = "ae_recon_mse";
    public static final String VAE_NEG_ELBO = "vae_neg_elbo";
    public static final String VAE_COMPLEXITY_CORRECTED = "vae_complexity_corrected";
    public static final String DIFF_BITS_PER_DIM = "diff_bits_per_dim";
    public static final String DIFF_COMPLEXITY_CORRECTED = "diff_complexity_corrected";
    public static final String DIFF_DENOISE_MSE = "diff_denoise_mse";
    public static final String MSMA = "msma";
    public static final String PNG_BITS_PER_DIM = "png_bits_per_dim";
    /** GEOM's transformation-prediction score ({@link org.repcon.anomaly.transform.TransformClassifier}). */
    public static final String TRANSFORM_NLL = "transform_nll";
    /** GEOM's Dirichlet score of the same classifier ({@link org.repcon.anomaly.transform.DirichletScore}). */
    public static final String TRANSFORM_DIRICHLET = "transform_dirichlet";

    /**
     * The mean of several scores standardised on normal validation images ({@link ScoreCombination}), its members chosen
     * on validation data.
     */
    public static final String COMBINED = "combined";

    /** Every score, in table order. */
    public static final List<String> ALL = List.of(AE_RECON_MSE, VAE_NEG_ELBO, VAE_COMPLEXITY_CORRECTED, DIFF_BITS_PER_DIM,
            DIFF_COMPLEXITY_CORRECTED, DIFF_DENOISE_MSE, MSMA, TRANSFORM_NLL,
            TRANSFORM_DIRICHLET, COMBINED, PNG_BITS_PER_DIM);
}
