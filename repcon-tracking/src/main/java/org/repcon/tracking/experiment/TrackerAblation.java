package org.repcon.tracking.experiment;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.repcon.experiment.Experiment;
import org.repcon.experiment.RunContext;
import org.repcon.experiment.RunSettings;
import org.repcon.experiment.Runner;
import org.repcon.io.AtomicFiles;
import org.repcon.report.BarChart;
import org.repcon.spec.RenamedKeys;
import org.repcon.spec.Spec;
import org.repcon.spec.SpecException;

/**
 * The tracker's ablation ({@code tracker-ablation}): the same tracker, data and budget with no transformation
 * (a plain autoencoder with line slots), rotation only, translation only, and the full affine family (rotation,
 * translation, scale, shear). Each variant is a complete {@code tracker} run in {@code runs/<variant>/}; this run
 * writes {@code comparison.csv} (the tracker's, the encoder-alone and the Hough metrics per variant) and
 * {@code plots/ablation.png}. Keys:
 * <pre>
 * tracker: {...}        # any keys of the tracker experiment (its transformations.rotation/translation/scale/shear are set per variant)
 * variants: [plain, rotation, translation, affine]
 * </pre>
 */
public final class TrackerAblation implements Experiment<TrackerAblation.Config> {
    static final List<String> ALL = List.of("plain", "rotation", "translation", "affine");
    static final List<String> COLUMNS = List.of("efficiency", "fake_rate", "angle_rmse_mrad", "offset_rmse_px",
            "encoder_efficiency", "encoder_fake_rate", "encoder_angle_rmse_mrad", "encoder_offset_rmse_px",
            "hough_efficiency", "hough_fake_rate", "hough_angle_rmse_mrad", "hough_offset_rmse_px", "wall_seconds");

    /** The variants' complete spec trees, by name. */
    public record Config(Map<String, Map<String, Object>> variants) {}

    @Override
    public String name() {
        return "tracker-ablation";
    }

    @Override
    public String description() {
        return "The tracker's ablation: plain AE vs rotation only vs translation only vs full affine equivariance";
    }

    @Override
    @SuppressWarnings("unchecked")
    public Config configure(Spec spec) {
        long seed = RunSettings.seed(spec);
        int threads = RunSettings.threads(spec);
        Object raw = spec.rawTree().get("tracker");
        if (raw != null && !(raw instanceof Map)) {
            throw spec.error("tracker", "expected a map of tracker keys");
        }
        spec.ignore("tracker");
        Map<String, Object> base = raw == null ? Map.of() : (Map<String, Object>) raw;
        RenamedKeys.reject(base, spec.pathOf("tracker"), "tracker"); // e.g. tracker.transforms: named at its own path
        List<String> names = spec.getStringList("variants", ALL);
        Map<String, Map<String, Object>> variants = new LinkedHashMap<>();
        for (String name : names) {
            if (!ALL.contains(name)) {
                throw spec.error("variants", "unknown variant \"" + name + "\" (expected some of " + ALL + ")");
            }
            if (variants.containsKey(name)) { // each names the folder runs/<name>/: a repeat would reuse the first's run
                throw spec.error("variants", "variant \"" + name + "\" is listed twice");
            }
            Map<String, Object> tree = deepCopy(base);
            tree.put("experiment", "tracker");
            tree.put("seed", seed);
            tree.put("threads", threads);
            Map<String, Object> t = tree.get("transformations") instanceof Map<?, ?> m ? (Map<String, Object>) m
                    : new LinkedHashMap<>();
            tree.put("transformations", t);
            t.put("rotation", name.equals("rotation") || name.equals("affine"));
            t.put("translation", name.equals("translation") || name.equals("affine"));
            t.put("scale", name.equals("affine"));
            t.put("shear", name.equals("affine"));
            try {
                Runner.validate(tree);
            } catch (SpecException e) {
                throw spec.error("tracker", "variant " + name + ": " + e.getMessage());
            }
            variants.put(name, tree);
        }
        return new Config(variants);
    }

    @Override
    public void run(Config config, RunContext ctx) throws Exception {
        Map<String, Map<String, Object>> results = new LinkedHashMap<>();
        List<String> failed = new ArrayList<>();
        for (Map.Entry<String, Map<String, Object>> v : config.variants().entrySet()) {
            System.out.println("== variant " + v.getKey());
            Runner.Result r = ctx.runNested(v.getKey(), v.getValue());
            if (!r.succeeded()) {
                failed.add(v.getKey() + " (" + r.message() + ")");
                continue;
            }
            results.put(v.getKey(), r.metrics());
            for (String c : COLUMNS) {
                if (r.metrics().get(c) instanceof Number n) {
                    ctx.putMetric(v.getKey() + "." + c, n.doubleValue());
                }
            }
        }
        StringBuilder csv = new StringBuilder("variant," + String.join(",", COLUMNS) + "\n");
        for (Map.Entry<String, Map<String, Object>> r : results.entrySet()) {
            csv.append(r.getKey());
            for (String c : COLUMNS) {
                Object value = r.getValue().get(c);
                csv.append(',').append(value instanceof Number n ? String.format(Locale.ROOT, "%.6g", n.doubleValue()) : "");
            }
            csv.append('\n');
        }
        Path file = ctx.directory().file("comparison.csv");
        AtomicFiles.write(file, csv.toString().getBytes(StandardCharsets.UTF_8));
        ctx.addReportSection(report -> report.addParagraph("Ablation (comparison.csv):\n" + csv));
        if (!results.isEmpty()) {
            List<String> names = new ArrayList<>(results.keySet());
            BarChart chart = new BarChart().categories(names).title("Ablation: which transformations the equivariance uses")
                    .yLabel("efficiency").valueLabels(true);
            for (String key : List.of("efficiency", "encoder_efficiency")) {
                double[] values = names.stream().mapToDouble(n -> results.get(n).get(key) instanceof Number x
                        ? x.doubleValue() : Double.NaN).toArray();
                chart.addSeries(key.equals("efficiency") ? "tracker (refined)" : "encoder alone", values);
            }
            Path png = ctx.plot("ablation.png");
            chart.savePng(png);
            ctx.addPlot("Efficiency per variant: the tracker's final tracks and the encoder's own slots", png);
        }
        if (!failed.isEmpty()) {
            throw new IllegalStateException(failed.size() + " variant(s) failed: " + String.join("; ", failed)
                    + "; `repcon resume " + ctx.directory().path() + "` retries them and reuses the completed ones");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> deepCopy(Map<String, Object> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, v instanceof Map<?, ?> sub ? deepCopy((Map<String, Object>) sub)
                : v instanceof List<?> l ? new ArrayList<>(l) : v));
        return out;
    }
}
