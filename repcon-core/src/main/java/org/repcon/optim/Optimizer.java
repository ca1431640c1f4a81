package org.repcon.optim;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.repcon.objective.LossValues;

/** Updates parameters in place from the objective's gradient; its state can be checkpointed exactly. */
public interface Optimizer {
    /** Short name for logs, e.g. {@code adam}. */
    String name();

    /**
     * One optimisation step at global step {@code step}.
     *
     * @return the loss values of the evaluation the step was based on (for L-BFGS: at the accepted point)
     */
    LossValues step(LossClosure closure, long step);

    /** The learning rate in effect at {@code step} (NaN where it does not apply). */
    default double learningRate(long step) {
        return Double.NaN;
    }

    /** True once the optimizer can make no further progress (e.g. L-BFGS tolerances met). */
    default boolean converged() {
        return false;
    }

    void writeState(DataOutput out) throws IOException;

    void readState(DataInput in) throws IOException;
}
