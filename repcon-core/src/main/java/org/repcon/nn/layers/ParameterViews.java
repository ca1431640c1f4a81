package org.repcon.nn.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Reshaped and transposed views of parameters that belong to the caller's step, not to the parameters'
 * long-lived manager. A unary op on a parameter ({@code w.reshape(...)}) would otherwise attach its result to
 * the parameters' manager, where it stays until that manager closes when no step scope is open.
 */
public final class ParameterViews {
    private ParameterViews() {}

    /** {@code parameter.reshape(shape)}, attached to {@code like}'s manager (differentiable). */
    public static NDArray reshape(NDArray parameter, NDArray like, Shape shape) {
        NDArray view = parameter.reshape(shape);
        view.attach(like.getManager());
        return view;
    }

    /** {@code parameter.transpose()} (reversed axes), attached to {@code like}'s manager (differentiable). */
    public static NDArray transpose(NDArray parameter, NDArray like) {
        NDArray view = parameter.transpose();
        view.attach(like.getManager());
        return view;
    }
}
