package org.repcon.nn.layers;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;

/** Layers applied in order: {@code y = f_n(... f_2(f_1(x)))}; the training flag is passed to each. */
public final class Sequential implements Layer {
    private final List<Layer> layers;

    private Sequential(List<Layer> layers) {
        this.layers = List.copyOf(layers);
    }

    public static Sequential of(Layer... layers) {
        return new Sequential(List.of(layers));
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public NDArray forward(NDArray x, boolean training) {
        NDArray h = x;
        for (Layer layer : layers) {
            h = layer.forward(h, training);
        }
        return h;
    }

    /** The layers in order (read-only). */
    public List<Layer> layers() {
        return layers;
    }

    /** Collects layers in order. */
    public static final class Builder {
        private final List<Layer> layers = new ArrayList<>();

        public Builder add(Layer layer) {
            layers.add(java.util.Objects.requireNonNull(layer, "layer"));
            return this;
        }

        public Sequential build() {
            return new Sequential(layers);
        }
    }
}
