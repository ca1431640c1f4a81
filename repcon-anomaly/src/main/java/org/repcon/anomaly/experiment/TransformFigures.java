package org.repcon.anomaly.experiment;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import org.repcon.experiment.RunContext;
import org.repcon.io.AtomicFiles;

/**
 * The figures of one class's transformation classifier besides its scores, kept in {@code scores/class<c>-transform.properties}
 * next to the scores file (written before the scores file gains the {@code transform_nll} column), so that a resumed
 * run reports them without training again. Metrics: {@code train_seconds_class<c>_transform},
 * {@code scoring_seconds_class<c>_transform}, {@code transform_steps_class<c>}, {@code transform_training_nll_class<c>}
 * (mean cross-entropy of the last epoch's steps), {@code transform_validation_nll_class<c>} (the validation images' mean
 * {@code transform_nll}: the held-out cross-entropy that settings are chosen on), {@code transform_chosen_epochs_class<c>}
 * (the epochs of the state kept, chosen on the validation AUROC; absent if there was no choice).
 */
record TransformFigures(double trainSeconds, double scoringSeconds, long steps, double trainingNll, double validationNll, double chosenEpochs) {

    static TransformFigures of(Scoring.TransformScores s) {
        return new TransformFigures(s.trainSeconds(), s.scoringSeconds(), s.steps(), s.trainingCrossEntropy(), s.validationCrossEntropy(),
                s.chosenEpochs());
    }

    void write(Path file) throws IOException {
        String text = String.format(Locale.ROOT, "train_seconds=%.17g%nscoring_seconds=%.17g%nsteps=%d%ntraining_nll=%.17g%n"
                + "validation_nll=%.17g%nchosen_epochs=%.17g%n", trainSeconds, scoringSeconds, steps, trainingNll, validationNll, chosenEpochs);
        Files.createDirectories(file.toAbsolutePath().getParent());
        AtomicFiles.write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    static TransformFigures read(Path file) throws IOException {
        Properties p = new Properties();
        p.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
        try {
            return new TransformFigures(Double.parseDouble(p.getProperty("train_seconds")), Double.parseDouble(p.getProperty("scoring_seconds")),
                    Long.parseLong(p.getProperty("steps")), Double.parseDouble(p.getProperty("training_nll")),
                    Double.parseDouble(p.getProperty("validation_nll")), Double.parseDouble(p.getProperty("chosen_epochs", "NaN")));
        } catch (NullPointerException | NumberFormatException e) {
            throw new IOException(file + " is damaged (" + e.getMessage() + "); delete it and scores/ of that class to score again", e);
        }
    }

    void putMetrics(RunContext ctx, int cls) {
        ctx.putMetric("train_seconds_class" + cls + "_transform", trainSeconds);
        ctx.putMetric("scoring_seconds_class" + cls + "_transform", scoringSeconds);
        ctx.putMetric("transform_steps_class" + cls, steps);
        ctx.putMetric("transform_training_nll_class" + cls, trainingNll);
        ctx.putMetric("transform_validation_nll_class" + cls, validationNll);
        if (!Double.isNaN(chosenEpochs)) {
            ctx.putMetric("transform_chosen_epochs_class" + cls, chosenEpochs);
        }
    }
}
