package org.repcon.training.progress;

import java.io.PrintStream;
import java.util.Locale;
import org.repcon.objective.LossValues;
import org.repcon.training.TrainingListener;
import org.repcon.training.TrainingStage;

/**
 * Progress as plain log lines (for logs, CI and pipes): one line every {@code intervalSeconds} seconds of
 * wall time (and at stage starts and the end) with step, stage, loss terms, speed and ETA.
 */
public final class PlainProgress implements TrainingListener {
    private final PrintStream out;
    private final double intervalSeconds;
    private long total;
    private long startStep;
    private long startNanos;
    private long lastPrint;

    public PlainProgress(PrintStream out, double intervalSeconds) {
        this.out = out;
        this.intervalSeconds = intervalSeconds;
    }

    @Override
    public void onStart(long startStep, long totalSteps) {
        this.total = totalSteps;
        this.startStep = startStep;
        this.startNanos = System.nanoTime();
        this.lastPrint = startNanos;
        out.printf(Locale.ROOT, "training: %s%d steps%n", startStep > 0 ? "resuming at step " + startStep + " of " : "", totalSteps);
    }

    @Override
    public void onStageStart(TrainingStage stage, long step) {
        out.printf(Locale.ROOT, "stage %s: steps %d..%d%n", stage.name(), step + 1, step + stage.steps());
    }

    @Override
    public void onStep(long step, String stage, double learningRate, LossValues values, double wallSeconds) {
        long now = System.nanoTime();
        if ((now - lastPrint) / 1e9 < intervalSeconds && step + 1 < total) {
            return;
        }
        lastPrint = now;
        out.println(ProgressText.line(step + 1, total, stage, values, ProgressText.eta(step + 1 - startStep, total - step - 1, now - startNanos)));
    }

    @Override
    public void onEnd(long steps, Throwable error) {
        out.printf(Locale.ROOT, "training %s after %d steps%n", error == null ? "finished" : "stopped", steps);
    }
}
