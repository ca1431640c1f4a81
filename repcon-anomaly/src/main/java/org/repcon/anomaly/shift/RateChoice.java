package org.repcon.anomaly.shift;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.repcon.evaluation.roc.Auroc;

/**
 * The background model's perturbation rate mu, chosen on in-distribution validation data only. Rule: for every
 * candidate rate, the likelihood-ratio score ({@link LikelihoodRatio}) of the validation images and of their
 * patch-shuffled copies ({@link PatchShuffle}: synthetic semantic outliers with the validation images' own pixel
 * values) is computed; the chosen rate is the one whose ratio separates the two best (highest AUROC, shuffled copies
 * anomalous); ties go to the smaller rate. No out-of-distribution or test image is looked at.
 *
 * @param chosen the rate
 * @param auroc rate -> validation AUROC (validation vs shuffled validation) of the ratio at that rate
 */
public record RateChoice(double chosen, Map<Double, Double> auroc) {

    /**
     * Chooses among {@code rates}.
     *
     * @param modelValidation bits/dim of the validation images under the data model
     * @param modelShuffled the same of their shuffled copies
     * @param background rate -> {validation bits/dim, shuffled bits/dim} under the background model of that rate
     */
    public static RateChoice choose(List<Double> rates, double[] modelValidation, double[] modelShuffled, Map<Double, double[][]> background) {
        if (rates.isEmpty()) {
            throw new IllegalArgumentException("give at least one perturbation rate to choose from");
        }
        Map<Double, Double> auroc = new LinkedHashMap<>();
        double best = Double.NaN;
        double bestAuroc = Double.NEGATIVE_INFINITY;
        for (double rate : rates.stream().sorted().toList()) {
            double[][] bg = background.get(rate);
            if (bg == null) {
                throw new IllegalArgumentException("no background scores for the rate " + rate);
            }
            double a = Auroc.of(LikelihoodRatio.score(modelValidation, bg[0]), LikelihoodRatio.score(modelShuffled, bg[1]));
            auroc.put(rate, a);
            if (a > bestAuroc) {
                bestAuroc = a;
                best = rate;
            }
        }
        return new RateChoice(best, auroc);
    }
}
