package org.repcon.anomaly.unknown;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.repcon.anomaly.shift.PairAurocs;
import org.repcon.anomaly.shift.SetScores;
import org.repcon.experiment.RunContext;

/**
 * A verdict per image from thresholds set on validation images: unknown if the combination score exceeds its
 * threshold (the validation images' (1 - alpha) quantile), else unlikely if the density score exceeds the tail
 * threshold, else typical; and the fraction of each verdict per subgroup.
 *
 * @param fractions subgroup -> {typical, unlikely, unknown} fractions
 */
record Verdicts(Map<String, double[]> fractions) {
    static final List<String> NAMES = java.util.Arrays.stream(Verdict.values()).map(Verdict::label).toList();

    static Verdicts of(SetScores s, List<String> subgroups, VerdictRule rule) {
        Map<String, double[]> f = new LinkedHashMap<>();
        List<String> rows = new ArrayList<>(List.of("validation"));
        rows.addAll(subgroups);
        for (String g : rows) {
            double[] d = s.get(g, AnomalyUnknownExperiment.DENSITY);
            double[] c = s.get(g, AnomalyUnknownExperiment.COMBINATION);
            double[] out = new double[3];
            for (int i = 0; i < d.length; i++) {
                out[rule.verdict(d[i], c[i]).ordinal()] += 1.0 / d.length;
            }
            f.put(g, out);
        }
        return new Verdicts(f);
    }

    void putMetrics(RunContext ctx) {
        fractions.forEach((g, v) -> {
            for (int k = 0; k < 3; k++) {
                ctx.putMetric("verdict_" + PairAurocs.key(g) + "_" + NAMES.get(k), v[k]);
            }
        });
    }

    void addTable(RunContext ctx, double alpha, double tailFraction) {
        List<List<String>> rows = new ArrayList<>();
        fractions.forEach((g, v) -> rows.add(List.of(g, pct(v[0]), pct(v[1]), pct(v[2]))));
        ctx.addReportSection(r -> r.addTable(String.format(Locale.ROOT, "Verdicts per subgroup (%% of its images): unknown if the "
                + "combination exceeds its validation %.0f%% false-alarm threshold, else unlikely if the density exceeds the tail threshold "
                + "(top %.0f%% of validation), else typical", 100 * alpha, 100 * tailFraction), List.of("subgroup", "typical", "unlikely", "unknown"), rows));
    }

    private static String pct(double v) {
        return String.format(Locale.ROOT, "%.1f", 100 * v);
    }
}
