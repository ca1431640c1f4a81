package org.repcon.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.DataInput;
import java.io.DataOutput;
import org.junit.jupiter.api.Test;
import org.repcon.DjlTestCase;
import org.repcon.nn.Parameters;
import org.repcon.objective.LossValues;
import org.repcon.objective.Objective;
import org.repcon.optim.LossClosure;
import org.repcon.optim.Optimizer;

/** A stage whose optimizer converges early: the schedule position jumps to the stage end, the executed count does not. */
class EarlyConvergenceStepsTest extends DjlTestCase {
    @Test
    void executedStepsCountOnlyStepsRun() {
        try (Parameters p = new Parameters(manager, DataType.FLOAT64)) {
            p.add("w", new Shape(1), new double[] {3});
            Optimizer convergesAfterFive = new Optimizer() {
                int calls;

                @Override
                public String name() {
                    return "fake";
                }

                @Override
                public LossValues step(LossClosure closure, long step) {
                    calls++;
                    return closure.evaluate();
                }

                @Override
                public boolean converged() {
                    return calls >= 5;
                }

                @Override
                public void writeState(DataOutput out) {}

                @Override
                public void readState(DataInput in) {}
            };
            Trainer<ai.djl.ndarray.NDArray> trainer = Trainer.<ai.djl.ndarray.NDArray>builder().setParameters(p)
                    .setModel(c -> p.get("w")).setObjective(Objective.<ai.djl.ndarray.NDArray>builder()
                            .add("sq", 1.0, w -> w.square().sum()).build())
                    .addStage(new TrainingStage("fake", 100, s -> convergesAfterFive)).build();
            trainer.fit();
            assertEquals(100, trainer.steps(), "position: end of the converged stage");
            assertEquals(5, trainer.stepsExecuted(), "steps actually run");
            assertTrue(trainer.stepsExecuted() < trainer.steps());
        }
    }
}
