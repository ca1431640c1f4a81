package org.repcon.anomaly.shift;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.repcon.evaluation.roc.AurocInterval;
import org.repcon.evaluation.roc.RocCurve;
import org.repcon.experiment.RunContext;
import org.repcon.io.AtomicFiles;
import org.repcon.report.LinePlot;

/**
 * The AUROC, with its stratified bootstrap interval, of several scores on several pairs of image sets (a "normal"
 * set whose images should score low and an "anomalous" one), from {@link SetScores}. The k-th score of the p-th pair
 * is resampled with seed {@code seed + 1000 p + k}.
 *
 * @param pairs the pairs, in order
 * @param scores the score names, in order
 * @param table pair key -> score -> interval
 */
public record PairAurocs(List<Pair> pairs, List<String> scores, Map<String, Map<String, AurocInterval>> table) {

    /**
     * A pair of image sets.
     *
     * @param key the metric-key part, e.g. {@code mnist} or {@code typical_vs_unknown}
     * @param normal the normal set's name in the SetScores
     * @param anomalous the anomalous set's name
     */
    public record Pair(String key, String normal, String anomalous) {}

    public static PairAurocs of(SetScores s, List<Pair> pairs, List<String> scores, int bootstrap, double level, long seed) {
        Map<String, Map<String, AurocInterval>> table = new LinkedHashMap<>();
        for (int p = 0; p < pairs.size(); p++) {
            Pair pair = pairs.get(p);
            Map<String, AurocInterval> row = new LinkedHashMap<>();
            for (int k = 0; k < scores.size(); k++) {
                String score = scores.get(k);
                row.put(score, AurocInterval.of(s.get(pair.normal(), score), s.get(pair.anomalous(), score), level, bootstrap,
                        seed + 1000L * p + k));
            }
            table.put(pair.key(), row);
        }
        return new PairAurocs(List.copyOf(pairs), List.copyOf(scores), table);
    }

    /** A metric-key part made of a set name: lower case, runs of other characters than letters and digits as '_'. */
    public static String key(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_|_$", "");
    }

    public AurocInterval get(String pairKey, String score) {
        return table.get(pairKey).get(score);
    }

    /** The score with the highest AUROC on a pair. */
    public String best(String pairKey) {
        return table.get(pairKey).entrySet().stream().max(Map.Entry.comparingByValue(java.util.Comparator.comparingDouble(AurocInterval::estimate)))
                .orElseThrow().getKey();
    }

    /** {@code auroc_<score>_<pair>} with {@code _ci_low} and {@code _ci_high}. */
    public void putMetrics(RunContext ctx) {
        table.forEach((pair, row) -> row.forEach((score, ci) -> {
            ctx.putMetric("auroc_" + score + "_" + pair, ci.estimate());
            ctx.putMetric("auroc_" + score + "_" + pair + "_ci_low", ci.lower());
            ctx.putMetric("auroc_" + score + "_" + pair + "_ci_high", ci.upper());
        }));
    }

    /** A row per pair and score: {@code pair,normal,anomalous,score,auroc,ci_low,ci_high,level,replicates}. */
    public void writeCsv(RunContext ctx, String file) throws IOException {
        StringBuilder b = new StringBuilder("pair,normal,anomalous,score,auroc,ci_low,ci_high,level,replicates\n");
        for (Pair p : pairs) {
            table.get(p.key()).forEach((score, ci) -> b.append(String.format(Locale.ROOT, "%s,%s,%s,%s,%.6f,%.6f,%.6f,%s,%d%n", p.key(),
                    p.normal().replace(',', ';'), p.anomalous().replace(',', ';'), score, ci.estimate(), ci.lower(), ci.upper(), ci.level(),
                    ci.replicates())));
        }
        AtomicFiles.write(ctx.directory().file(file), b.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The report table: a row per score, a column per pair, AUROC x 100 [interval]. */
    public void addTable(RunContext ctx, String title) {
        List<String> header = new ArrayList<>(List.of("score"));
        pairs.forEach(p -> header.add(p.key()));
        List<List<String>> rows = new ArrayList<>();
        for (String score : scores) {
            List<String> r = new ArrayList<>(List.of(score));
            for (Pair p : pairs) {
                AurocInterval ci = get(p.key(), score);
                r.add(String.format(Locale.ROOT, "%.1f [%.1f, %.1f]", 100 * ci.estimate(), 100 * ci.lower(), 100 * ci.upper()));
            }
            rows.add(r);
        }
        AurocInterval any = get(pairs.get(0).key(), scores.get(0));
        ctx.addReportSection(r -> r.addTable(title + " (AUROC x 100 [bootstrap " + Math.round(100 * any.level()) + "% interval, B = "
                + any.replicates() + "]; above 50: the anomalous set scores higher)", header, rows));
    }

    /** One plot per pair: the ROC curve of every score. */
    public void rocCurves(RunContext ctx, SetScores s, String prefix) throws IOException {
        for (Pair p : pairs) {
            LinePlot plot = new LinePlot().title("ROC, " + p.normal() + " (normal) vs " + p.anomalous()).xLabel("false-alarm rate")
                    .yLabel("detection rate").size(560, 440);
            for (String score : scores) {
                RocCurve roc = RocCurve.of(s.get(p.normal(), score), s.get(p.anomalous(), score));
                plot.addLine(score, roc.falseAlarm(), roc.detection());
            }
            // a middle point off the 1/n grid: XChart puts y ticks at the data values when they are equally spaced
            plot.addLine("chance", new double[] {0, 0.37, 1}, new double[] {0, 0.37, 1});
            Path png = ctx.plot(prefix + "roc-" + p.key() + ".png");
            plot.savePng(png);
            ctx.addPlot("ROC curves, " + p.normal() + " (normal) vs " + p.anomalous() + " (anomalous), one per score", png);
        }
    }

    /**
     * One plot per score: the histogram (fraction of images per bin, 30 bins between the 0.5% and 99.5% quantiles of
     * the pooled scores; values outside counted in the end bins) of each of {@code sets}.
     */
    public static void histograms(RunContext ctx, SetScores s, List<String> sets, List<String> scores, String prefix) throws IOException {
        int bins = 30;
        for (String score : scores) {
            double[] pooled = sets.stream().flatMapToDouble(n -> Arrays.stream(s.get(n, score))).sorted().toArray();
            double lo = pooled[(int) Math.floor(0.005 * (pooled.length - 1))];
            double hi = pooled[(int) Math.ceil(0.995 * (pooled.length - 1))];
            if (!(hi > lo)) {
                hi = lo + 1;
            }
            double[] centres = new double[bins];
            for (int b = 0; b < bins; b++) {
                centres[b] = lo + (b + 0.5) * (hi - lo) / bins;
            }
            LinePlot plot = new LinePlot().title(score + " per set").xLabel(score).yLabel("fraction of images").size(560, 380);
            for (String set : sets) {
                double[] h = new double[bins];
                double[] v = s.get(set, score);
                for (double x : v) {
                    int b = (int) Math.floor((x - lo) / (hi - lo) * bins);
                    h[Math.max(0, Math.min(bins - 1, b))] += 1.0 / v.length;
                }
                plot.addLine(set, centres, h);
            }
            Path png = ctx.plot(prefix + "hist-" + score + ".png");
            plot.savePng(png);
            ctx.addPlot("Histogram of " + score + " per set (0.5-99.5% range of the pooled scores; outside: the end bins)", png);
        }
    }
}
