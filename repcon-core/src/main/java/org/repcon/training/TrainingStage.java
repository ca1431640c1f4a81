package org.repcon.training;

import java.util.function.LongFunction;
import org.repcon.optim.Optimizer;

/**
 * A run of {@code steps} steps with one optimizer, e.g. Adam warm-up followed by L-BFGS. The optimizer is
 * created when the stage starts, from the global step at which it starts.
 *
 * @param name short name for logs
 * @param steps number of steps (for L-BFGS: iterations, each with its own line search)
 * @param optimizer creates the stage's optimizer given its first global step
 */
public record TrainingStage(String name, long steps, LongFunction<Optimizer> optimizer) {
    public TrainingStage {
        if (steps < 0) {
            throw new IllegalArgumentException("stage " + name + ": steps must be >= 0");
        }
    }
}
