package org.repcon.training;

import org.repcon.nn.Scalars;
import org.repcon.DjlTestCase;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repcon.derivatives.Coordinates;
import org.repcon.derivatives.Jet;
import org.repcon.engine.Engines;
import org.repcon.nn.Activation;
import org.repcon.nn.Mlp;
import org.repcon.nn.Parameters;
import org.repcon.objective.LossValues;
import org.repcon.objective.NonFiniteLossException;
import org.repcon.objective.Objective;
import org.repcon.optim.Adam;
import org.repcon.optim.LbfgsOptimizer;
import org.repcon.optim.LearningRateSchedule;
import org.repcon.optim.lbfgs.Lbfgs;

/**
 * The trainer on a small PINN-like problem: fit {@code u(x) = sin(pi x)} on [-1, 1] with the residual
 * {@code u_xx + pi^2 sin(pi x)} taken by a jet; Adam (30 steps, decaying rate, resampled points) then L-BFGS
 * (20 iterations). Checks that training moves the weights, is deterministic, resumes from checkpoints bit for
 * bit (in either stage), and stops with a named error on a non-finite term without writing later checkpoints.
 */
class TrainerTest extends DjlTestCase {
    private static final int POINTS = 32;
    private static final int ADAM_STEPS = 30;
    private static final int LBFGS_STEPS = 20;
    private static final Coordinates X = Coordinates.of("x").withSecond("x", "x");

    @TempDir
    Path tmp;


    /** The model output: the jet at the collocation points and the points themselves. */
    record Out(Jet jet, NDArray x, long step) {}

    /**
     * Extra state that changes the trajectory: a generator that jitters the collocation points once per Adam
     * step (as a data resampler would). L-BFGS steps use the fixed grid (its objective must be deterministic).
     */
    static final class Sampler implements Stateful {
        long state = 12345;

        double next() {
            state = state * 6364136223846793005L + 1442695040888963407L;
            return ((state >>> 11) * 0x1.0p-53) - 0.5;
        }

        @Override
        public void writeState(DataOutput out) throws IOException {
            out.writeLong(state);
        }

        @Override
        public void readState(DataInput in) throws IOException {
            state = in.readLong();
        }
    }

    /** One complete set-up: parameters, network, sampler, trainer, and what the listener saw. */
    final class Run {
        final Parameters parameters = new Parameters(manager, DataType.FLOAT64);
        final Sampler sampler = new Sampler();
        final Map<Long, Double> totals = new TreeMap<>();
        final Map<Long, String> stageOfStep = new TreeMap<>();
        final List<Long> checkpointsSeen = new ArrayList<>();
        Throwable endError;
        long endSteps = -1;
        java.util.function.BooleanSupplier stopWhen = () -> false;
        final Trainer<Out> trainer;

