package org.repcon.optim.lbfgs;

/**
 * A differentiable objective on a flat parameter vector.
 *
 * <p>Implementations must write the full gradient of {@code f} at {@code x} into {@code gradientOut} (same length as
 * {@code x}, every entry overwritten) and return {@code f(x)}. They must not keep a reference to or modify {@code x}.
 * When used with {@link Lbfgs}, the optimizer guarantees that the last call made during {@link Lbfgs#iterate} is at the
 * point the optimizer leaves in {@code x}, so implementations that push {@code x} into model parameters as a side
 * effect leave the model consistent with {@code x}.
 */
@FunctionalInterface
public interface DifferentiableFunction {
    /** Returns {@code f(x)} and writes {@code grad f(x)} into {@code gradientOut}. */
    double evaluate(double[] x, double[] gradientOut);
}
