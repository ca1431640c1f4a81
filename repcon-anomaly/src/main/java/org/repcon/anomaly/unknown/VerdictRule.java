package org.repcon.anomaly.unknown;

import org.repcon.evaluation.roc.AlarmThreshold;

/**
 * The verdict of an image from its density score d and knowledge score u, with every threshold set on validation
 * images (known images held out from training), never on the images judged:
 * <pre>
 * c = (u - a - b d) / s                          the combination: {@link ResidualFit} of u on d over validation
 * unknown   if c > t_unknown                     t_unknown: the (1 - alpha) quantile of the validation c
 * unlikely  else if d > t_unlikely               t_unlikely: the (1 - beta) quantile of the validation d
 * typical   otherwise
 * </pre>
 * so that a fraction alpha of known images is called unknown and about beta of them unlikely (the false-alarm rates).
 *
 * @param fit the combination's line
 * @param unlikely the density threshold
 * @param unknown the combination threshold
 */
public record VerdictRule(ResidualFit fit, AlarmThreshold unlikely, AlarmThreshold unknown) {

    /**
     * Fits the rule.
     *
     * @param validation the scores of the validation images
     * @param tailDensities the density scores the unlikely threshold is set on (the validation densities, or those of
     *     its common classes only)
     * @param beta the false-alarm rate of "unlikely", in (0, 1)
     * @param alpha the false-alarm rate of "unknown", in (0, 1)
     */
    public static VerdictRule fit(EnsembleScores validation, double[] tailDensities, double beta, double alpha) {
        ResidualFit fit = ResidualFit.fit(validation.density(), validation.knowledge());
        return new VerdictRule(fit, AlarmThreshold.at(tailDensities, beta),
                AlarmThreshold.at(fit.combine(validation.density(), validation.knowledge()), alpha));
    }

    /** The combination c of every image; [N]. */
    public double[] combination(EnsembleScores s) {
        return fit.combine(s.density(), s.knowledge());
    }

    /** The verdict of one image from its density and combination scores. */
    public Verdict verdict(double density, double combination) {
        return unknown.flags(combination) ? Verdict.UNKNOWN : unlikely.flags(density) ? Verdict.UNLIKELY : Verdict.TYPICAL;
    }

    /** The verdict of every image; [N]. */
    public Verdict[] verdicts(EnsembleScores s) {
        double[] c = combination(s);
        Verdict[] out = new Verdict[s.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = verdict(s.density()[i], c[i]);
        }
        return out;
    }
}
