package org.repcon.anomaly.experiment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.repcon.anomaly.ScoreNames;
import org.repcon.data.FashionMnist;
import org.repcon.data.ImageSet;
import org.repcon.engine.Engines;
import org.repcon.experiment.Comparison;
import org.repcon.experiment.Experiment;
import org.repcon.experiment.RunContext;
import org.repcon.experiment.RunSettings;
import org.repcon.spec.Spec;

/**
 * The one-class anomaly protocol on Fashion-MNIST (issue 12, item 1): for each normal class c, an AE, a VAE and a
 * pixel diffusion model are trained on the training images of c only (minus a seeded validation split), as nested
 * {@code autoencoder} and {@code diffusion} runs in {@code runs/class<c>-<model>/}; the validation images of c and the
 * test images are scored with every score of {@link org.repcon.anomaly.ScoreNames} (fits on validation only; the test
 * images are scored once, in {@code scores/class<c>.csv}). {@code transform_nll} and {@code transform_dirichlet} need
 * no nested run: GEOM's transformation classifier ({@link org.repcon.anomaly.transform.TransformClassifier}, config
 * {@code transform:}) is trained on the same training images of c as the AE, in this run, and scores the same images
 * (the Dirichlet parameters fitted on the validation images); a scores file without their columns (a run begun before
 * they existed) gains them on resume, the other columns reused as they are. The AUROC of each score with c as normal and the other
 * classes as anomalies comes with a stratified bootstrap interval, and the mean over classes with the interval of the
 * replicate means.
 *
 * <p>Metrics: {@code auroc_<score>_class<c>} (+ {@code _ci_low}, {@code _ci_high}), {@code auroc_<score>_mean} (+ the
 * same), {@code best_score}, {@code auroc_best_mean}, {@code train_seconds_class<c>_<model>} (the nested run's training;
 * {@code _transform}: the transformation classifier's, with {@code scoring_seconds_class<c>_transform},
 * {@code transform_steps_class<c>}, {@code transform_training_nll_class<c>}, {@code transform_validation_nll_class<c>}:
 * {@link TransformFigures}),
 * {@code scoring_seconds_class<c>} (all scores of the nested models and PNG, kept in {@code scores/} for a resumed run), {@code test_images_<score>} (the first n test
 * images a score covers: all but the diffusion bound's), {@code false_alarm_<score>_class<c>} and
 * {@code detection_<score>_class<c>} (and {@code _mean}) of the threshold set at {@code evaluation.false_alarm_rate} on
 * the validation images. Files: {@code auroc.csv} (per class,
 * per score), {@code auroc_intervals.csv}, {@code scores/}, {@code report.html} with the table, ROC curves, histograms
 * and the most and least anomalous test images per class.
 */
public final class AnomalyOneClassExperiment implements Experiment<AnomalyOneClassConfig> {
    /** The validation share the nested runs carve from their (already class-only) training folder for their own use. */
    static final double NESTED_VALIDATION = 0.02;

    @Override
    public String name() {
        return "anomaly-one-class";
    }

    @Override
    public String description() {
        return "One-class anomaly detection on Fashion-MNIST: per class, AE, VAE and diffusion trained on that class; AUROC "
                + "(bootstrap intervals) of reconstruction, ELBO, bits/dim, de-noising, MSMA, complexity-corrected and GEOM "
                + "transformation-prediction scores";
    }

    @Override
    public AnomalyOneClassConfig configure(Spec spec) {
        return AnomalyOneClassConfig.read(spec, RunSettings.seed(spec), RunSettings.threads(spec));
    }

    @Override
    public void checkInputs(AnomalyOneClassConfig c) {
        FashionMnist.check(c.dir());
    }

