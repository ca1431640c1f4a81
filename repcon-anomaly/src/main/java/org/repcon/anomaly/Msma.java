package org.repcon.anomaly;

import java.util.List;
import org.repcon.data.ImageSet;
import org.repcon.diffusion.TrainedDiffusion;

/**
 * {@code msma} (Mahmood et al. 2021): the {@link NoiseNorms} feature vector of an image under a
 * {@link GaussianDensity} (full covariance, shrinkage lambda) fitted on the features of the normal data's validation
 * images; the score is the negative log density, high for images whose score norms are unusual.
 *
 * @param sigmas the noise levels of the features
 * @param density the fitted density
 */
public record Msma(List<Double> sigmas, GaussianDensity density) {

    /** Fits the density on the features of {@code validation}. */
    public static Msma fit(TrainedDiffusion d, ImageSet validation, List<Double> sigmas, double shrinkage) {
        return new Msma(List.copyOf(sigmas), GaussianDensity.fit(NoiseNorms.of(d, validation, sigmas), shrinkage));
    }

    /** The score of every image; [N]. */
    public double[] score(TrainedDiffusion d, ImageSet images) {
        return density.score(NoiseNorms.of(d, images, sigmas));
    }
}
