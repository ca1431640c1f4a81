package org.repcon.anomaly.shift;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.repcon.anomaly.ScoreNames;
import org.repcon.anomaly.ScoreProgress;
import org.repcon.data.FashionMnist;
import org.repcon.data.ImageSet;
import org.repcon.data.ood.OodImages;
import org.repcon.data.ood.OodSet;
import org.repcon.data.ood.OodSets;
import org.repcon.engine.Engines;
import org.repcon.evaluation.roc.AurocInterval;
import org.repcon.experiment.Comparison;
import org.repcon.experiment.Experiment;
import org.repcon.experiment.RunContext;
import org.repcon.experiment.RunSettings;
import org.repcon.spec.Spec;

/**
 * Data-set shift (issue 12, item 2): an AE, a VAE and a pixel diffusion model trained on Fashion-MNIST (all classes,
 * minus a seeded validation split) as nested runs in {@code runs/}, plus background models (a VAE and a diffusion model
 * per candidate rate mu, trained on the same images with pixels replaced by uniform noise at rate mu,
 * {@link BackgroundPerturbation}); the Fashion-MNIST test images (in-distribution, "normal") and each
 * out-of-distribution set are scored with every score of {@link ShiftScoring}, and each score's AUROC of test vs OOD
 * set comes with a bootstrap interval. Every fit and the rate mu ({@link RateChoice}) use validation images only.
 *
 * <p>Metrics: {@code auroc_<score>_<set>} (+ {@code _ci_low}, {@code _ci_high}), {@code mean_<score>_<set>},
 * {@code best_score_<set>} and {@code auroc_best_<set>} (chosen on the test pair: optimistic), {@code chosen_score} with
 * {@code validation_auroc_<score>} and {@code auroc_chosen_<set>} ({@link ScoreChoiceOnShuffled}: chosen without any
 * out-of-distribution image), {@code background_rate_<family>} with
 * {@code rate_auroc_<family>_mu<rate>}, {@code raw_likelihood_prefers_mnist_<family>} (AUROC of the raw likelihood vs
 * MNIST below 0.5). Files: {@code scores.csv}, {@code auroc.csv}, {@code models.csv}, {@code report.html} with the
 * table, the ROC curves per OOD set and histograms per score.
 */
public final class AnomalyShiftExperiment implements Experiment<AnomalyShiftConfig> {
    static final String IN_DISTRIBUTION = "fashion-mnist";

    @Override
    public String name() {
        return "anomaly-shift";
    }

    @Override
    public String description() {
        return "Data-set shift: AE, VAE and diffusion trained on Fashion-MNIST; AUROC (bootstrap intervals) of raw likelihoods, "
                + "reconstruction, de-noising, MSMA, complexity-corrected and background-ratio scores against MNIST, flipped images and noise";
    }

    @Override
    public AnomalyShiftConfig configure(Spec spec) {
        return AnomalyShiftConfig.read(spec, RunSettings.seed(spec), RunSettings.threads(spec));
    }

    @Override
    public void checkInputs(AnomalyShiftConfig c) {
        FashionMnist.check(c.dir());
        sets(c, 1).forEach(OodSet::check);
    }

    private static List<OodSet> sets(AnomalyShiftConfig c, long seed) {
        return OodSets.builder().setFashionDir(c.dir()).optMnistDir(c.mnistDir()).optSeed(seed).optNoiseCount(c.testLimit()).build()
                .parseAll(c.ood());
    }

    /** The families with a background model: the VAE, and the diffusion model when its bits/dim are scored. */
    static List<String> backgroundFamilies(AnomalyShiftConfig c) {
        return c.bitsPerDim() ? List.of("vae", "diffusion") : List.of("vae");
    }

    /** The folder-name part of a rate: mu 0.2 -> "mu020". */
    static String rateName(double rate) {
        return String.format(Locale.ROOT, "mu%03d", Math.round(rate * 100));
    }