        Run(long seed, CheckpointStore store, long every, long nanAt, int adamSteps, int lbfgsSteps) {
            Mlp net = Mlp.builder().setInputs(1).setOutputs(1).optHidden(10, 2).optActivation(Activation.TANH)
                    .optSeed(seed).build(parameters);
            Objective<Out> objective = Objective.<Out>builder()
                    .add("fit", 1.0, o -> o.jet().value().sub(o.x().mul(Math.PI).sin()).square().mean())
                    .add("pde", 0.01, o -> o.jet().d2("x", "x").add(o.x().mul(Math.PI).sin().mul(Math.PI * Math.PI))
                            .square().mean())
                    .add("blowup", 1.0, o -> o.jet().value().mean().mul(Scalars.constant(o.x(), o.step() == nanAt ? Double.NaN : 0.0)))
                    .build();
            Trainer.Builder<Out> b = Trainer.<Out>builder()
                    .setParameters(parameters)
                    .setModel(ctx -> {
                        double[] xs = new double[POINTS];
                        for (int i = 0; i < POINTS; i++) {
                            xs[i] = -1 + 2.0 * i / (POINTS - 1);
                            if (ctx.step() < adamSteps) {
                                xs[i] += 0.02 * sampler.next();
                            }
                        }
                        NDArray x = ctx.manager().create(xs, new Shape(POINTS, 1));
                        return new Out(net.jet(x, X), x, ctx.step());
                    })
                    .setObjective(objective)
                    .addStage(new TrainingStage("adam", adamSteps, start -> Adam.builder().setParameters(parameters)
                            .optLearningRate(LearningRateSchedule.exponential(0.02, 0.5, 10)).optStepOffset(start)
                            .build()))
                    .addStage(new TrainingStage("lbfgs", lbfgsSteps, start -> new LbfgsOptimizer(parameters,
                            Lbfgs.builder().optHistorySize(10).optMaxEvaluationsPerIteration(20).build(), 1.0)))
                    .addListener(new TrainingListener() {
                        @Override
                        public void onStep(long step, String stage, double lr, LossValues values, double wall) {
                            totals.put(step, values.total());
                            stageOfStep.put(step, stage);
                        }

                        @Override
                        public void onCheckpoint(long steps, Path file) {
                            checkpointsSeen.add(steps);
                        }

                        @Override
                        public void onEnd(long steps, Throwable error) {
                            endSteps = steps;
                            endError = error;
                        }
                    })
                    .optExtraState(sampler)
                    .optStopRequest(() -> stopWhen.getAsBoolean());
            if (store != null) {
                b.optCheckpoints(store, every);
            }
            trainer = b.build();
        }

        Run(long seed, CheckpointStore store, long every) {
            this(seed, store, every, -1, ADAM_STEPS, LBFGS_STEPS);
        }

        double[] flat() {
            double[] v = new double[parameters.count()];
            parameters.copyTo(v);
            return v;
        }
    }

    private static Path file(Path dir, long steps) {
        return dir.resolve(String.format("step-%09d.ckpt", steps));
    }

    private static List<Long> stepsIn(CheckpointStore store) throws IOException {
        List<Long> r = new ArrayList<>();
        for (Path p : store.list()) {
            r.add(CheckpointStore.read(p).steps());
        }
        return r;
    }

    @Test
    void aStepChangesEveryWeightArrayAndTrainingReducesTheLoss() {
        Run run = new Run(7, null, 0, -1, 1, 0);
        Map<String, double[]> before = new TreeMap<>();
        run.parameters.asMap().forEach((k, v) -> before.put(k, v.toDoubleArray()));
        LossValues values = run.trainer.fit();
        assertNotNull(values);
        assertEquals(1, run.trainer.steps());
        run.parameters.asMap().forEach((k, v) -> assertFalse(Arrays.equals(before.get(k), v.toDoubleArray()),
                k + " did not change"));
        assertTrue(values.term("fit") > 0 && values.term("pde") > 0);
        assertEquals(0.0, values.term("blowup"));
        assertEquals(values.term("fit") + 0.01 * values.term("pde"), values.total(), 1e-15);

        Run longer = new Run(7, null, 0);
        longer.trainer.fit();
        double first = longer.totals.get(0L);
        double last = longer.totals.get((long) ADAM_STEPS + LBFGS_STEPS - 1);
        assertTrue(last < 0.1 * first, "loss " + first + " -> " + last);
        assertEquals("adam", longer.stageOfStep.get((long) ADAM_STEPS - 1));
        assertEquals("lbfgs", longer.stageOfStep.get((long) ADAM_STEPS));
        assertEquals(ADAM_STEPS + LBFGS_STEPS, longer.trainer.steps());
        assertEquals(ADAM_STEPS + LBFGS_STEPS, longer.endSteps);
        assertNull(longer.endError);
    }

    @Test
    void sameSeedGivesBitIdenticalParametersAndCheckpointsDoNotPerturb() {
        Run a = new Run(7, null, 0);
        Run b = new Run(7, new CheckpointStore(tmp.resolve("b"), 3), 7);
        a.trainer.fit();
        b.trainer.fit();
        assertArrayEquals(a.flat(), b.flat(), 0.0);
        assertEquals(a.totals, b.totals);
        Run c = new Run(8, null, 0);
        c.trainer.fit();
        assertFalse(Arrays.equals(a.flat(), c.flat()), "a different seed must give a different result");
    }

