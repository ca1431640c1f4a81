package org.repcon.anomaly.shift;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.repcon.anomaly.ComplexityCorrection;
import org.repcon.anomaly.CrossFit;
import org.repcon.anomaly.DenoisingScore;
import org.repcon.anomaly.GaussianDensity;
import org.repcon.anomaly.NegativeElbo;
import org.repcon.anomaly.NoiseNorms;
import org.repcon.anomaly.ReconstructionError;
import org.repcon.anomaly.ScoreNames;
import org.repcon.anomaly.ScoreProgress;
import org.repcon.autoencoders.experiment.TrainedAutoencoder;
import org.repcon.data.ImageSet;
import org.repcon.diffusion.TrainedDiffusion;
import org.repcon.evaluation.PngComplexity;

/**
 * Scores the validation images, their patch-shuffled copies and every evaluation set with every score of
 * {@code anomaly-shift}: those of {@link ScoreNames} plus the likelihood ratios {@link #VAE_LIKELIHOOD_RATIO} and
 * {@link #DIFF_LIKELIHOOD_RATIO}. Fits (VAE decoder scales, de-noising standardisation, MSMA density) and the
 * background rate ({@link RateChoice}) use the validation images (and their shuffled copies) only; the validation
 * images' own MSMA scores are out-of-fold ({@link CrossFit}).
 */
final class ShiftScoring {
    /** -ELBO bits/dim of the VAE minus that of the background VAE. */
    static final String VAE_LIKELIHOOD_RATIO = "vae_likelihood_ratio";
    /** Bits/dim of the diffusion model minus that of the background diffusion model. */
    static final String DIFF_LIKELIHOOD_RATIO = "diff_likelihood_ratio";
    /** Every score, in table order: each family's raw likelihood, its complexity correction and its ratio together. */
    static final List<String> ORDER = List.of(ScoreNames.AE_RECON_MSE, ScoreNames.VAE_NEG_ELBO, ScoreNames.VAE_COMPLEXITY_CORRECTED,
            VAE_LIKELIHOOD_RATIO, ScoreNames.DIFF_BITS_PER_DIM, ScoreNames.DIFF_COMPLEXITY_CORRECTED, DIFF_LIKELIHOOD_RATIO,
            ScoreNames.DIFF_DENOISE_MSE, ScoreNames.MSMA, ScoreNames.PNG_BITS_PER_DIM);
    static final String VALIDATION = "validation";
    static final String SHUFFLED = "validation-shuffled";

    /** Where each model's run is: model name (ae, vae, diffusion) -> run; background: family -> rate -> run. */
    record Runs(Map<String, Path> models, Map<String, Map<Double, Path>> background) {}

    private final AnomalyShiftConfig c;
    private final ScoreProgress progress;
    private final long seed;
    final Map<String, RateChoice> choices = new LinkedHashMap<>();

    ShiftScoring(AnomalyShiftConfig c, ScoreProgress progress, long seed) {
        this.c = c;
        this.progress = progress;
        this.seed = seed;
    }

