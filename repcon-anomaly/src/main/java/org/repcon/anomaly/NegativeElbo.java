package org.repcon.anomaly;

import org.repcon.autoencoders.VariationalAutoencoder;
import org.repcon.autoencoders.experiment.TrainedAutoencoder;
import org.repcon.autoencoders.likelihood.ImportanceWeightedBound;
import org.repcon.data.ImageSet;

/**
 * {@code vae_neg_elbo}: a VAE's negative evidence lower bound per image in bits per dimension, the one-sample
 * ({@code k = 1}) case of {@link ImportanceWeightedBound}:
 * <pre>
 * -ELBO(x) / (D ln 2),  ELBO(x) = log p(x | z) + log N(z; 0, I) - log q(z | x),  z = mu(x) + sigma(x) eps
 * </pre>
 * with the discretised-Gaussian decoder of 8-bit pixels whose one scale is chosen on the validation images
 * ({@link #fit}); one z per image drawn from the seed.
 *
 * @param vae the model
 * @param logScale the decoder's log standard deviation on [-1, 1] data, chosen on validation images
 * @param seed the draws of z
 */
public record NegativeElbo(TrainedAutoencoder vae, double logScale, long seed) {

    /**
     * Chooses the decoder scale on {@code validation} (the scale minimising their mean bound).
     *
     * @throws IllegalArgumentException if the model is not a VAE
     */
    public static NegativeElbo fit(TrainedAutoencoder vae, ImageSet validation, long seed) {
        return new NegativeElbo(vae, new ImportanceWeightedBound(of(vae), 1).chooseLogScale(validation, seed), seed);
    }

    /** The score of every image, bits per dimension; [N]. */
    public double[] score(ImageSet images) {
        return new ImportanceWeightedBound(of(vae), 1).bitsPerDim(images, logScale, seed);
    }

    private static VariationalAutoencoder of(TrainedAutoencoder t) {
        if (!(t.model() instanceof VariationalAutoencoder v)) {
            throw new IllegalArgumentException("vae_neg_elbo needs a VAE (model.type: vae), got " + t.config().model().type());
        }
        return v;
    }
}
