package org.repcon.anomaly.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.repcon.anomaly.ScoreCombination;
import org.repcon.anomaly.ScoreNames;
import org.repcon.evaluation.roc.Auroc;
import org.repcon.experiment.RunContext;

/**
 * The score chosen on validation data, before any test image counts: for every score with validation scores of both
 * the normal class and the validation outliers (training images of the other classes, {@link ClassSplit}), its
 * validation AUROC (normal validation images vs outliers) per class and its mean over the classes. The scores are
 * ranked by that mean; {@link ScoreNames#COMBINED} is the {@link ScoreCombination} (fitted per class on that class's
 * normal validation images) of the top k for the k in 2..K with the highest mean validation AUROC (the smaller k on a
 * tie). The chosen score is the one, single or combined, with the highest mean validation AUROC: the test images enter
 * only after it is fixed, and its test AUROC is the experiment's headline.
 *
 * @param validationAuroc score -> class -> validation AUROC (the combination included)
 * @param validationMean score -> mean over classes, best first
 * @param members the combination's members, best single score first (empty if fewer than 2 scores qualify)
 * @param chosen the chosen score's name
 */
record ScoreChoice(Map<String, Map<Integer, Double>> validationAuroc, Map<String, Double> validationMean, List<String> members, String chosen) {

    /** The choice over {@code classes}; null if some class has no validation outliers (none asked for, or an old run). */
    static ScoreChoice of(List<ClassScores> classes) {
        List<String> names = new ArrayList<>(AurocResults.scoreNames(classes));
        names.remove(ScoreNames.COMBINED);
        names.removeIf(n -> classes.stream().anyMatch(cs -> !cs.hasValidationPair(n)));
        if (names.isEmpty()) {
            return null;
        }
        Map<String, Map<Integer, Double>> perClass = new LinkedHashMap<>();
        Map<String, Double> mean = new LinkedHashMap<>();
        for (String name : names) {
            Map<Integer, Double> row = new LinkedHashMap<>();
            classes.forEach(cs -> row.put(cs.normalClass(), Auroc.of(cs.validation().get(name), cs.outliers().get(name))));
            perClass.put(name, row);
            mean.put(name, average(row));
        }
        List<String> ranked = new ArrayList<>(names);
        ranked.sort((a, b) -> Double.compare(mean.get(b), mean.get(a)));
        List<String> members = List.of();
        for (int k = 2; k <= ranked.size(); k++) {
            List<String> top = List.copyOf(ranked.subList(0, k));
            Map<Integer, Double> row = new LinkedHashMap<>();
            for (ClassScores cs : classes) {
                ScoreCombination comb = ScoreCombination.fit(top, cs.validation());
                row.put(cs.normalClass(), Auroc.of(comb.score(cs.validation()), comb.score(cs.outliers())));
            }
            double a = average(row);
            if (members.isEmpty() || a > mean.get(ScoreNames.COMBINED)) {
                members = top;
                perClass.put(ScoreNames.COMBINED, row);
                mean.put(ScoreNames.COMBINED, a);
            }
        }
        Map<String, Double> sorted = new LinkedHashMap<>();
        mean.entrySet().stream().sorted((a, b) -> Double.compare(b.getValue(), a.getValue())).forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return new ScoreChoice(perClass, sorted, members, sorted.keySet().iterator().next());
    }

    /** Every class's scores with the {@link ScoreNames#COMBINED} column (validation, outliers, test) added. */
    List<ClassScores> withCombined(List<ClassScores> classes) {
        if (members.isEmpty()) {
            return classes;
        }
        List<ClassScores> out = new ArrayList<>();
        for (ClassScores cs : classes) {
            ScoreCombination comb = ScoreCombination.fit(members, cs.validation());
            out.add(cs.with(ScoreNames.COMBINED, comb.score(cs.validation()), comb.score(cs.outliers()), comb.score(cs.test())));
        }
        return out;
    }

    private static double average(Map<Integer, Double> row) {
        return row.values().stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    /**
     * Metrics {@code validation_auroc_<score>_mean}, {@code validation_auroc_<score>_class<c>}, {@code combined_members}
     * (names joined by '+'), {@code chosen_score}, and the chosen score's test AUROC {@code auroc_chosen_mean} (with
     * {@code _ci_low}, {@code _ci_high}); a report table of the validation AUROCs.
     */
    void put(RunContext ctx, AurocResults test, int outliers) {
        validationAuroc.forEach((name, row) -> row.forEach((c, a) -> ctx.putMetric("validation_auroc_" + name + "_class" + c, a)));
        validationMean.forEach((name, a) -> ctx.putMetric("validation_auroc_" + name + "_mean", a));
        ctx.putMetric("combined_members", String.join("+", members));
        ctx.putMetric("chosen_score", chosen);
        var ci = test.mean().get(chosen);
        ctx.putMetric("auroc_chosen_mean", ci.estimate());
        ctx.putMetric("auroc_chosen_mean_ci_low", ci.lower());
        ctx.putMetric("auroc_chosen_mean_ci_high", ci.upper());
        List<List<String>> rows = new ArrayList<>();
        validationMean.forEach((name, a) -> rows.add(List.of(name + (name.equals(chosen) ? " (chosen)" : ""), String.format(Locale.ROOT,
                "%.1f", 100 * a), String.format(Locale.ROOT, "%.1f [%.1f, %.1f]", 100 * test.mean().get(name).estimate(),
                100 * test.mean().get(name).lower(), 100 * test.mean().get(name).upper()))));
        ctx.addReportSection(r -> {
            r.addTable("The score chosen on validation data: mean over classes of the validation AUROC x 100 (the class's validation "
                    + "images vs " + outliers + " validation outliers, training images of the other classes), and then the test AUROC",
                    List.of("score", "validation AUROC", "test AUROC [interval]"), rows);
            r.addParagraph(String.format(Locale.ROOT, "Chosen on validation: %s%s, test mean AUROC %.1f [%.1f, %.1f] (target of issue 12: "
                    + ">= 94.0).", chosen, chosen.equals(ScoreNames.COMBINED) ? " (" + String.join(" + ", members) + ", standardised on "
                    + "the normal validation images)" : "", 100 * ci.estimate(), 100 * ci.lower(), 100 * ci.upper()));
        });
    }
}
