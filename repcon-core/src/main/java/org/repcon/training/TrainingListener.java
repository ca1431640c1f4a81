package org.repcon.training;

import org.repcon.objective.LossValues;

/** Observes training: progress bars, logs, metrics files. All methods have empty defaults. */
public interface TrainingListener {
    /** Training starts (or resumes) at {@code startStep} of {@code totalSteps}. */
    default void onStart(long startStep, long totalSteps) {}

    /** Stage {@code stage} starts at global step {@code step}. */
    default void onStageStart(TrainingStage stage, long step) {}

    /** Step {@code step} (0-based) finished with these loss values; {@code wallSeconds} since the run began. */
    default void onStep(long step, String stage, double learningRate, LossValues values, double wallSeconds) {}

    /** A checkpoint was written after {@code steps} steps. */
    default void onCheckpoint(long steps, java.nio.file.Path file) {}

    /** Training ended, normally or not ({@code error} null on success). */
    default void onEnd(long steps, Throwable error) {}
}
