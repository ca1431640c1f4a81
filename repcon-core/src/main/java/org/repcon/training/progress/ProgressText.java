package org.repcon.training.progress;

import java.util.Locale;
import java.util.Map;
import org.repcon.objective.LossValues;

/** Formatting shared by the progress displays. */
final class ProgressText {
    private ProgressText() {}

    /** "loss 1.23e-03 (mse_u 1.0e-04, mse_f 1.1e-03)". */
    static String loss(LossValues values) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "loss %.3e", values.total()));
        if (values.terms().size() > 1) {
            b.append(" (");
            boolean first = true;
            for (Map.Entry<String, Double> e : values.terms().entrySet()) {
                b.append(first ? "" : ", ").append(e.getKey()).append(' ').append(String.format(Locale.ROOT, "%.2e", e.getValue()));
                first = false;
            }
            b.append(')');
        }
        return b.toString();
    }

    static String line(long done, long total, String stage, LossValues values, String eta) {
        return String.format(Locale.ROOT, "step %d/%d [%s] %s  ETA %s", done, total, stage, loss(values), eta);
    }

    /** Remaining time from the average speed so far, as h:mm:ss. */
    static String eta(long doneSinceStart, long remaining, long elapsedNanos) {
        if (doneSinceStart <= 0) {
            return "?";
        }
        long seconds = Math.round(elapsedNanos / 1e9 / doneSinceStart * remaining);
        return String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
    }
}
