package org.repcon.nn.layers;

import ai.djl.ndarray.NDArray;

/**
 * A differentiable map whose trainable arrays live in a {@link org.repcon.nn.Parameters}. Layers never close
 * arrays: everything a forward pass creates belongs to the caller's step scope.
 */
@FunctionalInterface
public interface Layer {
    /**
     * @param x input batch (shape documented by each layer)
     * @param training true during a training step (batch statistics, dropout); false for evaluation
     */
    NDArray forward(NDArray x, boolean training);
}
