package org.repcon.experiment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.repcon.io.AtomicFiles;
import org.repcon.spec.Overrides;
import org.repcon.spec.Spec;

/**
 * Variants of one experiment compared inside a run (a suite, an ablation, one experiment over seeds): each named
 * variant (a spec tree, e.g. a base spec with some keys set: {@link #variant}) is a nested run in {@code runs/<name>/}
 * ({@link RunContext#runNested}: a completed one is reused, an interrupted one resumed, so resuming the comparison
 * trains only what is missing), announced by a line {@code == variant i/n: name — about}. The chosen metrics of the
 * variants that succeeded form one table, written as CSV (a row per variant, empty cells where a metric is missing)
 * and as a report section:
 * <pre>{@code
 * Comparison c = new Comparison("comparison.csv", "Comparison").columns(List.of("test_mse", "kl"));
 * Map<String, Map<String, Object>> metrics = c.run(ctx, variants);
 * c.requireAllSucceeded(ctx);   // after the caller's own plots
 * }</pre>
 */
public final class Comparison {
    private final String file;
    private final String title;
    private List<String> columns;
    private String item = "variant";
    private Function<Object, String> cell = v -> v == null ? "" : String.valueOf(v);
    private Map<String, String> about = Map.of();
    private List<String> parentMetrics = List.of();
    private final List<String> failed = new ArrayList<>();

    /** The CSV's file name in the run directory (e.g. {@code comparison.csv}) and the report table's title. */
    public Comparison(String file, String title) {
        this.file = file;
        this.title = title;
    }

    /** The metrics in the table, in order; default: every metric that is a number in some variant. */
    public Comparison columns(List<String> columns) {
        this.columns = List.copyOf(columns);
        return this;
    }

    /** What a variant is called in the progress line, in messages and as the first column's header (default "variant"). */
    public Comparison item(String item) {
        this.item = item;
        return this;
    }

    /** A CSV cell from a metric's value (null if missing); default: the value as it is, empty if missing. */
    public Comparison cells(Function<Object, String> cell) {
        this.cell = cell;
        return this;
    }

    /** One line per variant saying what it changes (in the progress line and a report column). */
    public Comparison about(Map<String, String> about) {
        this.about = Map.copyOf(about);
        return this;
    }

    /** Metrics copied into the comparison's metrics.json as {@code <name>.<metric>}. */
    public Comparison parentMetrics(List<String> metrics) {
        this.parentMetrics = List.copyOf(metrics);
        return this;
    }

    /**
     * A variant's complete spec tree: a deep copy of {@code base} with {@code set} ({@code key=value}, as
     * {@code --set}) applied, validated as a spec file is (so a bad variant is found before the first one trains).
     *
     * @throws org.repcon.spec.SpecException naming the variant's key, for the caller to place in its own spec
     */
    public static Map<String, Object> variant(Map<String, Object> base, List<String> set) {
        Map<String, Object> tree = Spec.of(base).rawTree();
        Overrides.apply(tree, set);
        Runner.validate(tree);
        return tree;
    }

    /** "name (why)" of each variant that failed in {@link #run}. */
    public List<String> failed() {
        return failed;
    }

    /** Throws if a variant failed, naming each and how to retry them (resuming reuses the completed ones). */
    public void requireAllSucceeded(RunContext ctx) {
        if (!failed.isEmpty()) {
            throw new IllegalStateException(failed.size() + " " + item + "(s) failed: " + String.join("; ", failed)
                    + "; `repcon resume " + ctx.directory().path() + "` retries them and reuses the completed ones");
        }
    }

    /**
     * Runs (or reuses, or resumes) each variant in order, then writes the CSV, puts the parent metrics and adds the
     * table to the report; returns the metrics of the variants that succeeded, in order. A variant that fails does not
     * stop the others ({@link #failed}); an interrupted one stops the comparison.
     *
     * @param variants name (a folder name, {@link RunDirectory#isFolderName}) -> complete spec tree, in order
     */
    public Map<String, Map<String, Object>> run(RunContext ctx, Map<String, Map<String, Object>> variants) throws IOException {
        Map<String, Map<String, Object>> results = new LinkedHashMap<>();
        int i = 0;
        for (Map.Entry<String, Map<String, Object>> v : variants.entrySet()) {
            String what = about.getOrDefault(v.getKey(), "");
            ctx.out().println("== " + item + " " + ++i + "/" + variants.size() + ": " + v.getKey() + (what.isEmpty() ? "" : " — " + what));
            Runner.Result r = ctx.runNested(v.getKey(), v.getValue());
            if (r.succeeded()) {
                results.put(v.getKey(), r.metrics());
            } else {
                failed.add(v.getKey() + " (" + r.message() + ")");
            }
        }
        List<String> shown = columns != null ? columns : results.values().stream().flatMap(m -> m.entrySet().stream())
                .filter(e -> e.getValue() instanceof Number).map(Map.Entry::getKey).distinct().toList();
        StringBuilder csv = new StringBuilder(item + "," + String.join(",", shown) + "\n");
        results.forEach((name, m) -> csv.append(name).append(shown.stream().map(c -> "," + cell.apply(m.get(c))).reduce("", String::concat))
                .append('\n'));
        AtomicFiles.write(ctx.directory().file(file), csv.toString().getBytes(StandardCharsets.UTF_8));
        results.forEach((name, m) -> parentMetrics.forEach(c -> {
            if (m.get(c) instanceof Number n) {
                ctx.putMetric(name + "." + c, n.doubleValue());
            }
        }));
        List<String> used = shown.stream().filter(c -> results.values().stream().anyMatch(m -> m.get(c) != null)).toList();
        boolean described = !about.isEmpty();
        List<String> header = new ArrayList<>(described ? List.of(item, "what it changes") : List.of(item));
        header.addAll(used);
        List<List<String>> rows = new ArrayList<>();
        results.forEach((name, m) -> {
            List<String> row = new ArrayList<>(described ? List.of(name, about.getOrDefault(name, "")) : List.of(name));
            used.forEach(c -> row.add(format(m.get(c))));
            rows.add(row);
        });
        ctx.addReportSection(rep -> rep.addTable(title, header, rows));
        return results;
    }

    /** A table cell: whole numbers as such, others with 4 decimals, or 3 significant digits when very small or large. */
    public static String format(Object v) {
        if (v instanceof Number n) {
            double d = n.doubleValue();
            if (d == Math.rint(d) && Math.abs(d) < 1e6) {
                return Long.toString((long) d);
            }
            return Math.abs(d) >= 1e-3 && Math.abs(d) < 1e5 ? String.format(Locale.ROOT, "%.4f", d) : String.format(Locale.ROOT, "%.3e", d);
        }
        return v == null ? "" : v.toString();
    }
}
