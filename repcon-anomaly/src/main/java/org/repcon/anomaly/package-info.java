/**
 * Anomaly scores per image (higher = more anomalous) from the project's trained models, each under a fixed name:
 * <ul>
 *   <li>{@code ae_recon_mse}: {@link org.repcon.anomaly.ReconstructionError} of an autoencoder;</li>
 *   <li>{@code vae_neg_elbo}: {@link org.repcon.anomaly.NegativeElbo} of a VAE, in bits per dimension;</li>
 *   <li>{@code diff_bits_per_dim}: the diffusion model's variational bound ({@code TrainedDiffusion.bitsPerDim});</li>
 *   <li>{@code diff_denoise_mse}: {@link org.repcon.anomaly.DenoisingScore}, de-noising errors over several noise levels
 *       standardised on validation data (DDPM-OOD, Graham et al. 2023);</li>
 *   <li>{@code msma}: {@link org.repcon.anomaly.NoiseNorms} (norms of the noise model's prediction at several noise
 *       levels) under a {@link org.repcon.anomaly.GaussianDensity} fitted on validation features (Mahmood et al. 2021);</li>
 *   <li>{@code <model>_complexity_corrected}: {@link org.repcon.anomaly.ComplexityCorrection}, a likelihood in bits/dim
 *       minus the PNG size in bits/dim (Serra et al. 2020); {@code png_bits_per_dim} is the complexity alone.</li>
 * </ul>
 * Everything fitted (standardisation, densities) is fitted on validation images of the normal data only.
 */
package org.repcon.anomaly;
