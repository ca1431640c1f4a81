package org.repcon.training.progress;

import java.io.PrintStream;
import org.repcon.training.TrainingListener;

/**
 * Where a run shows its progress: one {@link TrainingListener} per training, one {@link TaskProgress} per other long
 * task (sampling, likelihood bounds, scoring). {@link #terminal} draws live bars, {@link #log} prints periodic lines.
 */
public interface ProgressDisplay {
    /** A fresh listener for one training. */
    TrainingListener training();

    /**
     * A fresh display for one task of {@code total} units.
     *
     * @param name shown before the bar or line, e.g. "sampling (ddpm)"
     * @param unit what one unit is, e.g. "image-steps"
     */
    TaskProgress task(String name, long total, String unit);

    /** Live progress bars (me.tongfei:progressbar) on {@code out}, for interactive terminals. */
    static ProgressDisplay terminal(PrintStream out) {
        return new ProgressDisplay() {
            @Override
            public TrainingListener training() {
                return new TerminalProgress(out);
            }

            @Override
            public TaskProgress task(String name, long total, String unit) {
                return new TerminalTask(out, name, total, unit);
            }
        };
    }

    /** A line on {@code out} every {@code intervalSeconds} seconds of wall time, and at the end (for logs and pipes). */
    static ProgressDisplay log(PrintStream out, double intervalSeconds) {
        return new ProgressDisplay() {
            @Override
            public TrainingListener training() {
                return new PlainProgress(out, intervalSeconds);
            }

            @Override
            public TaskProgress task(String name, long total, String unit) {
                return new PlainTask(out, intervalSeconds, name, total, unit);
            }
        };
    }
}
