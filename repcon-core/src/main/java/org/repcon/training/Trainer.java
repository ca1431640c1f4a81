package org.repcon.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.repcon.nn.Parameters;
import org.repcon.objective.LossValues;
import org.repcon.objective.NonFiniteLossException;
import org.repcon.objective.Objective;
import org.repcon.optim.LossClosure;
import org.repcon.optim.Optimizer;

/**
 * Runs the stages of a training (e.g. Adam, then L-BFGS) on an {@link Objective} of a model's output.
 *
 * <p>The trainer owns all array lifetimes: every evaluation of the objective runs in its own
 * {@link NDScope} and step manager, so whatever the model and the loss terms create is freed when the
 * evaluation ends, and memory stays flat over any number of steps. It also owns checkpoints (every
 * {@code checkpointEvery} steps and at the end; a resumed run continues exactly as an uninterrupted one from
 * that checkpoint), and the non-finite guard: a NaN or infinite term stops training with a
 * {@link NonFiniteLossException} naming the term, and no checkpoint is written after it. Wall time excludes
 * the time listeners spend (e.g. evaluating a validation error), so it measures training alone.
 *
 * <p>A stop request ({@link Builder#optStopRequest}, e.g. Ctrl-C) is honoured between steps: the trainer saves a
 * checkpoint after the step it was in and throws {@link StopRequestedException}. Checkpoints also hold the last
 * step's loss values, so a trainer restored after its last step still returns them from {@link #fit()}.
 *
 * <p>Listeners that are {@link GradientHook}s see every gradient before the optimizer uses it (gradient clipping);
 * listeners that are {@link Stateful} (an {@link ExponentialMovingAverage} of the weights) are saved in every
 * checkpoint after the extra state, and restored with it.
 *
 * @param <O> the model output type
 */
public final class Trainer<O> {
    private final Parameters parameters;
    private final Function<StepContext, O> model;
    private final Objective<O> objective;
    private final List<TrainingStage> stages;
    private final List<TrainingListener> listeners;
    private final CheckpointStore checkpoints;
    private final long checkpointEvery;
    private final Stateful extraState;
    private final java.util.function.BooleanSupplier stopRequest;

    private long steps;
    private long executed;
    private int stageIndex;
    private long stageStart;
    private double wallOffset;
    private Optimizer optimizer;
    private long listenerNanos;
    private LossValues lastValues;

    private Trainer(Builder<O> b) {
        this.parameters = b.parameters;
        this.model = b.model;
        this.objective = b.objective;
        this.stages = List.copyOf(b.stages);
        this.listeners = List.copyOf(b.listeners);
        this.checkpoints = b.checkpoints;
        this.checkpointEvery = b.checkpointEvery;
        this.extraState = b.extraState;
        this.stopRequest = b.stopRequest;
    }

    public static <O> Builder<O> builder() {
        return new Builder<>();
    }

    /** Total steps over all stages. */
    public long totalSteps() {
        return stages.stream().mapToLong(TrainingStage::steps).sum();
    }

    /** Position in the schedule: steps completed, counting those a converged stage skipped. */
    public long steps() {
        return steps;
    }

    /**
     * Optimizer steps actually taken (1 + the index of the last step run). Lower than {@link #steps()} when a
     * stage ended early because its optimizer converged: {@link #steps()} is the position in the schedule.
     */
    public long stepsExecuted() {
        return executed;
    }

