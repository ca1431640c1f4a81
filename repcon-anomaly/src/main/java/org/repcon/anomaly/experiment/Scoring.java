package org.repcon.anomaly.experiment;

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
import org.repcon.anomaly.transform.DirichletScore;
import org.repcon.anomaly.transform.GeometricTransforms;
import org.repcon.anomaly.transform.TransformClassifier;
import org.repcon.autoencoders.experiment.TrainedAutoencoder;
import org.repcon.data.ImageSet;
import org.repcon.diffusion.TrainedDiffusion;
import org.repcon.evaluation.PngComplexity;
import org.repcon.experiment.RunContext;
import org.repcon.objective.LossValues;
import org.repcon.training.TrainingListener;
import org.repcon.training.progress.TaskProgress;

/**
 * Scores the validation and test images of one class with every score, from the class's three trained models. Fits
 * (the VAE decoder's scale, the de-noising standardisation, the MSMA density) use the validation images only. The
 * diffusion bound (T model evaluations per image) is computed on the first {@code scores.bits_per_dim_images} test
 * images only and not on the validation images (nothing is fitted to it). Long scores are computed in chunks of
 * {@code scores.chunk} images with a progress line per chunk (once a score has taken more than 5 s).
 * {@link #transform} trains GEOM's transformation classifier on the class's training images and scores with it.
 */
final class Scoring {
    private final AnomalyOneClassConfig c;
    private final RunContext ctx;
    private final String label;

    Scoring(AnomalyOneClassConfig c, RunContext ctx, String label) {
        this.c = c;
        this.ctx = ctx;
        this.label = label;
    }

    /**
     * Scores the validation images, the validation outliers and the test images of one class. The outliers are scored
     * in the same pass as the test images (appended to them; every fit is made on the validation images before), and
     * split off again; the diffusion bound covers test images only.
     */
    ClassScores score(int normalClass, Path ae, Path vae, Path diffusion, ImageSet validation, ImageSet outliers, ImageSet test, long seed) {
        ImageSet scored = test.concat(outliers);
        Map<String, double[]> v = new LinkedHashMap<>();
        Map<String, double[]> t = new LinkedHashMap<>();
        double[] pngV = PngComplexity.bitsPerDim(validation);
        double[] pngT = chunked(ScoreNames.PNG_BITS_PER_DIM, scored, PngComplexity::bitsPerDim);
        try (TrainedAutoencoder m = TrainedAutoencoder.load(ae)) {
            v.put(ScoreNames.AE_RECON_MSE, ReconstructionError.of(m, validation));
            t.put(ScoreNames.AE_RECON_MSE, chunked(ScoreNames.AE_RECON_MSE, scored, x -> ReconstructionError.of(m, x)));
        }
        try (TrainedAutoencoder m = TrainedAutoencoder.load(vae)) {
            NegativeElbo elbo = NegativeElbo.fit(m, validation, seed);
            v.put(ScoreNames.VAE_NEG_ELBO, elbo.score(validation));
            t.put(ScoreNames.VAE_NEG_ELBO, chunked(ScoreNames.VAE_NEG_ELBO, scored, elbo::score));
            v.put(ScoreNames.VAE_COMPLEXITY_CORRECTED, ComplexityCorrection.of(v.get(ScoreNames.VAE_NEG_ELBO), pngV));
            t.put(ScoreNames.VAE_COMPLEXITY_CORRECTED, ComplexityCorrection.of(t.get(ScoreNames.VAE_NEG_ELBO), pngT));
        }
        try (TrainedDiffusion d = TrainedDiffusion.load(diffusion)) {
            if (c.bitsPerDim()) {
                ImageSet first = c.bitsPerDimImages() > 0 && c.bitsPerDimImages() < test.size() ? test.head(c.bitsPerDimImages()) : test;
                t.put(ScoreNames.DIFF_BITS_PER_DIM, chunked(ScoreNames.DIFF_BITS_PER_DIM, first, d::bitsPerDim));
                t.put(ScoreNames.DIFF_COMPLEXITY_CORRECTED, ComplexityCorrection.of(t.get(ScoreNames.DIFF_BITS_PER_DIM),
                        java.util.Arrays.copyOf(pngT, first.size())));
            }
            double[] sigmas = c.denoiseSigmas().stream().mapToDouble(Double::doubleValue).toArray();
            long[] part = {0};
            Function<ImageSet, double[][]> errors = x -> d.denoisingErrors(x, sigmas, seed * 1_000_003L + part[0]++);
            double[][] errorsV = chunkedRows(ScoreNames.DIFF_DENOISE_MSE + " (validation)", validation, errors);
            DenoisingScore denoise = DenoisingScore.fit(errorsV, c.denoiseSigmas(), seed);
            v.put(ScoreNames.DIFF_DENOISE_MSE, denoise.score(errorsV));
            t.put(ScoreNames.DIFF_DENOISE_MSE, denoise.score(chunkedRows(ScoreNames.DIFF_DENOISE_MSE, scored, errors)));
            double[][] normsV = chunkedRows(ScoreNames.MSMA + " (validation)", validation, x -> NoiseNorms.of(d, x, c.msmaSigmas()));
            GaussianDensity density = GaussianDensity.fit(normsV, c.msmaShrinkage());
            v.put(ScoreNames.MSMA, CrossFit.outOfFold(normsV, rows -> GaussianDensity.fit(rows, c.msmaShrinkage())::score));
            t.put(ScoreNames.MSMA, density.score(chunkedRows(ScoreNames.MSMA, scored, x -> NoiseNorms.of(d, x, c.msmaSigmas()))));
        }
        v.put(ScoreNames.PNG_BITS_PER_DIM, pngV);
        t.put(ScoreNames.PNG_BITS_PER_DIM, pngT);
        Map<String, double[]> testOnly = new LinkedHashMap<>();
        Map<String, double[]> o = new LinkedHashMap<>();
        t.forEach((name, all) -> {
            testOnly.put(name, java.util.Arrays.copyOf(all, Math.min(all.length, test.size())));
            if (all.length == scored.size() && outliers.size() > 0) {
                o.put(name, java.util.Arrays.copyOfRange(all, test.size(), all.length));
            }
        });
        return new ClassScores(normalClass, test.labels(), ClassScores.ordered(v), ClassScores.ordered(testOnly), outliers.labels(),
                ClassScores.ordered(o));
    }

