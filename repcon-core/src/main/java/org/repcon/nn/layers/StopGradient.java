package org.repcon.nn.layers;

import ai.djl.ndarray.NDArray;

/** Identity in the forward pass, zero gradient in the backward pass ({@code sg(x)}, {@code x.detach()}). */
public final class StopGradient implements Layer {
    private static final StopGradient INSTANCE = new StopGradient();

    private StopGradient() {}

    public static StopGradient create() {
        return INSTANCE;
    }

    @Override
    public NDArray forward(NDArray x, boolean training) {
        return x.stopGradient();
    }
}
