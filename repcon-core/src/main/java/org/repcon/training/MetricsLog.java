package org.repcon.training;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleSupplier;
import org.repcon.objective.LossValues;

/**
 * Writes {@code metrics.csv}: one row every {@code every} steps (and at the last step) with
 * {@code step, stage, lr, <each term, unweighted>, total, wall_seconds} and any extra columns (e.g. a
 * validation error computed every k steps; empty where not computed). {@code step} counts completed steps.
 * On resume the file is cut back to the checkpoint's step so no row is written twice.
 */
public final class MetricsLog implements TrainingListener, AutoCloseable {
    private final Path file;
    private final List<String> terms;
    private final long every;
    private final Map<String, Extra> extras = new LinkedHashMap<>();
    private BufferedWriter out;
    private long totalSteps;
    private final Map<String, Double> lastExtras = new LinkedHashMap<>();

    private record Extra(long every, DoubleSupplier value) {}

    /**
     * @param file the CSV file
     * @param terms the objective's term names, in order
     * @param every write a row every this many steps
     */
    public MetricsLog(Path file, List<String> terms, long every) {
        this.file = file;
        this.terms = List.copyOf(terms);
        this.every = Math.max(1, every);
    }

    /** An extra column computed every {@code every} steps (and at the end); its time is not training time. */
    public MetricsLog addColumn(String name, long every, DoubleSupplier value) {
        extras.put(name, new Extra(Math.max(1, every), value));
        return this;
    }

    /** The last value computed for an extra column (NaN if none yet). */
    public double lastExtra(String name) {
        return lastExtras.getOrDefault(name, Double.NaN);
    }

    private List<String> header() {
        List<String> h = new ArrayList<>(List.of("step", "stage", "lr"));
        h.addAll(terms);
        h.add("total");
        h.add("wall_seconds");
        h.addAll(extras.keySet());
        return h;
    }

    @Override
    public void onStart(long startStep, long totalSteps) {
        this.totalSteps = totalSteps;
        try {
            String header = String.join(",", header());
            if (startStep > 0 && Files.exists(file)) {
                List<String> kept = new ArrayList<>();
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                if (lines.isEmpty() || !lines.get(0).equals(header)) {
                    throw new IOException(file + " does not have the expected header " + header);
                }
                kept.add(header);
                int columns = header().size();
                for (String line : lines.subList(1, lines.size())) {
                    // a row cut short by a killed process (fewer cells than the header) is dropped, not kept as garbage
                    int comma = line.indexOf(',');
                    if (comma > 0 && line.split(",", -1).length == columns && isStep(line.substring(0, comma))
                            && Long.parseLong(line.substring(0, comma)) <= startStep) {
                        kept.add(line);
                    }
                }
                // atomically: a process killed while cutting the file back must not lose the rows before the checkpoint
                org.repcon.io.AtomicFiles.write(file, (String.join(System.lineSeparator(), kept) + System.lineSeparator()).getBytes(StandardCharsets.UTF_8));
                out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            } else {
                Files.createDirectories(file.toAbsolutePath().getParent());
                out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                out.write(header);
                out.newLine();
                out.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write metrics: " + e.getMessage(), e);
        }
    }

    @Override
    public void onStep(long step, String stage, double learningRate, LossValues values, double wallSeconds) {
        long done = step + 1;
        boolean last = done == totalSteps;
        boolean extraDue = false;
        for (Extra e : extras.values()) {
            extraDue |= done % e.every() == 0;
        }
        if (done % every != 0 && !last && !extraDue) {
            return;
        }
        StringBuilder row = new StringBuilder();
        row.append(done).append(',').append(stage).append(',').append(format(learningRate));
        for (String t : terms) {
            row.append(',').append(values.terms().containsKey(t) ? format(values.term(t)) : "");
        }
        row.append(',').append(format(values.total())).append(',').append(String.format(Locale.ROOT, "%.3f", wallSeconds));
        for (Map.Entry<String, Extra> e : extras.entrySet()) {
            row.append(',');
            if (done % e.getValue().every() == 0 || last) {
                double v = e.getValue().value().getAsDouble();
                lastExtras.put(e.getKey(), v);
                row.append(format(v));
            }
        }
        try {
            out.write(row.toString());
            out.newLine();
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write metrics: " + e.getMessage(), e);
        }
    }

    private static boolean isStep(String cell) {
        return !cell.isEmpty() && cell.length() < 19 && cell.chars().allMatch(Character::isDigit);
    }

    private static String format(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.8g", v);
    }

    @Override
    public void onEnd(long steps, Throwable error) {
        close();
    }

    @Override
    public void close() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException ignored) {
                // the rows already written were flushed
            }
            out = null;
        }
    }
}
