package org.repcon.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.DataInput;
import java.io.DataOutput;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.repcon.DjlTestCase;
import org.repcon.nn.Parameters;
import org.repcon.nn.Scalars;
import org.repcon.objective.LossValues;
import org.repcon.objective.Objective;
import org.repcon.training.Trainer;
import org.repcon.training.TrainingStage;

/**
 * Clipping by the global norm, as torch's clip_grad_norm_: the optimizer sees g * maxNorm / (||g|| + 1e-6) when
 * ||g|| > maxNorm, g otherwise (loss sum(c_w w) + sum(c_b b): the gradient is (c_w, c_b), norm 13).
 */
class GradientClippingTest extends DjlTestCase {

    private static List<double[]> train(Parameters p, GradientClipping clipping) {
        List<double[]> seen = new ArrayList<>();
        Optimizer recorder = new Optimizer() {
            @Override
            public String name() {
                return "recorder";
            }

            @Override
            public LossValues step(LossClosure closure, long step) {
                LossValues v = closure.evaluate();
                double[] g = new double[p.count()];
                p.gradientTo(g);
                seen.add(g);
                return v;
            }

            @Override
            public void writeState(DataOutput out) {}

            @Override
            public void readState(DataInput in) {}
        };
        NDArray w = p.get("w");
        NDArray b = p.get("b");
        Trainer.Builder<NDArray> builder = Trainer.<NDArray>builder().setParameters(p)
                .setModel(s -> Scalars.times(w, 3).sum().add(b.mul(Scalars.constant(b, 4)).sum().add(Scalars.times(b.get(1), 8))))
                .setObjective(Objective.<NDArray>builder().add("linear", 1.0, o -> o).build())
                .addStage(new TrainingStage("record", 2, s -> recorder));
        if (clipping != null) {
            builder.addListener(clipping);
        }
        builder.build().fit();
        return seen;
    }

    @Test
    void theOptimizerSeesTheClippedGradient() {
        double[] raw = {3, 3, 3, 4, 12}; // d/dw = 3 each; d/db = (4, 4 + 8); norm sqrt(27 + 16 + 144) = sqrt(187)
        double norm = Math.sqrt(187);
        for (double max : new double[] {1.0, 5.0, 100.0}) {
            try (Parameters p = new Parameters(manager, DataType.FLOAT64)) {
                p.add("w", new Shape(3), new double[] {1, 2, 3});
                p.add("b", new Shape(2), new double[] {0.5, -0.5});
                GradientClipping clipping = new GradientClipping(p, max);
                List<double[]> seen = train(p, clipping);
                double scale = norm > max ? max / (norm + 1e-6) : 1;
                double[] expected = new double[raw.length];
                for (int i = 0; i < raw.length; i++) {
                    expected[i] = raw[i] * scale;
                }
                assertArrayEquals(expected, seen.get(1), 1e-12, "max norm " + max);
                assertEquals(norm, clipping.lastNorm(), 1e-12);
                assertEquals(norm > max ? 2 : 0, clipping.clippedCount());
            }
        }
        try (Parameters p = new Parameters(manager, DataType.FLOAT64)) {
            p.add("w", new Shape(3), new double[] {1, 2, 3});
            p.add("b", new Shape(2), new double[] {0.5, -0.5});
            assertArrayEquals(raw, train(p, null).get(0), 1e-12, "without the hook the gradient is the raw one");
        }
    }
}
