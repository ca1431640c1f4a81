package org.repcon.autoencoders.features;

import ai.djl.ndarray.NDArray;
import org.repcon.nn.layers.Layer;

/**
 * Features from any repcon {@link Layer}, e.g. the encoder of an autoencoder trained before, evaluated with
 * {@code forward(images, false)} (evaluation mode: running statistics, no dropout). The layer is "frozen" by
 * convention: its parameters must not be in the {@link org.repcon.nn.Parameters} the caller optimises, so a
 * backward pass may fill their gradients but never changes them. Gradients reach the input images.
 */
public final class FrozenLayerFeatures implements FeatureExtractor {
    private final Layer layer;

    public FrozenLayerFeatures(Layer layer) {
        if (layer == null) {
            throw new IllegalArgumentException("layer must not be null");
        }
        this.layer = layer;
    }

    @Override
    public NDArray features(NDArray images) {
        return layer.forward(images, false);
    }
}
