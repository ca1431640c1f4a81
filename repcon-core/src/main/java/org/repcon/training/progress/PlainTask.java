package org.repcon.training.progress;

import java.io.PrintStream;
import java.util.Locale;

/**
 * One task's progress as log lines: "sampling (ddpm): 12000/25000 image-steps (48%), 310/s, ETA 0:00:41" every
 * {@code intervalSeconds} seconds of wall time, and a last line when the task ends.
 */
final class PlainTask implements TaskProgress {
    private final PrintStream out;
    private final double intervalSeconds;
    private final String name;
    private final long total;
    private final String unit;
    private final long start = System.nanoTime();
    private long lastPrint = start;
    private long done;
    private boolean closed;

    PlainTask(PrintStream out, double intervalSeconds, String name, long total, String unit) {
        this.out = out;
        this.intervalSeconds = intervalSeconds;
        this.name = name;
        this.total = total;
        this.unit = unit;
    }

    @Override
    public void advance(long units) {
        done += units;
        long now = System.nanoTime();
        if ((now - lastPrint) / 1e9 >= intervalSeconds) {
            lastPrint = now;
            out.println(line(now));
        }
    }

    String line(long now) {
        double seconds = Math.max(1e-9, (now - start) / 1e9);
        String percent = total > 0 ? String.format(Locale.ROOT, " (%.0f%%)", 100.0 * done / total) : "";
        return String.format(Locale.ROOT, "%s: %d/%d %s%s, %.0f/s, ETA %s", name, done, total, unit, percent, done / seconds,
                ProgressText.eta(done, Math.max(0, total - done), now - start));
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            long now = System.nanoTime();
            out.println(String.format(Locale.ROOT, "%s: %d %s in %.1f s", name, done, unit, (now - start) / 1e9));
        }
    }
}
