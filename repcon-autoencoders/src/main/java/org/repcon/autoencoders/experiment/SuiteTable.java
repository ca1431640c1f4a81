package org.repcon.autoencoders.experiment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.repcon.experiment.RunContext;

/** The suite's comparison table (CSV and report) and its page of pictures. */
final class SuiteTable {
    private SuiteTable() {}

    /** One row per variant, one column per metric; empty cells where a metric does not apply. */
    static String csv(Map<String, Map<String, Object>> results, List<String> columns) {
        StringBuilder b = new StringBuilder("variant");
        columns.forEach(c -> b.append(',').append(c));
        b.append('\n');
        for (Map.Entry<String, Map<String, Object>> r : results.entrySet()) {
            b.append(r.getKey());
            for (String c : columns) {
                Object v = r.getValue().get(c);
                b.append(',').append(v == null ? "" : v);
            }
            b.append('\n');
        }
        return b.toString();
    }

    static String format(Object v) {
        if (v instanceof Number n) {
            double d = n.doubleValue();
            if (d == Math.rint(d) && Math.abs(d) < 1e6) {
                return Long.toString((long) d);
            }
            return Math.abs(d) >= 1e-3 && Math.abs(d) < 1e5 ? String.format(Locale.ROOT, "%.4f", d) : String.format(Locale.ROOT, "%.3e", d);
        }
        return v == null ? "" : v.toString();
    }

    static void report(RunContext ctx, SuiteConfig config, Map<String, Map<String, Object>> results, List<String> columns) {
        List<String> used = new ArrayList<>();
        for (String c : columns) {
            if (results.values().stream().anyMatch(m -> m.get(c) != null)) {
                used.add(c);
            }
        }
        List<String> header = new ArrayList<>(List.of("variant", "what it changes"));
        header.addAll(used);
        List<List<String>> rows = new ArrayList<>();
        for (Map.Entry<String, Map<String, Object>> r : results.entrySet()) {
            List<String> row = new ArrayList<>(List.of(r.getKey(), config.about().getOrDefault(r.getKey(), "")));
            used.forEach(c -> row.add(format(r.getValue().get(c))));
            rows.add(row);
        }
        ctx.addReportSection(rep -> rep.addTable("Comparison (same data, same budget; comparison.csv)", header, rows));
        for (String plot : List.of("reconstructions.png", "latent_map.png")) {
            for (String variant : results.keySet()) {
                Path png = ctx.directory().path().resolve("runs").resolve(variant).resolve("plots").resolve(plot);
                if (Files.exists(png)) {
                    ctx.addPlot(variant + ": " + plot.replace(".png", "").replace('_', ' '), png);
                }
            }
        }
    }
}