    @Override
    public void run(AnomalyShiftConfig c, RunContext ctx) throws Exception {
        Engines.start();
        long seed = ctx.seed();
        long t0 = System.nanoTime();
        TrainingSplit split = TrainingSplit.of(FashionMnist.load(c.dir(), FashionMnist.Split.TRAIN, 0), c.trainLimit(), Map.of(),
                c.validationFraction(), seed);
        ctx.provenance().putData("training", split.train().size() + " training / " + split.validation().size() + " validation images of "
                + c.dir() + " (data.train_limit " + c.trainLimit() + ", data.validation_fraction " + c.validationFraction() + ", seed " + seed + ")");
        Path data = ctx.directory().path().resolve("data");
        TrainingSplit.write(data.resolve("train"), split.train(), split.validation());
        Path cache = ctx.directory().path().resolve("cache");
        Map<String, Map<String, Object>> runs = new LinkedHashMap<>();
        Map<String, String> about = new LinkedHashMap<>();
        for (String m : NestedModels.names()) {
            if (!c.existing().containsKey(m)) {
                runs.put(m, NestedModels.withData(c.models().get(m), data.resolve("train"), seed, m + " of anomaly-shift (all classes)", cache));
                about.put(m, m + " on " + split.train().size() + " Fashion-MNIST training images");
            }
        }
        for (double rate : c.rates()) {
            String folder = "background-" + rateName(rate);
            long s = seed ^ 0x4247L ^ Double.doubleToLongBits(rate);
            TrainingSplit.write(data.resolve(folder), BackgroundPerturbation.apply(split.train(), rate, s),
                    BackgroundPerturbation.apply(split.validation(), rate, s + 1));
            for (String m : backgroundFamilies(c)) {
                String name = m + "-bg-" + rateName(rate);
                if (c.existing().containsKey(name)) {
                    continue;
                }
                runs.put(name, NestedModels.withData(c.models().get(m), data.resolve(folder), seed, "background " + m + " of anomaly-shift, "
                        + "pixels replaced by uniform noise at rate " + rate, cache));
                about.put(name, "background " + m + ": training images with pixels replaced at rate mu " + rate);
            }
        }
        Comparison models = new Comparison("models.csv", "Nested models (their 'test' figures are on this run's validation images)")
                .item("model").about(about).columns(List.of("train_seconds", "wall_seconds", "test_mse", "validation_eps_mse", "test_eps_mse"));
        models.run(ctx, runs);
        models.requireAllSucceeded(ctx);
        double trainSeconds = (System.nanoTime() - t0) / 1e9;

        Path nested = ctx.directory().path().resolve("runs");
        Map<String, Path> main = new LinkedHashMap<>();
        NestedModels.names().forEach(m -> main.put(m, c.existing().getOrDefault(m, nested.resolve(m))));
        c.existing().forEach((m, p) -> ctx.provenance().putData("existing-" + m, "the " + m + " of " + p + " (not trained here; its "
                + "training images may include this run's validation images)"));
        Map<String, Map<Double, Path>> background = new LinkedHashMap<>();
        for (String m : backgroundFamilies(c)) {
            Map<Double, Path> r = new LinkedHashMap<>();
            c.rates().forEach(rate -> r.put(rate, c.existing().getOrDefault(m + "-bg-" + rateName(rate), nested.resolve(m + "-bg-" + rateName(rate)))));
            background.put(m, r);
        }

        ImageSet validation = split.validation().head(Math.min(c.validationLimit(), split.validation().size()));
        Map<String, ImageSet> sets = new LinkedHashMap<>();
        sets.put(IN_DISTRIBUTION, FashionMnist.load(c.dir(), FashionMnist.Split.TEST, c.testLimit()));
        for (OodSet o : sets(c, seed)) {
            OodImages oi = o.load(c.testLimit());
            sets.put(o.name(), oi.images());
            ctx.provenance().putData("ood-" + PairAurocs.key(o.name()), oi.images().size() + " images of " + o.name()
                    + (oi.conversions().isEmpty() ? "" : "; " + String.join("; ", oi.conversions())));
        }
        ctx.log(String.format(Locale.ROOT, "scoring %d validation images (and their shuffled copies) and %s", validation.size(),
                sets.entrySet().stream().map(e -> e.getValue().size() + " " + e.getKey()).reduce((a, b) -> a + ", " + b).orElse("")));
        long t1 = System.nanoTime();
        ShiftScoring scoring = new ShiftScoring(c, new ScoreProgress(ctx, c.chunk()), seed);
        SetScores scores = scoring.score(new ShiftScoring.Runs(main, background), validation, sets);
        scores.save(ctx.directory().file("scores.csv"));
        ctx.putMetric("train_seconds", trainSeconds);
        ctx.putMetric("score_seconds", (System.nanoTime() - t1) / 1e9);

        List<String> names = ShiftScoring.ORDER.stream().filter(scores.scoreNames()::contains).toList();
        List<PairAurocs.Pair> pairs = new ArrayList<>();
        for (String set : sets.keySet()) {
            if (!set.equals(IN_DISTRIBUTION)) {
                pairs.add(new PairAurocs.Pair(PairAurocs.key(set), IN_DISTRIBUTION, set));
            }
        }
        PairAurocs results = PairAurocs.of(scores, pairs, names, c.bootstrap(), c.level(), seed);
        results.putMetrics(ctx);
        results.writeCsv(ctx, "auroc.csv");
        for (PairAurocs.Pair p : pairs) {
            String best = results.best(p.key());
            ctx.putMetric("best_score_" + p.key(), best);
            ctx.putMetric("auroc_best_" + p.key(), results.get(p.key(), best).estimate());
        }
        ScoreChoiceOnShuffled chosen = ScoreChoiceOnShuffled.of(scores, ShiftScoring.VALIDATION, ShiftScoring.SHUFFLED, names);
        chosen.auroc().forEach((n, a) -> ctx.putMetric("validation_auroc_" + n, a));
        ctx.putMetric("chosen_score", chosen.chosen());
        for (PairAurocs.Pair p : pairs) {
            AurocInterval a = results.get(p.key(), chosen.chosen());
            ctx.putMetric("auroc_chosen_" + p.key(), a.estimate());
            ctx.putMetric("auroc_chosen_" + p.key() + "_ci_low", a.lower());
            ctx.putMetric("auroc_chosen_" + p.key() + "_ci_high", a.upper());
        }
        for (String set : scores.sets()) {
            for (String n : names) {
                ctx.putMetric("mean_" + n + "_" + PairAurocs.key(set), Arrays.stream(scores.get(set, n)).average().orElse(Double.NaN));
            }
        }
        scoring.choices.forEach((family, ch) -> {
            ctx.putMetric("background_rate_" + family, ch.chosen());
            ch.auroc().forEach((rate, a) -> ctx.putMetric("rate_auroc_" + family + "_" + rateName(rate), a));
        });
        results.addTable(ctx, "Fashion-MNIST test (normal) vs each out-of-distribution set");
        addFindings(ctx, c, results, chosen, scoring.choices);
        results.rocCurves(ctx, scores, "");
        List<String> shown = new ArrayList<>(List.of(ShiftScoring.VALIDATION, IN_DISTRIBUTION));
        pairs.forEach(p -> shown.add(p.anomalous()));
        PairAurocs.histograms(ctx, scores, shown, names, "");
    }

