package org.repcon.anomaly;

import java.util.function.Function;
import org.repcon.data.ImageSet;
import org.repcon.experiment.RunContext;
import org.repcon.training.progress.ProgressDisplay;
import org.repcon.training.progress.TaskProgress;

/**
 * Computes per-image scores in chunks of {@code chunk} images, showing the run's progress display for each score
 * (a bar, or log lines with rate and ETA: {@link RunContext#task}), so that a long scoring shows signs of life.
 */
public final class ScoreProgress {
    /** Where a task's display comes from: a run's display ({@link RunContext#task}) or a stand-alone one. */
    @FunctionalInterface
    private interface Tasks {
        TaskProgress task(String name, long total, String unit);
    }

    private final Tasks tasks;
    private final int chunk;
    private final String prefix;

    private ScoreProgress(Tasks tasks, int chunk, String prefix) {
        if (chunk < 1) {
            throw new IllegalArgumentException("chunk must be positive, got " + chunk);
        }
        this.tasks = tasks;
        this.chunk = chunk;
        this.prefix = prefix;
    }

    /** @param prefix put before each task's name, e.g. "class 3: " (may be empty) */
    public ScoreProgress(RunContext ctx, int chunk, String prefix) {
        this(ctx::task, chunk, prefix);
    }

    public ScoreProgress(RunContext ctx, int chunk) {
        this(ctx, chunk, "");
    }

    /** Outside a run (e.g. {@code repcon score}): tasks shown on {@code display}, none if it is null. */
    public static ScoreProgress of(ProgressDisplay display, int chunk) {
        return new ScoreProgress(display == null ? (name, total, unit) -> TaskProgress.NONE : display::task, chunk, "");
    }

    /** One score per image; [N]. */
    public double[] scores(String what, ImageSet images, Function<ImageSet, double[]> f) {
        double[][] rows = rows(what, images, x -> {
            double[] s = f.apply(x);
            double[][] r = new double[s.length][];
            for (int i = 0; i < s.length; i++) {
                r[i] = new double[] {s[i]};
            }
            return r;
        });
        double[] out = new double[rows.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = rows[i][0];
        }
        return out;
    }

    /** A row of values per image; [N][...]. */
    public double[][] rows(String what, ImageSet images, Function<ImageSet, double[][]> f) {
        int n = images.size();
        double[][] out = new double[n][];
        try (TaskProgress progress = tasks.task(prefix + what, n, "images")) {
            for (int from = 0; from < n; from += chunk) {
                int to = Math.min(n, from + chunk);
                double[][] part = f.apply(images.slice(from, to));
                System.arraycopy(part, 0, out, from, to - from);
                progress.advance(to - from);
            }
        }
        return out;
    }
}
