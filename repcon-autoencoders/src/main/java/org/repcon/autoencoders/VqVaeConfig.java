package org.repcon.autoencoders;

/**
 * A VQ-VAE (pythae's {@code VQVAEConfig}): the encoder/decoder architecture and a codebook of
 * {@code codebookSize} (K) codes of size D (the architecture's latent size).
 */
public record VqVaeConfig(AeConfig architecture, int codebookSize) {
    public VqVaeConfig {
        if (architecture == null) {
            throw new IllegalArgumentException("architecture is required");
        }
        if (codebookSize < 1) {
            throw new IllegalArgumentException("codebook size must be >= 1, got " + codebookSize);
        }
    }

    /** The reference architecture with K codes. */
    public static VqVaeConfig of(int channels, int height, int width, int latentSize, int codebookSize) {
        return new VqVaeConfig(AeConfig.of(channels, height, width, latentSize), codebookSize);
    }
}
