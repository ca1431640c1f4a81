package org.repcon.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.DataInput;
import java.io.DataOutput;
import java.nio.file.Path;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repcon.DjlTestCase;
import org.repcon.nn.Parameters;
import org.repcon.objective.LossValues;
import org.repcon.objective.Objective;
import org.repcon.optim.LossClosure;
import org.repcon.optim.Optimizer;

/**
 * The EMA of the weights against the plain recursion, with and without warm-up, and its checkpointing: a trainer
 * resumed from a checkpoint ends with the averages of the uninterrupted run.
 */
class ExponentialMovingAverageTest extends DjlTestCase {
    @TempDir
    Path dir;

    /** Sets the weights to (step + 1) * (1, -2) at each step: a known weight sequence. */
    private static Optimizer scripted(Parameters p) {
        return new Optimizer() {
            @Override
            public String name() {
                return "scripted";
            }

            @Override
            public LossValues step(LossClosure closure, long step) {
                LossValues v = closure.evaluate();
                p.get("w").set(new double[] {step + 1.0, -2.0 * (step + 1)});
                return v;
            }

            @Override
            public void writeState(DataOutput out) {}

            @Override
            public void readState(DataInput in) {}
        };
    }

    private static Trainer<NDArray> trainer(Parameters p, ExponentialMovingAverage ema, CheckpointStore store, long stopAt) {
        NDArray w = p.get("w");
        Trainer.Builder<NDArray> b = Trainer.<NDArray>builder().setParameters(p).setModel(s -> w.sum())
                .setObjective(Objective.<NDArray>builder().add("sum", 1.0, o -> o).build())
                .addStage(new TrainingStage("scripted", 6, s -> scripted(p))).addListener(ema);
        if (store != null) {
            b.optCheckpoints(store, 100);
        }
        if (stopAt > 0) {
            b.optStopRequest(() -> ema.updates() == stopAt);
        }
        return b.build();
    }

    private static double[] expected(double decay, boolean warmup, int steps) {
        double[] a = {0.5, 0.25}; // the initial weights
        for (int n = 0; n < steps; n++) {
            double d = warmup ? Math.min(decay, (1.0 + n) / (10.0 + n)) : decay;
            a[0] = d * a[0] + (1 - d) * (n + 1.0);
            a[1] = d * a[1] + (1 - d) * (-2.0 * (n + 1));
        }
        return a;
    }

    @Test
    void averagesFollowTheRecursion() {
        for (boolean warmup : new boolean[] {false, true}) {
            try (Parameters p = new Parameters(manager, DataType.FLOAT64)) {
                p.add("w", new Shape(2), new double[] {0.5, 0.25});
                ExponentialMovingAverage ema = new ExponentialMovingAverage(p, 0.8, warmup);
                trainer(p, ema, null, 0).fit();
                assertEquals(6, ema.updates());
                assertArrayEquals(expected(0.8, warmup, 6), ema.average("w").toDoubleArray(), 1e-12, "warm-up " + warmup);
                assertArrayEquals(new double[] {6, -12}, p.get("w").toDoubleArray(), 0, "the trained weights are not touched");
                try (Parameters target = new Parameters(manager, DataType.FLOAT64)) {
                    target.add("w", new Shape(2), new double[2]);
                    ema.copyTo(target);
                    assertArrayEquals(expected(0.8, warmup, 6), target.get("w").toDoubleArray(), 1e-12);
                }
            }
        }
    }

    @Test
    void aResumedRunEndsWithTheSameAverages() throws Exception {
        double[] uninterrupted;
        try (Parameters p = new Parameters(manager, DataType.FLOAT64)) {
            p.add("w", new Shape(2), new double[] {0.5, 0.25});
            ExponentialMovingAverage ema = new ExponentialMovingAverage(p, 0.7, true);
            trainer(p, ema, null, 0).fit();
            uninterrupted = ema.average("w").toDoubleArray();
        }
        CheckpointStore store = new CheckpointStore(dir.resolve("checkpoints"), 2);
        try (Parameters p = new Parameters(manager, DataType.FLOAT64)) {
            p.add("w", new Shape(2), new double[] {0.5, 0.25});
            ExponentialMovingAverage ema = new ExponentialMovingAverage(p, 0.7, true);
            assertThrows(StopRequestedException.class, () -> trainer(p, ema, store, 3).fit());
        }
        try (Parameters p = new Parameters(manager, DataType.FLOAT64)) {
            p.add("w", new Shape(2), new double[] {0.5, 0.25});
            ExponentialMovingAverage ema = new ExponentialMovingAverage(p, 0.7, true);
            Trainer<NDArray> resumed = trainer(p, ema, store, 0);
            resumed.restore(store.latest(new ArrayList<>()).orElseThrow());
            assertEquals(3, ema.updates(), "restored with the checkpoint");
            resumed.fit();
            assertArrayEquals(uninterrupted, ema.average("w").toDoubleArray(), 1e-15);
        }
    }

    @Test
    void badDecayIsRefused() {
        try (Parameters p = new Parameters(manager, DataType.FLOAT64)) {
            p.add("w", new Shape(1), new double[] {1});
            assertThrows(IllegalArgumentException.class, () -> new ExponentialMovingAverage(p, 1.0, false));
        }
    }

    /**
     * The fused update (one native call for all arrays) is the Java sequence of tensor ops it replaced,
     * {@code avg.muli(d).addi(p.stopGradient().mul(1 - d))}, bit for bit in float32, over several updates with warm-up.
     */
    @Test
    void float32UpdateIsTheJavaTensorOpSequenceBitForBit() {
        try (Parameters p = new Parameters(manager, DataType.FLOAT32)) {
            java.util.Random rng = new java.util.Random(9);
            p.add("a", new Shape(4, 3), uniform(rng, 12, -2, 2));
            p.add("b", new Shape(7), uniform(rng, 7, -2, 2));
            ExponentialMovingAverage ema = new ExponentialMovingAverage(p, 0.95, true);
            java.util.List<NDArray> plain = new ArrayList<>();
            for (NDArray a : p.asMap().values()) {
                plain.add(a.duplicate());
            }
            for (int n = 0; n < 5; n++) {
                int i = 0;
                for (NDArray a : p.asMap().values()) { // new weights for every update
                    a.set(toFloats(uniform(rng, (int) a.size(), -3, 3)));
                }
                ema.update();
                double d = ema.decayAt(n);
                for (NDArray a : p.asMap().values()) {
                    plain.get(i).muli(d).addi(a.stopGradient().mul(1 - d));
                    i++;
                }
                i = 0;
                for (String name : p.names()) {
                    assertArrayEquals(plain.get(i).toFloatArray(), ema.average(name).toFloatArray(), 0f, "update " + n + " " + name);
                    i++;
                }
            }
        }
    }

    private static float[] toFloats(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }
}
