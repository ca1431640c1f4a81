package org.repcon.anomaly.unknown;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import org.repcon.anomaly.ComplexityCorrection;
import org.repcon.anomaly.ScoreProgress;
import org.repcon.anomaly.shift.NestedModels;
import org.repcon.anomaly.shift.PairAurocs;
import org.repcon.anomaly.shift.SetScores;
import org.repcon.anomaly.shift.TrainingSplit;
import org.repcon.data.FashionMnist;
import org.repcon.data.ImageSet;
import org.repcon.data.ood.OodSet;
import org.repcon.data.ood.OodSets;
import org.repcon.engine.Engines;
import org.repcon.evaluation.PngComplexity;
import org.repcon.evaluation.roc.AlarmThreshold;
import org.repcon.experiment.Comparison;
import org.repcon.experiment.Experiment;
import org.repcon.experiment.RunContext;
import org.repcon.experiment.RunSettings;
import org.repcon.report.ScatterPlot;
import org.repcon.spec.Spec;

/**
 * Unlikely vs unknown (issue 12, item 3). Training set: Fashion-MNIST with class R kept at a small fraction of its
 * images (rare but known) and class U left out; an ensemble of K VAEs (different seeds) is trained on it as nested
 * runs {@code runs/vae-<k>}. Two scores per image:
 * <ul>
 *   <li>density ({@link #DENSITY}): the members' mean -ELBO in bits/dim (each member's decoder scale fitted on
 *       validation images): high where the data are improbable;</li>
 *   <li>knowledge ({@link #KNOWLEDGE}): log10 of the members' reconstruction disagreement,
 *       {@link EnsembleDisagreement#pixelVariance}: high where the training data did not pin the models down. The
 *       output-space disagreement was chosen over the spread of the members' -ELBO ({@link #ELBO_SPREAD}, also
 *       reported) because the spread grows with the -ELBO itself and so repeats the density score.</li>
 * </ul>
 * (and, for comparison, the density minus the PNG size, {@link #DENSITY_CORRECTED}), and their combination ({@link #COMBINATION}, {@link ResidualFit}): the knowledge score in residual standard
 * deviations above its least-squares line on the density score, fitted on validation images, which are all known
 * (common classes and the rare class): no unknown image is used to fit anything.
 *
 * <p>Test groups: typical (common-class test images whose density score is at most the tail threshold, the top
 * {@code tail_fraction} point of the common classes' validation density scores), unlikely (the tail of the common
 * classes, and class R), unknown (class U, and each OOD set). AUROC with bootstrap intervals of every score for
 * typical-vs-unlikely, typical-vs-unknown, unlikely-vs-unknown and the subgroups; a verdict per image (unknown if the
 * combination exceeds its validation threshold at the false-alarm rate, else unlikely if the density exceeds the tail
 * threshold, else typical).
 */
public final class AnomalyUnknownExperiment implements Experiment<AnomalyUnknownConfig> {
    static final String DENSITY = "density_neg_elbo";
    static final String KNOWLEDGE = "knowledge_recon_disagreement";
    static final String ELBO_SPREAD = "knowledge_elbo_spread";
    static final String COMBINATION = "combination_residual";
    /** The density score minus the image's PNG size in bits/dim (Serra et al. 2020), for comparison. */
    static final String DENSITY_CORRECTED = "density_complexity_corrected";
    static final List<String> SCORES = List.of(DENSITY, KNOWLEDGE, ELBO_SPREAD, COMBINATION, DENSITY_CORRECTED);

    @Override
    public String name() {
        return "anomaly-unlikely-unknown";
    }

    @Override
    public String description() {
        return "Unlikely vs unknown: a rare class and tails (unlikely) vs a left-out class and MNIST (unknown); density (VAE -ELBO) "
                + "and knowledge (ensemble disagreement) scores, their combination fitted on known validation images";
    }

    @Override
    public AnomalyUnknownConfig configure(Spec spec) {
        return AnomalyUnknownConfig.read(spec, RunSettings.seed(spec), RunSettings.threads(spec));
    }

    @Override
    public void checkInputs(AnomalyUnknownConfig c) {
        FashionMnist.check(c.dir());
        sets(c, 1).forEach(OodSet::check);
    }

    private static List<OodSet> sets(AnomalyUnknownConfig c, long seed) {
        return OodSets.builder().setFashionDir(c.dir()).optMnistDir(c.mnistDir()).optSeed(seed).optNoiseCount(c.oodLimit()).build()
                .parseAll(c.ood());
    }

