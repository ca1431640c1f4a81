package org.repcon.nn.layers;

import ai.djl.ndarray.NDArray;
import java.util.function.UnaryOperator;
import org.repcon.nn.Activation;

/**
 * A pointwise activation as a layer: any {@link Activation} (tanh, sin, softplus, GELU, ReLU), or the logistic
 * sigmoid {@code 1 / (1 + e^-x)} (for outputs in [0, 1]). Shape is preserved.
 */
public final class ActivationLayer implements Layer {
    private final String name;
    private final UnaryOperator<NDArray> f;

    private ActivationLayer(String name, UnaryOperator<NDArray> f) {
        this.name = name;
        this.f = f;
    }

    /** The layer applying {@code activation}. */
    public static ActivationLayer of(Activation activation) {
        return new ActivationLayer(activation.name().toLowerCase(java.util.Locale.ROOT), activation::apply);
    }

    /**
     * ReLU {@code max(x, 0)}, libtorch's kernel (one op; gradient 1[x > 0], as PyTorch). Same values as
     * {@code of(Activation.RELU)}.
     */
    public static ActivationLayer relu() {
        return new ActivationLayer("relu", x -> x.getNDArrayInternal().relu());
    }

    /** Logistic sigmoid {@code 1 / (1 + e^-x)}, libtorch's (numerically stable) kernel. */
    public static ActivationLayer sigmoid() {
        return new ActivationLayer("sigmoid", x -> x.getNDArrayInternal().sigmoid());
    }

    @Override
    public NDArray forward(NDArray x, boolean training) {
        return f.apply(x);
    }

    @Override
    public String toString() {
        return name;
    }
}