    /**
     * What {@link #transform} computed: the {@code transform_nll} and {@code transform_dirichlet} scores of the validation
     * and test images, the classifier's training seconds (the trainer's own steps; the checkpoint criterion excluded),
     * the seconds of scoring the validation and test images, the final mean training-step cross-entropy and the mean
     * validation {@code transform_nll} of the kept state (the validation cross-entropy over all N_v K pairs).
     */
    record TransformScores(double[] validationNll, double[] testNll, double[] validationDirichlet, double[] testDirichlet,
            double[] outlierNll, double[] outlierDirichlet, double chosenEpochs, double trainSeconds, double scoringSeconds, double trainingCrossEntropy, double validationCrossEntropy, long steps) {}

    /**
     * {@link ScoreNames#TRANSFORM_NLL} and {@link ScoreNames#TRANSFORM_DIRICHLET}: GEOM's transformation classifier trained
     * on the class's training images (the ones the AE sees), its scores of the validation and test images; the
     * Dirichlet parameters are fitted on the validation images' outputs (as the MSMA density: validation only; the
     * validation images' own Dirichlet scores are out-of-fold, {@link CrossFit}); the validation outliers are scored
     * with the test images. With validation outliers, the classifier's state is the one of the checkpoints
     * ({@code transform.checkpoints}) with the highest {@link #validationAuroc}.
     */
    TransformScores transform(ImageSet train, ImageSet validation, ImageSet outliers, ImageSet test, long seed) {
        ImageSet scored = test.concat(outliers);
        GeometricTransforms transforms = GeometricTransforms.of(c.transforms(), train.height());
        long steps = TransformClassifier.steps(train.size(), transforms.size(), c.transform());
        double[] seconds = {0};
        try (TaskProgress progress = ctx.task(label + ": " + ScoreNames.TRANSFORM_NLL + " classifier (" + transforms.size()
                + " transforms)", steps, "steps")) {
            TrainingListener bar = new TrainingListener() {
                @Override
                public void onStep(long step, String stage, double learningRate, LossValues values, double wallSeconds) {
                    progress.advance(1);
                    seconds[0] = wallSeconds;
                }
            };
            TransformClassifier.Checkpoints checkpoints = outliers.size() == 0 ? null
                    : new TransformClassifier.Checkpoints(c.transformCheckpoints(), f -> validationAuroc(f, validation, outliers));
            // no per-epoch validation curve (validation images null): the validation figure is that of the kept state, below
            try (TransformClassifier f = TransformClassifier.train(train, transforms, c.transform(), seed, null, bar, checkpoints)) {
                long t0 = System.nanoTime();
                double[][][] logV = new double[validation.size()][][]; // kept for the Dirichlet fit (N_v K K values)
                int[] at = {0};
                double[][] rowsV = chunkedRows(ScoreNames.TRANSFORM_NLL + " (validation)", validation, x -> {
                    double[][][] l = f.logProbabilities(x);
                    System.arraycopy(l, 0, logV, at[0], l.length);
                    at[0] += l.length;
                    double[] nll = TransformClassifier.nll(l);
                    double[][] r = new double[l.length][];
                    for (int i = 0; i < l.length; i++) {
                        r[i] = new double[] {nll[i]};
                    }
                    return r;
                });
                DirichletScore dirichlet = DirichletScore.fit(logV);
                double[][] rowsT = chunkedRows(ScoreNames.TRANSFORM_NLL + ", " + ScoreNames.TRANSFORM_DIRICHLET, scored, x -> {
                    double[][][] l = f.logProbabilities(x);
                    double[] nll = TransformClassifier.nll(l);
                    double[] dir = dirichlet.score(l);
                    double[][] r = new double[l.length][];
                    for (int i = 0; i < l.length; i++) {
                        r[i] = new double[] {nll[i], dir[i]};
                    }
                    return r;
                });
                double[] nllV = column(rowsV, 0);
                List<Double> curve = f.trainingCurve();
                double[] nllAll = column(rowsT, 0);
                double[] dirAll = column(rowsT, 1);
                int n = test.size();
                return new TransformScores(nllV, java.util.Arrays.copyOf(nllAll, n), CrossFit.outOfFold(logV, rows -> DirichletScore.fit(rows)::score),
                        java.util.Arrays.copyOf(dirAll, n), java.util.Arrays.copyOfRange(nllAll, n, nllAll.length),
                        java.util.Arrays.copyOfRange(dirAll, n, dirAll.length), f.chosenEpochs(), seconds[0],
                        (System.nanoTime() - t0) / 1e9, curve.get(curve.size() - 1),
                        java.util.Arrays.stream(nllV).average().orElse(Double.NaN), steps); // of the kept state, not the last
            }
        }
    }

    /**
     * The checkpoint criterion: the AUROC of {@code transform_dirichlet} of the normal validation images (out-of-fold
     * Dirichlet scores) against the validation outliers (scored by the Dirichlets fitted on all validation images).
     */
    static double validationAuroc(TransformClassifier f, ImageSet validation, ImageSet outliers) {
        double[][][] v = f.logProbabilities(validation);
        double[] normal = CrossFit.outOfFold(v, rows -> DirichletScore.fit(rows)::score);
        return org.repcon.evaluation.roc.Auroc.of(normal, DirichletScore.fit(v).score(f.logProbabilities(outliers)));
    }

    private static double[] column(double[][] rows, int j) {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = rows[i][j];
        }
        return out;
    }

    private double[] chunked(String what, ImageSet images, Function<ImageSet, double[]> f) {
        return new ScoreProgress(ctx, c.chunk(), label + ": ").scores(what, images, f);
    }

    private double[][] chunkedRows(String what, ImageSet images, Function<ImageSet, double[][]> f) {
        return new ScoreProgress(ctx, c.chunk(), label + ": ").rows(what, images, f);
    }
}