    @Override
    public void run(AnomalyUnknownConfig c, RunContext ctx) throws Exception {
        Engines.start();
        long seed = ctx.seed();
        long t0 = System.nanoTime();
        TrainingSplit split = TrainingSplit.of(FashionMnist.load(c.dir(), FashionMnist.Split.TRAIN, 0), c.trainLimit(),
                Map.of(c.rareClass(), c.rareFraction(), c.unknownClass(), 0.0), c.validationFraction(), seed);
        ctx.provenance().putData("training", split.train().size() + " training images per class " + TrainingSplit.counts(split.train())
                + ", " + split.validation().size() + " validation images per class " + TrainingSplit.counts(split.validation()) + " (class "
                + c.rareClass() + " kept at " + c.rareFraction() + ", class " + c.unknownClass() + " left out; seed " + seed + ")");
        Path folder = ctx.directory().path().resolve("data").resolve("train");
        TrainingSplit.write(folder, split.train(), split.validation());
        Map<String, Map<String, Object>> runs = new LinkedHashMap<>();
        Map<String, String> about = new LinkedHashMap<>();
        for (int k = 0; k < c.members(); k++) {
            String name = "vae-" + (k + 1);
            runs.put(name, NestedModels.withData(c.vae(), folder, seed + k, "ensemble member " + (k + 1) + " of anomaly-unlikely-unknown", null));
            about.put(name, "VAE with seed " + (seed + k) + " on " + split.train().size() + " training images");
        }
        Comparison models = new Comparison("models.csv", "Ensemble members (their 'test' figures are on this run's validation images)")
                .item("member").about(about).columns(List.of("wall_seconds", "test_mse", "val_mse"));
        models.run(ctx, runs);
        models.requireAllSucceeded(ctx);
        ctx.putMetric("train_seconds", (System.nanoTime() - t0) / 1e9);

        long t1 = System.nanoTime();
        Map<String, ImageSet> sets = new LinkedHashMap<>();
        ImageSet validation = split.validation().head(Math.min(c.validationLimit(), split.validation().size()));
        sets.put("validation", validation);
        sets.put("test", FashionMnist.load(c.dir(), FashionMnist.Split.TEST, c.testLimit()));
        for (OodSet o : sets(c, seed)) {
            sets.put(o.name(), o.load(c.oodLimit()).images());
        }
        List<Path> memberRuns = IntStream.rangeClosed(1, c.members()).mapToObj(k -> ctx.directory().path().resolve("runs").resolve("vae-" + k))
                .toList();
        Map<String, EnsembleScores> ensemble = EnsembleScores.of(memberRuns, validation, sets, seed, new ScoreProgress(ctx, 500));
        ctx.putMetric("score_seconds", (System.nanoTime() - t1) / 1e9);

        EnsembleScores val = ensemble.get("validation");
        int[] valLabels = validation.labels();
        double[] commonVal = IntStream.range(0, valLabels.length).filter(i -> valLabels[i] != c.rareClass()).mapToDouble(i -> val.density()[i])
                .toArray();
        VerdictRule rule = VerdictRule.fit(val, commonVal, c.tailFraction(), c.falseAlarm());
        ResidualFit fit = rule.fit();
        AlarmThreshold tail = rule.unlikely();
        AlarmThreshold unknownAt = rule.unknown();
        Map<String, double[][]> perSet = new LinkedHashMap<>(); // set -> {density, knowledge, spread, combination, corrected}
        ensemble.forEach((set, e) -> perSet.put(set, new double[][] {e.density(), e.knowledge(), e.elboSpread(), rule.combination(e),
                ComplexityCorrection.of(e.density(), PngComplexity.bitsPerDim(sets.get(set)))}));

        UnknownGroups g = UnknownGroups.of(perSet, sets.get("test").labels(), c.rareClass(), c.unknownClass(), tail, c.ood());
        SetScores scores = g.scores(SCORES);
        scores.save(ctx.directory().file("scores.csv"));
        List<PairAurocs.Pair> pairs = List.of(new PairAurocs.Pair("typical_vs_unlikely", "typical", "unlikely"),
                new PairAurocs.Pair("typical_vs_unknown", "typical", "unknown"), new PairAurocs.Pair("unlikely_vs_unknown", "unlikely", "unknown"));
        List<PairAurocs.Pair> subPairs = new ArrayList<>();
        for (String unlikely : List.of(UnknownGroups.RARE, UnknownGroups.TAIL)) {
            for (String unknown : g.unknownSubgroups()) {
                if (scores.labels(unlikely).length > 0 && scores.labels(unknown).length > 0) {
                    subPairs.add(new PairAurocs.Pair(PairAurocs.key(unlikely + "_vs_" + unknown), unlikely, unknown));
                }
            }
        }
        PairAurocs main = PairAurocs.of(scores, pairs, SCORES, c.bootstrap(), c.level(), seed);
        PairAurocs sub = PairAurocs.of(scores, subPairs, SCORES, c.bootstrap(), c.level(), seed + 7);
        main.putMetrics(ctx);
        sub.putMetrics(ctx);
        main.writeCsv(ctx, "auroc.csv");
        sub.writeCsv(ctx, "auroc_subgroups.csv");
        ctx.putMetric("tail_threshold", tail.threshold());
        ctx.putMetric("residual_intercept", fit.a());
        ctx.putMetric("residual_slope", fit.b());
        ctx.putMetric("residual_sd", fit.sd());
        ctx.putMetric("unknown_threshold", unknownAt.threshold());
        g.subgroups().forEach(s -> ctx.putMetric("images_" + PairAurocs.key(s), scores.labels(s).length));
        double goal = main.get("unlikely_vs_unknown", COMBINATION).estimate();
        double densityAlone = main.get("unlikely_vs_unknown", DENSITY).estimate();
        ctx.putMetric("goal_combination_unlikely_vs_unknown_met", goal >= 0.90);

        main.addTable(ctx, "Groups of the test images");
        sub.addTable(ctx, "Subgroups: each kind of unlikely vs each kind of unknown");
        Verdicts verdicts = Verdicts.of(scores, g.subgroups(), rule);
        verdicts.putMetrics(ctx);
        verdicts.addTable(ctx, c.falseAlarm(), c.tailFraction());
        ctx.addReportSection(r -> {
            r.addParagraph(String.format(Locale.ROOT, "Unlikely vs unknown: combination AUROC %.3f, density alone %.3f (goal: combination >= 0.90 "
                    + "where density alone cannot): %s.", goal, densityAlone, goal >= 0.90 ? "met" : "not met"));
            r.addParagraph(String.format(Locale.ROOT, "Combination fitted on %d validation images (known classes only): log10 disagreement = "
                    + "%.4f + %.4f density, residual sd %.4f; tail threshold (top %.0f%% of common-class validation density) %.4f bits/dim.",
                    val.size(), fit.a(), fit.b(), fit.sd(), 100 * c.tailFraction(), tail.threshold()));
        });
        medians(ctx, scores, g.subgroups());
        scatter(ctx, scores, g.subgroups(), fit);
        main.rocCurves(ctx, scores, "");
        PairAurocs.histograms(ctx, scores, g.subgroups(), SCORES, "");
    }

