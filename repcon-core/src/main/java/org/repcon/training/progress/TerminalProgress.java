package org.repcon.training.progress;

import java.io.PrintStream;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.repcon.objective.LossValues;
import org.repcon.training.TrainingListener;

/** A live progress bar (me.tongfei:progressbar) with ETA, stage and loss terms, for interactive terminals. */
public final class TerminalProgress implements TrainingListener {
    private final PrintStream out;
    private ProgressBar bar;
    private long lastUpdate;

    public TerminalProgress(PrintStream out) {
        this.out = out;
    }

    @Override
    public void onStart(long startStep, long totalSteps) {
        bar = new ProgressBarBuilder().setTaskName("train").setInitialMax(totalSteps).setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(out)).setUpdateIntervalMillis(250)
                .showSpeed().startsFrom(startStep, java.time.Duration.ZERO).build();
    }

    @Override
    public void onStep(long step, String stage, double learningRate, LossValues values, double wallSeconds) {
        long now = System.nanoTime();
        bar.stepTo(step + 1);
        if (now - lastUpdate > 200_000_000L) {
            bar.setExtraMessage(" " + stage + " " + ProgressText.loss(values));
            lastUpdate = now;
        }
    }

    @Override
    public void onEnd(long steps, Throwable error) {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
