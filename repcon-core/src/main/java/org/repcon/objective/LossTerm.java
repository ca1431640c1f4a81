package org.repcon.objective;

import ai.djl.ndarray.NDArray;

/**
 * One named part of an objective: a constraint or condition expressed as a scalar to minimise, computed
 * from the model's named output {@code O}. It returns the UNWEIGHTED value (a scalar NDArray); the
 * {@link Objective} applies the weight, so every term's raw value can be logged.
 *
 * <p>Implementations never close arrays: everything they create belongs to the training step.
 *
 * @param <O> the model output type (a record of named arrays)
 */
@FunctionalInterface
public interface LossTerm<O> {
    /** The term's value for this output, a scalar (shape [] or [1]). */
    NDArray compute(O output);
}