    /** {@code median_<score>_<subgroup>} and a table of the medians and quartiles: where each subgroup lies on each score. */
    private static void medians(RunContext ctx, SetScores s, List<String> subgroups) {
        List<String> rows = new ArrayList<>(List.of("validation"));
        rows.addAll(subgroups);
        List<List<String>> table = new ArrayList<>();
        for (String g : rows) {
            List<String> row = new ArrayList<>(List.of(g, String.valueOf(s.labels(g).length)));
            for (String score : SCORES) {
                double[] v = s.get(g, score).clone();
                if (v.length == 0) {
                    row.add("");
                    continue;
                }
                Arrays.sort(v);
                double q1 = v[(int) Math.floor(0.25 * (v.length - 1))];
                double med = v[(int) Math.round(0.5 * (v.length - 1))];
                double q3 = v[(int) Math.ceil(0.75 * (v.length - 1))];
                ctx.putMetric("median_" + score + "_" + PairAurocs.key(g), med);
                row.add(String.format(Locale.ROOT, "%.3f [%.3f, %.3f]", med, q1, q3));
            }
            table.add(row);
        }
        List<String> header = new ArrayList<>(List.of("subgroup", "images"));
        header.addAll(SCORES);
        ctx.addReportSection(r -> r.addTable("Median [quartiles] of each score per subgroup", header, table));
    }

    private static void scatter(RunContext ctx, SetScores s, List<String> subgroups, ResidualFit fit) throws java.io.IOException {
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        List<Integer> l = new ArrayList<>();
        for (int k = 0; k < subgroups.size(); k++) {
            double[] d = s.get(subgroups.get(k), DENSITY);
            double[] u = s.get(subgroups.get(k), KNOWLEDGE);
            for (int i = 0; i < d.length; i++) {
                x.add(d[i]);
                y.add(u[i]);
                l.add(k);
            }
        }
        Path png = ctx.plot("scatter-density-knowledge.png");
        new ScatterPlot().title("density vs knowledge score per test group").xLabel("density: mean -ELBO, bits/dim")
                .yLabel("knowledge: log10 reconstruction disagreement").size(640, 520)
                .points(x.stream().mapToDouble(Double::doubleValue).toArray(), y.stream().mapToDouble(Double::doubleValue).toArray(),
                        l.stream().mapToInt(Integer::intValue).toArray())
                .classNames(subgroups).savePng(png);
        ctx.addPlot(String.format(Locale.ROOT, "Density (x) vs knowledge (y) score of every test image, coloured by subgroup; the "
                + "validation line of the combination: y = %.3f + %.3f x", fit.a(), fit.b()), png);
    }
}
