package org.repcon.autoencoders;

import ai.djl.ndarray.NDArray;
import java.util.Map;

/**
 * The named result of one forward pass of an autoencoder (AE, VAE or VQ-VAE). Loss terms, constraints and
 * conditions read what they need from it by name; nothing is positional.
 *
 * @param input the images the encoder saw, [B, C, H, W] (possibly augmented)
 * @param target what the reconstruction is compared with, [B, C, H, W] (the clean images)
 * @param z the representation passed to the decoder: [B, D] (vector latent) or [B, D, h, w] (matrix latent);
 *     for a VAE the sample, for a VQ-VAE the quantised code (straight-through)
 * @param reconstruction decoder output in [0, 1] (sigmoid), [B, C, H, W]
 * @param extras model-specific arrays by name (see {@link Extras}); absent keys are simply not there
 */
public record AutoencoderOutput(NDArray input, NDArray target, NDArray z, NDArray reconstruction,
        Map<String, NDArray> extras) {

    /** Names of the model-specific arrays in {@link #extras()}. */
    public static final class Extras {
        /** VAE posterior mean, same shape as z. */
        public static final String MU = "mu";
        /** VAE posterior log-variance, same shape as z. */
        public static final String LOGVAR = "logvar";
        /** VQ-VAE encoder output before quantisation, same shape as z. */
        public static final String Z_E = "z_e";
        /** VQ-VAE codebook vectors chosen for each position, as a value (no straight-through), same shape as z. */
        public static final String Z_Q = "z_q";
        /** VQ-VAE code index per latent position, int64, [B] or [B, h, w]. */
        public static final String CODES = "codes";
        /** z of a transformed view T(x) of the same images (for invariance terms), same shape as z. */
        public static final String Z_TRANSFORMED = "z_transformed";

        private Extras() {}
    }

    /** The extra array {@code key}; a clear error if the model did not produce it. */
    public NDArray extra(String key) {
        NDArray a = extras.get(key);
        if (a == null) {
            throw new IllegalStateException("this model's output has no '" + key + "' (has " + extras.keySet()
                    + "); the term that asked for it does not apply to this model");
        }
        return a;
    }
}
