package org.repcon.report;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/** Loss-curve plots from the columns of a {@code metrics.csv} (see {@link MetricsCsv}). */
public final class LossCurves {
    /** Columns that are never plotted as curves. */
    public static final Set<String> EXCLUDED = Set.of("step", "wall_seconds");

    private LossCurves() {
    }

    /**
     * Builds the chart: one series per column except {@link #EXCLUDED}, x = the {@code step} column
     * (or the row index if there is none), logarithmic y. A {@code total} column is drawn in black.
     * Columns without any positive finite value are skipped.
     *
     * @param columns column name to values, e.g. from {@link MetricsCsv#read(java.nio.file.Path)}
     * @return a configurable plot
     */
    public static LinePlot chart(Map<String, double[]> columns) {
        double[] step = columns.get("step");
        int n = columns.values().stream().mapToInt(a -> a.length).max().orElse(0);
        if (step == null) {
            step = new double[n];
            for (int i = 0; i < n; i++) {
                step[i] = i;
            }
        }
        LinePlot plot = new LinePlot().title("Training losses").xLabel("step").yLabel("value (log scale)")
                .logY(true);
        for (Map.Entry<String, double[]> e : columns.entrySet()) {
            if (EXCLUDED.contains(e.getKey()) || !anyPositive(e.getValue())) {
                continue;
            }
            int m = Math.min(step.length, e.getValue().length);
            double[] x = java.util.Arrays.copyOf(step, m);
            double[] y = java.util.Arrays.copyOf(e.getValue(), m);
            if (e.getKey().equals("total")) {
                plot.addLine(e.getKey(), x, y, Color.BLACK);
            } else {
                plot.addLine(e.getKey(), x, y);
            }
        }
        return plot;
    }

    /**
     * Writes the loss-curve PNG ({@link #chart(Map)} at its default size).
     *
     * @param columns column name to values
     * @param png     output file; parent directories are created
     * @throws IOException if writing fails
     */
    public static void plot(Map<String, double[]> columns, Path png) throws IOException {
        chart(columns).savePng(png);
    }

    private static boolean anyPositive(double[] v) {
        for (double d : v) {
            if (d > 0 && Double.isFinite(d)) {
                return true;
            }
        }
        return false;
    }
}
