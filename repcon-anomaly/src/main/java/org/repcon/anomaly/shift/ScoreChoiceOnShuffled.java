package org.repcon.anomaly.shift;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.repcon.evaluation.roc.Auroc;

/**
 * The score to trust against an unseen shift, chosen without any out-of-distribution or test image: the score whose
 * AUROC of the validation images (normal) vs their patch-shuffled copies ({@link PatchShuffle}: synthetic semantic
 * outliers with the validation images' own pixel values) is highest; ties go to the earlier score of {@code scores}.
 * The {@code best} score of a test pair, by contrast, is chosen on that test pair and so is optimistic.
 *
 * <p>The proxy is only as good as the shuffle is like the real shift: shuffled patches break an object's shape, which
 * reconstruction and likelihood scores notice, while a digit is a smooth, simple image of a different kind. The
 * likelihood ratios' validation AUROCs lean optimistic: their rate was chosen as the best of the candidates on the
 * same comparison ({@link RateChoice}).
 *
 * @param chosen the chosen score's name
 * @param auroc score -> its validation AUROC (validation vs shuffled), in the order given
 */
public record ScoreChoiceOnShuffled(String chosen, Map<String, Double> auroc) {

    /**
     * Chooses among {@code scores}, each of which {@code s} must hold for {@code validation} and {@code shuffled}.
     *
     * @throws IllegalArgumentException if {@code scores} is empty
     */
    public static ScoreChoiceOnShuffled of(SetScores s, String validation, String shuffled, List<String> scores) {
        if (scores.isEmpty()) {
            throw new IllegalArgumentException("give at least one score to choose from");
        }
        Map<String, Double> auroc = new LinkedHashMap<>();
        String best = null;
        double bestAuroc = Double.NEGATIVE_INFINITY;
        for (String score : scores) {
            double a = Auroc.of(s.get(validation, score), s.get(shuffled, score));
            auroc.put(score, a);
            if (a > bestAuroc) {
                bestAuroc = a;
                best = score;
            }
        }
        return new ScoreChoiceOnShuffled(best, auroc);
    }
}
