package org.repcon.training;

/**
 * A listener that may change the gradient between the backward pass and the optimizer's update (e.g. clipping it
 * by its global norm, {@link org.repcon.optim.GradientClipping}). The {@link Trainer} calls it after every backward
 * pass of the objective, inside that evaluation's scope (temporaries are freed with it). Register it like any
 * listener ({@link Trainer.Builder#addListener}, or the listeners of {@code RunContext.train}).
 *
 * <p>With L-BFGS every line-search evaluation passes through it, so the gradient it sees is no longer the one
 * of the loss values: meant for first-order optimizers (Adam).
 */
public interface GradientHook extends TrainingListener {
    /** The gradients of the parameters are in their {@code .grad}, for the evaluation at 0-based step {@code step}. */
    void onGradients(long step);
}
