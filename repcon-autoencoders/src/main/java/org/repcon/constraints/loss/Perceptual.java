package org.repcon.constraints.loss;

import ai.djl.ndarray.NDArray;
import java.util.function.Function;
import org.repcon.objective.LossTerm;
import org.repcon.autoencoders.features.FeatureExtractor;
import org.repcon.autoencoders.features.GaborBank;

/**
 * Perceptual (feature) loss: images are compared through a fixed {@link FeatureExtractor} {@code f},
 * {@code L = mean (f(p) - f(t))^2}, the mean over all feature elements (batch, features and positions), for
 * predictions {@code p} and targets {@code t} of shape [B, C, H, W]. With low-level features (edges, high
 * frequencies, e.g. {@link GaborBank}) it penalises what a pixel loss averages away: misplaced or blurred edges.
 * Gradients flow through {@code f(p)}; the target usually carries none.
 */
public final class Perceptual {
    private Perceptual() {}

    /** {@code mean (f(p) - f(t))^2}, a scalar. */
    public static NDArray of(FeatureExtractor features, NDArray prediction, NDArray target) {
        Reconstruction.checkShapes(prediction, target);
        return features.features(prediction).sub(features.features(target)).square().mean();
    }

    /**
     * The perceptual loss as a loss term, e.g.
     * {@code Perceptual.of(new GaborBank(), AutoencoderOutput::reconstruction, AutoencoderOutput::target)}.
     */
    public static <O> LossTerm<O> of(FeatureExtractor features, Function<O, NDArray> prediction,
            Function<O, NDArray> target) {
        return o -> of(features, prediction.apply(o), target.apply(o));
    }
}
