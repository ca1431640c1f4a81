package org.repcon.tracking.experiment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.repcon.experiment.Comparison;
import org.repcon.experiment.Experiment;
import org.repcon.experiment.RunContext;
import org.repcon.experiment.RunSettings;
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
            try {
                variants.put(name, Comparison.variant(base, List.of("experiment=tracker", "seed=" + seed, "threads=" + threads,
                        "transformations.rotation=" + (name.equals("rotation") || name.equals("affine")),
                        "transformations.translation=" + (name.equals("translation") || name.equals("affine")),
                        "transformations.scale=" + name.equals("affine"), "transformations.shear=" + name.equals("affine"))));
            } catch (SpecException e) {
                throw spec.error("tracker", "variant " + name + ": " + e.getMessage());
            }
        }
        return new Config(variants);
    }

    @Override
    public void run(Config config, RunContext ctx) throws Exception {
        Comparison c = new Comparison("comparison.csv", "Ablation (comparison.csv)").columns(COLUMNS).parentMetrics(COLUMNS)
                .cells(v -> v instanceof Number n ? String.format(Locale.ROOT, "%.6g", n.doubleValue()) : "");
        Map<String, Map<String, Object>> results = c.run(ctx, config.variants());
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
        c.requireAllSucceeded(ctx);
    }
}