    /** Restores parameters, optimizer and position from a checkpoint; {@link #fit()} then continues. */
    public void restore(Checkpoint c) throws IOException {
        if (c.stage() < 0 || c.stage() > stages.size()) {
            throw new IOException("checkpoint refers to stage " + c.stage() + " but the spec has " + stages.size());
        }
        parameters.read(new DataInputStream(new ByteArrayInputStream(c.parameters())));
        steps = c.steps();
        executed = c.executed();
        lastValues = c.last();
        stageIndex = c.stage();
        stageStart = c.stageStep();
        wallOffset = c.wallSeconds();
        optimizer = null;
        if (stageIndex < stages.size()) {
            optimizer = stages.get(stageIndex).optimizer().apply(stageStart);
            if (c.optimizer().length > 0) {
                optimizer.readState(new DataInputStream(new ByteArrayInputStream(c.optimizer())));
            }
        }
        if (c.extra().length > 0) {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(c.extra()));
            for (Stateful state : states()) {
                state.readState(in);
            }
        }
    }

    /**
     * Trains to the end of the last stage (from the start, or from where {@link #restore} left off).
     *
     * @return the loss values of the last step taken: when a restored checkpoint left nothing to do, those it saved
     *     (null only for a checkpoint of format version 1)
     * @throws StopRequestedException if a stop was requested (after saving a checkpoint at the step reached)
     */
    public LossValues fit() {
        long total = totalSteps();
        long t0 = System.nanoTime();
        listenerNanos = 0;
        long startSteps = steps;
        int startStage = stageIndex;
        listeners.forEach(l -> l.onStart(steps, total));
        try {
            if (stopRequested()) { // before any step: the position is the restored checkpoint's (or the start)
                throw new StopRequestedException("at step " + steps + " (before training went on)", steps);
            }
            while (stageIndex < stages.size()) {
                TrainingStage stage = stages.get(stageIndex);
                long stageEnd = stageEndStep(stageIndex);
                if (optimizer == null) {
                    stageStart = steps;
                    optimizer = stage.optimizer().apply(steps);
                    listeners.forEach(l -> l.onStageStart(stage, steps));
                } else if (steps == stageStart) {
                    listeners.forEach(l -> l.onStageStart(stage, steps));
                }
                while (steps < stageEnd && !optimizer.converged()) {
                    long step = steps;
                    LossValues values;
                    try (NDScope scope = new NDScope()) {
                        values = optimizer.step(closure(step), step);
                    }
                    steps++;
                    executed = steps;
                    lastValues = values;
                    long listenStart = System.nanoTime();
                    double wall = wallOffset + (listenStart - t0 - listenerNanos) / 1e9;
                    double lr = optimizer.learningRate(step);
                    listeners.forEach(l -> l.onStep(step, stage.name(), lr, values, wall));
                    listenerNanos += System.nanoTime() - listenStart; // evaluations in listeners are not training time
                    boolean saved = false;
                    if (checkpoints != null && checkpointEvery > 0 && steps % checkpointEvery == 0) {
                        saveCheckpoint(wall);
                        saved = true;
                    }
                    if (stopRequested()) {
                        if (checkpoints != null && !saved) {
                            saveCheckpoint(wall);
                        }
                        wallOffset = wall;
                        throw new StopRequestedException("at step " + steps
                                + (checkpoints != null ? " (checkpoint saved)" : ""), steps);
                    }
                }
                if (steps < stageEnd) { // converged early: the remaining steps of the stage are skipped
                    steps = stageEnd;
                }
                stageIndex++;
                optimizer = null;
            }
            // restored after the last step: nothing moved, so the time and the final checkpoint stay as they were
            boolean moved = steps != startSteps || stageIndex != startStage;
            double wall = moved ? wallOffset + (System.nanoTime() - t0 - listenerNanos) / 1e9 : wallOffset;
            if (checkpoints != null && moved) {
                saveCheckpoint(wall);
            }
            wallOffset = wall;
            long done = steps;
            listeners.forEach(l -> l.onEnd(done, null));
            return lastValues;
        } catch (RuntimeException e) {
            long done = steps;
            listeners.forEach(l -> l.onEnd(done, e));
            throw e;
        }
    }

    /** Wall seconds of training so far (including time before a resume), as of the end of {@link #fit()}. */
    public double wallSeconds() {
        return wallOffset;
    }

    private boolean stopRequested() {
        return stopRequest != null && stopRequest.getAsBoolean();
    }

    private long stageEndStep(int index) {
        long end = 0;
        for (int i = 0; i <= index; i++) {
            end += stages.get(i).steps();
        }
        return end;
    }

    private LossClosure closure(long step) {
        return () -> {
            try (NDScope scope = new NDScope();
                    NDManager manager = parameters.manager().newSubManager();
                    GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
                parameters.zeroGradients();
                O output = model.apply(new StepContext(step, manager));
                Objective.Evaluation evaluation = objective.evaluate(output, step);
                collector.backward(evaluation.total());
                for (TrainingListener l : listeners) {
                    if (l instanceof GradientHook hook) {
                        hook.onGradients(step);
                    }
                }
                return evaluation.values();
            }
        };
    }

    private void saveCheckpoint(double wall) {
        if (!parameters.allFinite()) {
            throw new NonFiniteLossException("parameters", steps, Double.NaN);
        }
        try {
            Checkpoint c = new Checkpoint(steps, stageIndex, wall, stageStart, bytes(parameters::write),
                    optimizer == null ? new byte[0] : bytes(optimizer::writeState),
                    bytes(out -> {
                        for (Stateful state : states()) {
                            state.writeState(out);
                        }
                    }), executed, lastValues);
            Path file = checkpoints.save(c);
            long done = steps;
            listeners.forEach(l -> l.onCheckpoint(done, file));
        } catch (IOException e) {
            throw new UncheckedIOException("could not write checkpoint: " + e.getMessage(), e);
        }
    }

    /** What a checkpoint's extra bytes hold, in order: the extra state, then every {@link Stateful} listener's. */
    private List<Stateful> states() {
        List<Stateful> states = new ArrayList<>();
        if (extraState != null) {
            states.add(extraState);
        }
        for (TrainingListener l : listeners) {
            if (l instanceof Stateful s) {
                states.add(s);
            }
        }
        return states;
    }

    private interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    private static byte[] bytes(Writer w) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(b)) {
            w.write(out);
        }
        return b.toByteArray();
    }

    /** Builder: {@code set*} required, {@code opt*}/{@code add*} optional. */
    public static final class Builder<O> {
        private Parameters parameters;
        private Function<StepContext, O> model;
        private Objective<O> objective;
        private final List<TrainingStage> stages = new ArrayList<>();
        private final List<TrainingListener> listeners = new ArrayList<>();
        private CheckpointStore checkpoints;
        private long checkpointEvery;
        private Stateful extraState;
        private java.util.function.BooleanSupplier stopRequest;

        public Builder<O> setParameters(Parameters parameters) {
            this.parameters = parameters;
            return this;
        }

        /** The forward pass: computes the model's named output at the current parameters. */
        public Builder<O> setModel(Function<StepContext, O> model) {
            this.model = model;
            return this;
        }

        public Builder<O> setObjective(Objective<O> objective) {
            this.objective = objective;
            return this;
        }

        public Builder<O> addStage(TrainingStage stage) {
            stages.add(stage);
            return this;
        }

        public Builder<O> addListener(TrainingListener listener) {
            listeners.add(listener);
            return this;
        }

        /** Checkpoint every {@code every} steps (0: only at the end) into {@code store}. */
        public Builder<O> optCheckpoints(CheckpointStore store, long every) {
            this.checkpoints = store;
            this.checkpointEvery = every;
            return this;
        }

        public Builder<O> optExtraState(Stateful state) {
            this.extraState = state;
            return this;
        }

        /**
         * Asked after every step: when it answers true, training saves a checkpoint there (if it has a store) and
         * stops with a {@link StopRequestedException}.
         */
        public Builder<O> optStopRequest(java.util.function.BooleanSupplier stopRequest) {
            this.stopRequest = stopRequest;
            return this;
        }

        public Trainer<O> build() {
            if (parameters == null || model == null || objective == null) {
                throw new IllegalStateException("setParameters, setModel and setObjective are required");
            }
            if (stages.isEmpty()) {
                throw new IllegalStateException("at least one training stage is required");
            }
            return new Trainer<>(this);
        }
    }
}
