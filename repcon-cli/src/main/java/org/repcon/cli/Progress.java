package org.repcon.cli;

import java.util.function.Supplier;
import org.repcon.training.TrainingListener;
import org.repcon.training.progress.PlainProgress;
import org.repcon.training.progress.TerminalProgress;

/** Chooses the progress display: a live bar on a terminal, periodic log lines otherwise. */
final class Progress {
    private Progress() {}

    static Supplier<TrainingListener> factory(String mode) {
        String m = mode == null ? "auto" : mode;
        if (m.equals("auto")) {
            m = System.console() != null ? "bar" : "log";
        }
        return switch (m) {
            case "bar" -> () -> new TerminalProgress(System.out);
            case "log" -> () -> new PlainProgress(System.out, 10);
            case "none" -> null;
            default -> throw new IllegalArgumentException("--progress must be auto, bar, log or none, got " + mode);
        };
    }
}