    @Test
    void sameSeedIsBitIdenticalWithTwoThreads() {
        Engines.start(2);
        try {
            assertEquals(2, Engines.threads());
            // shorter (10 Adam + 5 L-BFGS steps): on a loaded machine two libtorch threads are slow for tiny ops
            Run a = new Run(7, null, 0, -1, 10, 5);
            Run b = new Run(7, null, 0, -1, 10, 5);
            a.trainer.fit();
            b.trainer.fit();
            assertArrayEquals(a.flat(), b.flat(), 0.0);
            assertEquals(a.totals, b.totals);
        } finally {
            Engines.start(1);
        }
    }

    @Test
    void resumeFromCheckpointsInEitherStageIsBitIdentical() throws IOException {
        Path dirA = tmp.resolve("a");
        CheckpointStore storeA = new CheckpointStore(dirA, 100);
        Run a = new Run(7, storeA, 10);
        a.trainer.fit();
        double[] want = a.flat();
        assertEquals(List.of(10L, 20L, 30L, 40L, 50L), stepsIn(storeA));
        assertEquals(List.of(10L, 20L, 30L, 40L, 50L, 50L), a.checkpointsSeen, "every 10 steps and at the end");
        Checkpoint at40 = CheckpointStore.read(file(dirA, 40));
        assertEquals(1, at40.stage(), "step 40 lies in the L-BFGS stage");
        assertEquals(ADAM_STEPS, at40.stageStep());
        assertEquals(0, CheckpointStore.read(file(dirA, 20)).stage());
        assertEquals(2, CheckpointStore.read(file(dirA, 50)).stage(), "final checkpoint: all stages done");

        for (long from : new long[] {20, 40}) {
            Path dirB = tmp.resolve("b" + from);
            Files.createDirectories(dirB);
            for (long s = 10; s <= from; s += 10) {
                Files.copy(file(dirA, s), file(dirB, s));
            }
            // a newer checkpoint that got corrupted must be skipped, with a warning
            byte[] newer = Files.readAllBytes(file(dirA, from + 10));
            newer[newer.length - 20] ^= 0x40;
            Files.write(file(dirB, from + 10), newer);

            CheckpointStore storeB = new CheckpointStore(dirB, 100);
            List<String> warnings = new ArrayList<>();
            Checkpoint c = storeB.latest(warnings).orElseThrow();
            assertEquals(from, c.steps());
            assertEquals(1, warnings.size(), warnings.toString());
            assertTrue(warnings.get(0).contains(file(dirB, from + 10).getFileName().toString()), warnings.get(0));

            Run b = new Run(99, storeB, 10); // a different initialisation: restore must overwrite it
            assertFalse(Arrays.equals(want, b.flat()));
            b.trainer.restore(c);
            assertEquals(from, b.trainer.steps());
            b.trainer.fit();
            assertArrayEquals(want, b.flat(), 0.0, "resumed from step " + from);
            assertEquals(ADAM_STEPS + LBFGS_STEPS, b.trainer.steps());
            // the steps after the resume saw exactly the same losses
            for (long s = from; s < ADAM_STEPS + LBFGS_STEPS; s++) {
                assertEquals(a.totals.get(s), b.totals.get(s), "loss at step " + s + " after resuming from " + from);
            }
            assertEquals(from, b.totals.keySet().iterator().next());
            // and wrote the same checkpoints (parameters, optimizer state, extra state)
            for (long s = from + 10; s <= 50; s += 10) {
                Checkpoint ca = CheckpointStore.read(file(dirA, s));
                Checkpoint cb = CheckpointStore.read(file(dirB, s));
                assertEquals(ca.stage(), cb.stage());
                assertEquals(ca.stageStep(), cb.stageStep());
                assertArrayEquals(ca.parameters(), cb.parameters(), "parameters at " + s);
                assertArrayEquals(ca.optimizer(), cb.optimizer(), "optimizer state at " + s);
                assertArrayEquals(ca.extra(), cb.extra(), "extra state at " + s);
            }
        }
    }

