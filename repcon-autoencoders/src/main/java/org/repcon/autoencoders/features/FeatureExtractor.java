package org.repcon.autoencoders.features;

import ai.djl.ndarray.NDArray;
import org.repcon.constraints.loss.Perceptual;

/**
 * A fixed map from images to feature maps, used by {@link Perceptual} to compare images by their features
 * rather than by their pixels (the lecture: low-level features = edges, high frequencies).
 *
 * <p>Contract: differentiable with respect to {@code images} (gradients of a loss on the features flow back to
 * the images, hence to the model that produced them); no trainable parameters of its own, or none that the
 * caller optimises. Implementations never close arrays: what {@link #features} creates belongs to the caller's
 * step scope.
 */
@FunctionalInterface
public interface FeatureExtractor {
    /**
     * @param images a batch of images, [B, C, H, W]
     * @return their features, [B, F, h, w] (feature maps) or [B, F] (feature vectors)
     */
    NDArray features(NDArray images);
}
