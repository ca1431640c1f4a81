package org.repcon.objective;

import org.repcon.DjlTestCase;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.repcon.engine.Engines;

class ObjectiveTest extends DjlTestCase {
    /** A model output with two named arrays. */
    record Out(NDArray a, NDArray b) {}


    private Out output() {
        return new Out(manager.create(new double[] {1, 2, 3}), manager.create(new double[] {-1, 1}));
    }

    @Test
    void weightsAreAppliedAndUnweightedValuesReported() {
        Objective<Out> objective = Objective.<Out>builder()
                .add("mean_a", 2.0, o -> o.a().mean())                       // 2
                .add("sq_b", 0.25, o -> o.b().square().sum())               // 2
                .add("kl", WeightSchedule.linear(0, 1, 10, 20), o -> o.a().sum()) // 6, weight 0 .. 1
                .build();
        assertEquals(List.of("mean_a", "sq_b", "kl"), objective.termNames());

        Objective.Evaluation e = objective.evaluate(output(), 15);
        LossValues v = e.values();
        assertEquals(2.0, v.term("mean_a"), 1e-15);
        assertEquals(2.0, v.term("sq_b"), 1e-15);
        assertEquals(6.0, v.term("kl"), 1e-15);
        assertEquals(List.of("mean_a", "sq_b", "kl"), List.copyOf(v.terms().keySet()), "terms keep their order");
        assertEquals(0.5, v.weights().get("kl"), 1e-15);
        assertEquals(2.0, v.weights().get("mean_a"));
        double total = 2.0 * 2 + 0.25 * 2 + 0.5 * 6;
        assertEquals(total, v.total(), 1e-14);
        assertEquals(new Shape(), e.total().getShape());
        assertEquals(total, e.total().toType(DataType.FLOAT64, false).getDouble(), 1e-14);

        // at step 0 the annealed term has weight 0: still reported, but not part of the total
        Objective.Evaluation e0 = objective.evaluate(output(), 0);
        assertEquals(6.0, e0.values().term("kl"), 1e-15);
        assertEquals(0.0, e0.values().weights().get("kl"));
        assertEquals(4.5, e0.values().total(), 1e-14);
        assertEquals(4.5, e0.total().getDouble(), 1e-14);
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> v.term("nope"));
        assertTrue(unknown.getMessage().contains("mean_a"), unknown.getMessage());
    }

    @Test
    void totalKeepsTheTermsDataType() {
        Out f32 = new Out(manager.create(new float[] {1, 2, 3}), manager.create(new float[] {-1, 1}));
        Objective<Out> objective = Objective.<Out>builder().add("a", 0.1, o -> o.a().sum()).build();
        Objective.Evaluation e = objective.evaluate(f32, 0);
        assertEquals(DataType.FLOAT32, e.total().getDataType());
        assertEquals(0.6f, e.total().getFloat(), 1e-7);
    }

    @Test
    void scalarOfShapeOneIsAccepted() {
        Objective<Out> objective = Objective.<Out>builder().add("s", 3.0, o -> o.a().sum().reshape(1)).build();
        Objective.Evaluation e = objective.evaluate(output(), 0);
        assertEquals(6.0, e.values().term("s"));
        assertEquals(18.0, e.values().total());
        assertEquals(new Shape(), e.total().getShape());
    }

    @Test
    void weightSchedules() {
        WeightSchedule lin = WeightSchedule.linear(0.0, 1.0, 10, 20);
        assertEquals(0.0, lin.at(0));
        assertEquals(0.0, lin.at(10));
        assertEquals(0.3, lin.at(13), 1e-15);
        assertEquals(0.5, lin.at(15), 1e-15);
        assertEquals(1.0, lin.at(20));
        assertEquals(1.0, lin.at(1000));
        WeightSchedule down = WeightSchedule.linear(2.0, 1.0, 0, 4);
        assertEquals(1.75, down.at(1), 1e-15);
        assertEquals(3.5, WeightSchedule.constant(3.5).at(12345));
        assertEquals(0.0, WeightSchedule.from(5, 2.0).at(4));
        assertEquals(2.0, WeightSchedule.from(5, 2.0).at(5));
        assertThrows(IllegalArgumentException.class, () -> WeightSchedule.linear(0, 1, 5, 5));
    }

    @Test
    void nonScalarTermIsRejectedWithItsName() {
        Objective<Out> objective = Objective.<Out>builder()
                .add("ok", 1.0, o -> o.a().sum())
                .add("residual", 1.0, o -> o.a().square()) // forgot the mean
                .build();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> objective.evaluate(output(), 0));
        assertTrue(e.getMessage().contains("'residual'") && e.getMessage().contains("scalar")
                && e.getMessage().contains("(3)"), e.getMessage());
    }

    @Test
    void nonFiniteTermIsNamedWithItsStep() {
        Objective<Out> objective = Objective.<Out>builder()
                .add("fine", 1.0, o -> o.a().sum())
                .add("log_b", 1.0, o -> o.b().log().sum()) // log(-1) = NaN
                .build();
        // evaluate() takes the 0-based step index (as weight schedules do); the message names the step as the
        // progress display and metrics.csv number it: index 42 is step 43
        NonFiniteLossException e = assertThrows(NonFiniteLossException.class, () -> objective.evaluate(output(), 42));
        assertEquals("log_b", e.term());
        assertEquals(43, e.step());
        assertTrue(e.getMessage().contains("'log_b'") && e.getMessage().contains("at step 43 ")
                && e.getMessage().contains("NaN"), e.getMessage());

        Objective<Out> inf = Objective.<Out>builder().add("inv", 1.0, o -> o.a().sub(1).pow(-1).sum()).build();
        NonFiniteLossException ei = assertThrows(NonFiniteLossException.class, () -> inf.evaluate(output(), 3));
        assertTrue(ei.getMessage().contains("Infinity"), ei.getMessage());
    }

    @Test
    void overflowingWeightedTotalIsCaughtThoughEveryTermIsFinite() {
        Objective<Out> objective = Objective.<Out>builder()
                .add("big1", 10.0, o -> o.a().sum().mul(1e307))
                .add("big2", 10.0, o -> o.a().sum().mul(1e307))
                .build();
        NonFiniteLossException e = assertThrows(NonFiniteLossException.class, () -> objective.evaluate(output(), 5));
        assertTrue(e.term().startsWith("total"), e.term());
        assertEquals(6, e.step());
    }

    @Test
    void aStepAwareTermSeesTheStepItIsEvaluatedAt() {
        // the term's own parameter (here a scale) follows the step; its weight is the objective's as for any term
        Objective<Out> objective = Objective.<Out>builder()
                .add("plain", 1.0, o -> o.a().mean())                                      // 2
                .add("scaled", 2.0, (o, step) -> o.a().sum().mul(step))                    // 6 step
                .add("late", WeightSchedule.from(10, 1.0), (o, step) -> o.b().sum().add(step)) // 0 + step
                .build();
        LossValues at3 = objective.evaluate(output(), 3).values();
        assertEquals(18.0, at3.term("scaled"), 1e-15);
        assertEquals(3.0, at3.term("late"), 1e-15);
        assertEquals(0.0, at3.weights().get("late"));
        assertEquals(2.0 + 2 * 18, at3.total(), 1e-13);
        LossValues at12 = objective.evaluate(output(), 12).values();
        assertEquals(72.0, at12.term("scaled"), 1e-15);
        assertEquals(2.0 + 2 * 72 + 12, at12.total(), 1e-13);
        StepAwareTerm<Out> t = (o, step) -> o.a().sum();
        assertThrows(IllegalArgumentException.class, () -> Objective.<Out>builder().add("x", 1, o -> o.a().sum()).add("x", 1, t));
    }

    @Test
    void builderValidation() {
        assertThrows(IllegalStateException.class, () -> Objective.<Out>builder().build());
        LossTerm<Out> t = o -> o.a().sum();
        assertThrows(IllegalArgumentException.class, () -> Objective.<Out>builder().add("x", 1, t).add("x", 1, t));
        assertThrows(IllegalArgumentException.class, () -> Objective.<Out>builder().add(" ", 1, t));
        assertThrows(IllegalArgumentException.class, () -> Objective.<Out>builder().add("a,b", 1, t));
        Objective<Out> allZero = Objective.<Out>builder().add("x", 0.0, t).build();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> allZero.evaluate(output(), 7));
        assertTrue(e.getMessage().contains("step 7"), e.getMessage());
    }
}
