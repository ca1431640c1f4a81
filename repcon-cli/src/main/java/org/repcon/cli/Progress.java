package org.repcon.cli;

import org.repcon.training.progress.ProgressDisplay;
import org.repcon.training.progress.TaskProgress;

/** Chooses the progress display: live bars on a terminal, periodic log lines otherwise. */
final class Progress {
    private Progress() {}

    /** One task's display in {@code mode} ({@link TaskProgress#NONE} for none), counting image-steps. */
    static TaskProgress task(String mode, String name, long total) {
        ProgressDisplay display = factory(mode);
        return display == null ? TaskProgress.NONE : display.task(name, total, "image-steps");
    }

    static ProgressDisplay factory(String mode) {
        String m = mode == null ? "auto" : mode;
        if (m.equals("auto")) {
            m = System.console() != null ? "bar" : "log";
        }
        return switch (m) {
            case "bar" -> ProgressDisplay.terminal(System.out);
            case "log" -> ProgressDisplay.log(System.out, 10);
            case "none" -> null;
            default -> throw new IllegalArgumentException("--progress must be auto, bar, log or none, got " + mode);
        };
    }
}
