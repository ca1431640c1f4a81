package org.repcon.optim;

import org.repcon.objective.LossValues;

/**
 * Evaluates the objective at the current parameters and leaves its gradient in the parameters'
 * {@code .grad}. Supplied by the trainer, which scopes all arrays of the evaluation; optimizers call it once
 * (Adam) or several times per step (L-BFGS line search).
 */
@FunctionalInterface
public interface LossClosure {
    LossValues evaluate();
}
