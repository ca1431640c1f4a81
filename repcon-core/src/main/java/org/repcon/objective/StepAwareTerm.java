package org.repcon.objective;

import ai.djl.ndarray.NDArray;

/**
 * A {@link LossTerm} that reads the training step: for a term whose own parameters follow a schedule (a robust
 * width annealed over training, a margin that grows), so that the schedule lives with the term instead of being
 * smuggled to it through the model's output. The weight's schedule stays the {@link Objective}'s
 * ({@link WeightSchedule}); this is for everything inside the term.
 *
 * <p>Like a {@link LossTerm}, it returns the UNWEIGHTED value and never closes arrays.
 *
 * @param <O> the model output type
 */
@FunctionalInterface
public interface StepAwareTerm<O> {
    /**
     * The term's value for this output at {@code step}, a scalar (shape [] or [1]).
     *
     * @param step the 0-based index of the training step, the one {@link Objective#evaluate} is given
     */
    NDArray compute(O output, long step);
}
