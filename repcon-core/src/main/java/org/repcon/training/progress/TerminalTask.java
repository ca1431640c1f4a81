package org.repcon.training.progress;

import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A live bar for one task (me.tongfei:progressbar) with speed and ETA. */
final class TerminalTask implements TaskProgress {
    private final ProgressBar bar;

    TerminalTask(PrintStream out, String name, long total, String unit) {
        bar = new ProgressBarBuilder().setTaskName(name).setInitialMax(Math.max(1, total)).setUnit(" " + unit, 1)
                .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK).setConsumer(new ConsoleProgressBarConsumer(out))
                .setUpdateIntervalMillis(250).showSpeed().build();
    }

    @Override
    public void advance(long units) {
        bar.stepBy(units);
    }

    @Override
    public void close() {
        bar.close();
    }
}