    private static void addFindings(RunContext ctx, AnomalyShiftConfig c, PairAurocs r, ScoreChoiceOnShuffled chosen,
            Map<String, RateChoice> choices) {
        List<String> lines = new ArrayList<>();
        if (r.table().containsKey("mnist")) {
            for (String[] raw : new String[][] {{"vae", ScoreNames.VAE_NEG_ELBO}, {"diffusion", ScoreNames.DIFF_BITS_PER_DIM}}) {
                if (r.scores().contains(raw[1])) {
                    AurocInterval a = r.get("mnist", raw[1]);
                    boolean prefers = a.estimate() < 0.5;
                    ctx.putMetric("raw_likelihood_prefers_mnist_" + raw[0], prefers);
                    lines.add(String.format(Locale.ROOT, "Raw likelihood of the %s (%s) vs MNIST: AUROC %.3f [%.3f, %.3f]: %s", raw[0], raw[1],
                            a.estimate(), a.lower(), a.upper(), prefers ? "the model finds MNIST digits MORE likely than Fashion-MNIST test "
                                    + "images (Nalisnick et al. 2019)" : "MNIST is found less likely"));
                }
            }
            String best = r.best("mnist");
            AurocInterval a = r.get("mnist", best);
            lines.add(String.format(Locale.ROOT, "Best score vs MNIST: %s, AUROC %.3f [%.3f, %.3f] (target of issue 12: >= 0.99; %s; "
                    + "the best of %d scores on this test pair, so optimistic)", best, a.estimate(), a.lower(), a.upper(),
                    a.estimate() >= 0.99 ? "met" : "not met", r.scores().size()));
        }
        List<String> perSet = new ArrayList<>();
        for (PairAurocs.Pair p : r.pairs()) {
            AurocInterval a = r.get(p.key(), chosen.chosen());
            perSet.add(String.format(Locale.ROOT, "%s %.3f [%.3f, %.3f]", p.anomalous(), a.estimate(), a.lower(), a.upper()));
        }
        lines.add(String.format(Locale.ROOT, "Score chosen without any out-of-distribution image (highest AUROC of the validation images vs "
                + "their %dx%d patch-shuffled copies): %s; its AUROC vs %s. Validation AUROC per score: %s", c.patchGrid(), c.patchGrid(),
                chosen.chosen(), String.join(", ", perSet), chosen.auroc().entrySet().stream()
                        .map(e -> String.format(Locale.ROOT, "%s %.3f", e.getKey(), e.getValue())).reduce((x, y) -> x + ", " + y).orElse("")));
        choices.forEach((family, ch) -> lines.add(String.format(Locale.ROOT, "Background %s: rate mu = %s chosen on validation (AUROC of the "
                + "ratio, validation images vs their %dx%d patch-shuffled copies, per rate: %s)", family, ch.chosen(), c.patchGrid(), c.patchGrid(),
                ch.auroc().entrySet().stream().map(e -> String.format(Locale.ROOT, "%s: %.3f", e.getKey(), e.getValue()))
                        .reduce((x, y) -> x + ", " + y).orElse(""))));
        ctx.addReportSection(rep -> lines.forEach(rep::addParagraph));
    }
}