    @Test
    void restoringTheFinalCheckpointLeavesNothingToDoAndReturnsWhatTheRunEndedWith() throws IOException {
        CheckpointStore store = new CheckpointStore(tmp, 2);
        Run a = new Run(7, store, 0);
        LossValues lastA = a.trainer.fit();
        assertEquals(List.of(50L), stepsIn(store), "every = 0: only the final checkpoint");
        byte[] finalCheckpoint = Files.readAllBytes(store.list().get(0));
        Run b = new Run(3, new CheckpointStore(tmp, 2), 0);
        b.trainer.restore(store.latest(new ArrayList<>()).orElseThrow());
        // a run killed after its last checkpoint (e.g. during the final evaluation) and resumed reports the same final
        // loss, steps and training time as the uninterrupted run, not null
        assertEquals(lastA, b.trainer.fit());
        assertEquals(a.trainer.stepsExecuted(), b.trainer.stepsExecuted());
        assertEquals(a.trainer.wallSeconds(), b.trainer.wallSeconds(), 0.0);
        assertArrayEquals(a.flat(), b.flat(), 0.0);
        assertTrue(b.totals.isEmpty());
        assertArrayEquals(finalCheckpoint, Files.readAllBytes(store.list().get(0)), "the final checkpoint is left as it was");
    }

    @Test
    void restoringAfterAnEarlyConvergenceKeepsTheStepsActuallyTaken() throws IOException {
        CheckpointStore store = new CheckpointStore(tmp, 2);
        // L-BFGS with a loose tolerance converges before its 200 iterations
        Parameters p = new Parameters(manager, DataType.FLOAT64);
        Mlp.builder().setInputs(1).setOutputs(1).optHidden(4).optSeed(1).build(p);
        java.util.function.Supplier<Trainer<NDArray>> trainer = () -> Trainer.<NDArray>builder().setParameters(p)
                .setModel(ctx -> p.get(p.asMap().keySet().iterator().next()))
                .setObjective(Objective.<NDArray>builder().add("sq", 1.0, w -> w.square().sum()).build())
                .addStage(new TrainingStage("lbfgs", 200, s -> new LbfgsOptimizer(p,
                        Lbfgs.builder().optToleranceChange(1e-3).optToleranceGrad(1e-3).build(), 1.0)))
                .optCheckpoints(store, 0).build();
        Trainer<NDArray> a = trainer.get();
        LossValues lastA = a.fit();
        assertTrue(a.stepsExecuted() < a.steps(), "converged early: " + a.stepsExecuted());
        Trainer<NDArray> b = trainer.get();
        b.restore(store.latest(new ArrayList<>()).orElseThrow());
        assertEquals(lastA, b.fit());
        assertEquals(a.stepsExecuted(), b.stepsExecuted());
    }

    @Test
    void aStopRequestSavesACheckpointAtTheStepReachedAndResumingFromItIsBitIdentical() throws IOException {
        Run full = new Run(7, null, 0);
        LossValues lastFull = full.trainer.fit();
        for (long stopAt : new long[] {13, 37}) { // in the Adam stage, in the L-BFGS stage
            CheckpointStore store = new CheckpointStore(tmp.resolve("stop" + stopAt), 100);
            Run a = new Run(7, store, 10);
            a.stopWhen = () -> a.totals.size() >= stopAt;
            StopRequestedException e = assertThrows(StopRequestedException.class, a.trainer::fit);
            assertEquals(stopAt, e.steps());
            assertTrue(e.getMessage().contains("at step " + stopAt), e.getMessage());
            assertSame(e, a.endError);
            assertEquals(stopAt, store.latest(new ArrayList<>()).orElseThrow().steps(), "a checkpoint where it stopped");
            Run b = new Run(99, store, 10);
            b.trainer.restore(store.latest(new ArrayList<>()).orElseThrow());
            assertEquals(lastFull, b.trainer.fit());
            assertArrayEquals(full.flat(), b.flat(), 0.0, "resumed after a stop at step " + stopAt);
        }
    }