    /** Scores {@code validation}, its shuffled copy ({@link #SHUFFLED}) and {@code sets} (name -> images, in order). */
    SetScores score(Runs runs, ImageSet validation, Map<String, ImageSet> sets) {
        Map<String, ImageSet> all = new LinkedHashMap<>();
        all.put(VALIDATION, validation);
        all.put(SHUFFLED, PatchShuffle.apply(validation, c.patchGrid(), seed ^ 0x5348554646L));
        all.putAll(sets);
        SetScores s = new SetScores();
        all.forEach((name, images) -> s.addSet(name, images.size(), images.hasLabels() ? images.labels() : null));
        all.forEach((name, x) -> s.put(name, ScoreNames.PNG_BITS_PER_DIM, progress.scores("png (" + name + ")", x, PngComplexity::bitsPerDim)));
        try (TrainedAutoencoder m = TrainedAutoencoder.load(runs.models().get("ae"))) {
            all.forEach((name, x) -> s.put(name, ScoreNames.AE_RECON_MSE, progress.scores("AE (" + name + ")", x,
                    y -> ReconstructionError.of(m, y))));
        }
        likelihood(s, all, "vae", ScoreNames.VAE_NEG_ELBO, ScoreNames.VAE_COMPLEXITY_CORRECTED, VAE_LIKELIHOOD_RATIO, runs);
        if (c.bitsPerDim()) {
            likelihood(s, all, "diffusion", ScoreNames.DIFF_BITS_PER_DIM, ScoreNames.DIFF_COMPLEXITY_CORRECTED, DIFF_LIKELIHOOD_RATIO, runs);
        }
        try (TrainedDiffusion d = TrainedDiffusion.load(runs.models().get("diffusion"))) {
            double[] sigmas = c.denoiseSigmas().stream().mapToDouble(Double::doubleValue).toArray();
            long[] part = {0};
            Function<ImageSet, double[][]> errors = x -> d.denoisingErrors(x, sigmas, seed * 1_000_003L + part[0]++);
            Map<String, double[][]> e = new LinkedHashMap<>();
            all.forEach((name, x) -> e.put(name, progress.rows("de-noising (" + name + ")", x, errors)));
            DenoisingScore denoise = DenoisingScore.fit(e.get(VALIDATION), c.denoiseSigmas(), seed);
            e.forEach((name, rows) -> s.put(name, ScoreNames.DIFF_DENOISE_MSE, denoise.score(rows)));
            Map<String, double[][]> f = new LinkedHashMap<>();
            all.forEach((name, x) -> f.put(name, progress.rows("MSMA norms (" + name + ")", x, y -> NoiseNorms.of(d, y, c.msmaSigmas()))));
            GaussianDensity density = GaussianDensity.fit(f.get(VALIDATION), c.msmaShrinkage());
            f.forEach((name, rows) -> s.put(name, ScoreNames.MSMA, name.equals(VALIDATION) // the fit's own images: out-of-fold
                    ? CrossFit.outOfFold(rows, r -> GaussianDensity.fit(r, c.msmaShrinkage())::score) : density.score(rows)));
        }
        return s;
    }

    /**
     * The raw likelihood score of a family (VAE: -ELBO; diffusion: the bound), its complexity correction, and its
     * likelihood ratio against the background model of the rate chosen on validation.
     */
    private void likelihood(SetScores s, Map<String, ImageSet> all, String family, String raw, String corrected, String ratio, Runs runs) {
        Map<String, double[]> main = bitsPerDim(family, runs.models().get(family), all, all.keySet().stream().toList());
        main.forEach((name, v) -> {
            s.put(name, raw, v);
            s.put(name, corrected, ComplexityCorrection.of(v, s.get(name, ScoreNames.PNG_BITS_PER_DIM)));
        });
        Map<Double, Path> bgRuns = runs.background().get(family);
        Map<Double, double[][]> bg = new LinkedHashMap<>();
        Map<Double, Map<String, double[]>> bgScores = new LinkedHashMap<>();
        for (double rate : c.rates()) {
            Map<String, double[]> v = bitsPerDim(family + " background mu " + rate, bgRuns.get(rate), all, List.of(VALIDATION, SHUFFLED));
            bgScores.put(rate, v);
            bg.put(rate, new double[][] {v.get(VALIDATION), v.get(SHUFFLED)});
        }
        RateChoice choice = RateChoice.choose(c.rates(), main.get(VALIDATION), main.get(SHUFFLED), bg);
        choices.put(family, choice);
        List<String> rest = all.keySet().stream().filter(n -> !n.equals(VALIDATION) && !n.equals(SHUFFLED)).toList();
        Map<String, double[]> chosen = new LinkedHashMap<>(bgScores.get(choice.chosen()));
        chosen.putAll(bitsPerDim(family + " background mu " + choice.chosen(), bgRuns.get(choice.chosen()), all, rest));
        chosen.forEach((name, v) -> s.put(name, ratio, LikelihoodRatio.score(main.get(name), v)));
    }

    /** Bits/dim of the named sets under one model; the VAE's decoder scale is fitted on the validation images. */
    private Map<String, double[]> bitsPerDim(String label, Path run, Map<String, ImageSet> all, List<String> names) {
        Map<String, double[]> out = new LinkedHashMap<>();
        if (label.startsWith("vae")) {
            try (TrainedAutoencoder m = TrainedAutoencoder.load(run)) {
                NegativeElbo elbo = NegativeElbo.fit(m, all.get(VALIDATION), seed);
                names.forEach(n -> out.put(n, progress.scores(label + " -ELBO (" + n + ")", all.get(n), elbo::score)));
            }
        } else {
            try (TrainedDiffusion d = TrainedDiffusion.load(run)) {
                names.forEach(n -> out.put(n, progress.scores(label + " bits/dim (" + n + ")", all.get(n), d::bitsPerDim)));
            }
        }
        return out;
    }
}