    @Override
    public void run(AnomalyOneClassConfig c, RunContext ctx) throws Exception {
        Engines.start();
        long seed = ctx.seed();
        ImageSet trainAll = FashionMnist.load(c.dir(), FashionMnist.Split.TRAIN, 0);
        ImageSet test = FashionMnist.load(c.dir(), FashionMnist.Split.TEST, c.testLimit());
        ctx.provenance().putData("test", test.size() + " test images of " + c.dir() + " (data.test_limit " + c.testLimit() + ")");
        List<ClassScores> scored = new ArrayList<>();
        int k = 0;
        for (int cls : c.classes()) {
            k++;
            String label = String.format(Locale.ROOT, "class %d/%d (%d, %s)", k, c.classes().size(), cls, FashionMnist.CLASS_NAMES.get(cls));
            ClassSplit split = ClassSplit.of(trainAll, cls, c.trainLimit(), c.validationFraction(), c.outliersPerClass(), seed);
            Path folder = ctx.directory().path().resolve("data").resolve("class" + cls);
            split.write(folder);
            ctx.provenance().putData("class" + cls, split.train().size() + " training / " + split.validation().size()
                    + " validation images of class " + cls + " (seed " + seed + ", data.validation_fraction " + c.validationFraction() + "), "
                    + split.outliers().size() + " validation outliers (training images of the other classes, data.validation_outliers "
                    + c.outliersPerClass() + " per class)");
            Map<String, Map<String, Object>> runs = new LinkedHashMap<>();
            Map<String, String> about = new LinkedHashMap<>();
            for (String model : AnomalyOneClassConfig.MODELS) {
                String name = "class" + cls + "-" + model;
                runs.put(name, ModelSpecs.withData(c.models().get(model), folder, NESTED_VALIDATION,
                        ctx.directory().path().resolve("cache")));
                about.put(name, model + " on the " + split.train().size() + " training images of " + label);
            }
            Comparison models = new Comparison("models-class" + cls + ".csv", "Models of normal class " + cls).item("model").about(about)
                    .columns(List.of("train_seconds", "wall_seconds", "test_mse", "validation_eps_mse", "test_eps_mse"));
            Map<String, Map<String, Object>> trained = models.run(ctx, runs);
            models.requireAllSucceeded(ctx);
            trained.forEach((name, m) -> {
                Object seconds = m.containsKey("train_seconds") ? m.get("train_seconds") : m.get("wall_seconds");
                ctx.putMetric("train_seconds_" + name.replace('-', '_'), seconds);
            });
            Path scoresFile = ctx.directory().file("scores/class" + cls + ".csv");
            ClassScores cs = ClassScores.load(scoresFile, cls, test.size(), split.outliers().size());
            Path secondsFile = ctx.directory().file("scores/class" + cls + "-seconds.txt");
            if (cs == null) {
                long t0 = System.nanoTime();
                Path nested = ctx.directory().path().resolve("runs");
                ctx.log(label + ": scoring " + split.validation().size() + " validation images, " + split.outliers().size()
                        + " validation outliers and " + test.size() + " test images");
                cs = new Scoring(c, ctx, label).score(cls, nested.resolve("class" + cls + "-ae"), nested.resolve("class" + cls + "-vae"),
                        nested.resolve("class" + cls + "-diffusion"), split.validation(), split.outliers(), test, seed);
                cs.save(scoresFile);
                org.repcon.io.AtomicFiles.write(secondsFile, Double.toString((System.nanoTime() - t0) / 1e9).getBytes(
                        java.nio.charset.StandardCharsets.UTF_8));
            }
            Path transformFile = ctx.directory().file("scores/class" + cls + "-transform.properties");
            if (!cs.has(ScoreNames.TRANSFORM_NLL) || !cs.has(ScoreNames.TRANSFORM_DIRICHLET)) { // also an older run's scores file
                Scoring.TransformScores ts = new Scoring(c, ctx, label).transform(split.train(), split.validation(), split.outliers(), test, seed);
                TransformFigures.of(ts).write(transformFile);
                cs = cs.with(ScoreNames.TRANSFORM_NLL, ts.validationNll(), ts.outlierNll(), ts.testNll())
                        .with(ScoreNames.TRANSFORM_DIRICHLET, ts.validationDirichlet(), ts.outlierDirichlet(), ts.testDirichlet());
                cs.save(scoresFile);
            }
            scored.add(cs);
            if (java.nio.file.Files.isRegularFile(secondsFile)) {
                ctx.putMetric("scoring_seconds_class" + cls, Double.parseDouble(java.nio.file.Files.readString(secondsFile).strip()));
            }
            if (java.nio.file.Files.isRegularFile(transformFile)) {
                TransformFigures.read(transformFile).putMetrics(ctx, cls);
            }
        }
        ScoreChoice choice = ScoreChoice.of(scored);
        if (choice != null) {
            scored = choice.withCombined(scored);
        } else {
            ctx.log("no validation outliers (data.validation_outliers 0, or scores of an older run): no score chosen on validation data, "
                    + "no combination");
        }
        AurocResults results = AurocResults.of(scored, c.bootstrap(), c.level(), seed);
        results.putMetrics(ctx);
        if (choice != null) {
            choice.put(ctx, results, scored.get(0).outlierLabels().length);
        }
        results.write(ctx);
        List<String> names = new ArrayList<>(results.mean().keySet());
        Map<String, Integer> testImages = new LinkedHashMap<>();
        for (String name : names) {
            testImages.put(name, scored.get(0).test().get(name).length);
            ctx.putMetric("test_images_" + name, testImages.get(name));
        }
        results.addTable(ctx, FashionMnist.CLASS_NAMES, testImages);
        AlarmRates.put(ctx, scored, names, c.falseAlarmRate());
        AnomalyPlots.rocCurves(ctx, scored, names);
        AnomalyPlots.histograms(ctx, scored, names);
        AnomalyPlots.extremes(ctx, scored, choice != null ? choice.chosen() : results.best(), test, c.extremes());
    }
}