    @Test
    void checkpointOfAnotherModelIsRefused() throws IOException {
        CheckpointStore store = new CheckpointStore(tmp, 2);
        new Run(7, store, 0, -1, 2, 0).trainer.fit();
        Checkpoint c = store.latest(new ArrayList<>()).orElseThrow();
        Parameters other = new Parameters(manager, DataType.FLOAT64);
        Mlp.builder().setInputs(1).setOutputs(1).optHidden(5, 2).build(other);
        Trainer<Out> t = Trainer.<Out>builder().setParameters(other).setModel(ctx -> null)
                .setObjective(Objective.<Out>builder().add("x", 1, o -> o.x().sum()).build())
                .addStage(new TrainingStage("adam", 1, s -> Adam.builder().setParameters(other).build()))
                .addStage(new TrainingStage("adam2", 1, s -> Adam.builder().setParameters(other).build())).build();
        IOException e = assertThrows(IOException.class, () -> t.restore(c));
        assertTrue(e.getMessage().contains("does not match"), e.getMessage());
    }

    @Test
    void nonFiniteTermInAdamStageStopsWithNameAndStepAndNoLaterCheckpoint() throws IOException {
        CheckpointStore store = new CheckpointStore(tmp.resolve("nan"), 100);
        Run run = new Run(7, store, 1, 7, ADAM_STEPS, LBFGS_STEPS);
        NonFiniteLossException e = assertThrows(NonFiniteLossException.class, run.trainer::fit);
        assertEquals("blowup", e.term());
        // the term is NaN in the step with index 7: steps 1..7 completed (the progress display and metrics.csv show
        // them, and checkpoints after each), so the message names step 8, the one the user never saw complete
        assertEquals(7, run.totals.size(), "steps 1..7 completed");
        assertEquals(8, e.step());
        assertTrue(e.getMessage().contains("'blowup'") && e.getMessage().contains("at step 8 "), e.getMessage());
        assertSame(e, run.endError);
        assertEquals(7, run.endSteps);
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L), stepsIn(store), "checkpoints after 1..7 steps, none after");
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L), run.checkpointsSeen);

        // the checkpoints are intact and hold exactly the state of a clean run after 7 steps
        List<String> warnings = new ArrayList<>();
        Checkpoint c = store.latest(warnings).orElseThrow();
        assertEquals(List.of(), warnings);
        assertEquals(7, c.steps());
        Run clean = new Run(7, new CheckpointStore(tmp.resolve("clean"), 100), 7);
        clean.trainer.fit();
        Checkpoint cleanAt7 = CheckpointStore.read(file(tmp.resolve("clean"), 7));
        assertEquals(0, c.stage());
        assertArrayEquals(cleanAt7.parameters(), c.parameters());
        assertArrayEquals(cleanAt7.optimizer(), c.optimizer());
        assertArrayEquals(cleanAt7.extra(), c.extra());
    }

    @Test
    void nonFiniteTermInLbfgsStageStopsWithNameAndStepAndNoLaterCheckpoint() throws IOException {
        CheckpointStore store = new CheckpointStore(tmp.resolve("nan"), 100);
        Run run = new Run(7, store, 5, 35, ADAM_STEPS, LBFGS_STEPS);
        NonFiniteLossException e = assertThrows(NonFiniteLossException.class, run.trainer::fit);
        assertEquals("blowup", e.term());
        assertEquals(36, e.step(), "index 35 is the 36th step");
        assertEquals(List.of(5L, 10L, 15L, 20L, 25L, 30L, 35L), stepsIn(store));
        assertEquals(35, store.latest(new ArrayList<>()).orElseThrow().steps());
    }

}
