package org.repcon.autoencoders.experiment;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.repcon.autoencoders.AutoencoderModel;
import org.repcon.autoencoders.VariationalAutoencoder;
import org.repcon.autoencoders.VqVae;
import org.repcon.data.ImageSet;
import org.repcon.evaluation.ImageMetrics;
import org.repcon.evaluation.KnnClassifier;
import org.repcon.evaluation.LatentStatistics;
import org.repcon.evaluation.LinearProbe;
import org.repcon.evaluation.Pca;
import org.repcon.evaluation.Tsne;
import org.repcon.experiment.RunContext;
import org.repcon.report.BarChart;
import org.repcon.report.ImageMosaic;
import org.repcon.report.ScatterPlot;

/**
 * What a trained autoencoder's representation is measured by (metrics.json) and the pictures of it.
 *
 * <p>Metrics: {@code test_mse}, {@code test_psnr} (mean per-image PSNR); {@code probe_accuracy} (linear
 * classifier on frozen train latents, scored on test latents; labels only here) and {@code knn_accuracy};
 * {@code sparsity} (share of |z_i| < 1e-3), {@code sphere_violation} (mean ||z| - 1|), {@code simplex_violation}
 * (mean |sum z - 1|), {@code invariance_error} (mean |z(T x) - z(x)| / mean |z| with the config's T, or a
 * default T of 2 px and 10 degrees when the config has no ranges); VAE: {@code active_units}, {@code kl}; VQ-VAE:
 * {@code codebook_perplexity}, {@code codebook_used}.
 *
 * <p>Protocol: the validation images ({@link Datasets}: carved from the training images, never trained on) are
 * scored first, {@code val_mse}, {@code val_psnr}, {@code val_probe_accuracy}, {@code val_knn_accuracy}; every
 * choice is made on them: with {@code evaluation.knn_k_candidates}, the k of the k-NN classifier is the candidate
 * with the highest validation accuracy (reported as {@code knn_k}; the probe's L2 weight is fixed, 1e-4). The test
 * images are scored once, after, and nothing is chosen from them.
 */
final class AutoencoderEvaluation {
    private AutoencoderEvaluation() {}

    /**
     * How well the labels are read from the latents: on the validation latents first, {@code val_probe_accuracy}
     * (if {@code e.probe()}) and {@code val_knn_accuracy} with the k chosen there ({@link #chooseKnnK}, also
     * {@code knn_k}); then on the test latents, scored once with that k, {@code probe_accuracy} and
     * {@code knn_accuracy}. Both classifiers are fit on the train latents.
     */
    static Map<String, Number> classification(AutoencoderConfig.Evaluation e, double[][] trainZ, int[] trainY,
            double[][] valZ, int[] valY, double[][] testZ, int[] testY, long seed) {
        Map<String, Number> out = new LinkedHashMap<>();
        if (e.probe()) {
            out.put("val_probe_accuracy", LinearProbe.fit(trainZ, trainY, valZ, valY, seed).testAccuracy());
        }
        KnnChoice choice = chooseKnnK(e, trainZ, trainY, valZ, valY, seed);
        out.put("val_knn_accuracy", choice.validationAccuracy());
        // the test latents, scored once: nothing below feeds back into a choice
        if (e.probe()) {
            out.put("probe_accuracy", LinearProbe.fit(trainZ, trainY, testZ, testY, seed).testAccuracy());
        }
        out.put("knn_accuracy", knn(e, choice.k(), trainZ.length, seed).accuracy(trainZ, trainY, testZ, testY));
        out.put("knn_k", choice.k());
        return out;
    }

    /** The k-NN classifier's k as chosen on the validation images, and its validation accuracy. */
    record KnnChoice(int k, double validationAccuracy) {}

    /**
     * The k of {@code evaluation.knn_k_candidates} (or {@code knn_k} alone, if there are none) whose classifier on
     * the train latents has the highest accuracy on the validation latents (the first of equals). Reads no test data.
     */
    static KnnChoice chooseKnnK(AutoencoderConfig.Evaluation e, double[][] trainZ, int[] trainY, double[][] valZ,
            int[] valY, long seed) {
        List<Integer> candidates = e.knnKCandidates().isEmpty() ? List.of(e.knnK()) : e.knnKCandidates();
        KnnChoice best = null;
        for (int k : candidates) {
            double accuracy = knn(e, k, trainZ.length, seed).accuracy(trainZ, trainY, valZ, valY);
            if (best == null || accuracy > best.validationAccuracy()) {
                best = new KnnChoice(k, accuracy);
            }
        }
        return best;
    }

    /** The k-NN classifier with {@code k} neighbours among (a seeded subsample of) the train latents. */
    private static KnnClassifier knn(AutoencoderConfig.Evaluation e, int k, int trainSize, long seed) {
        KnnClassifier knn = new KnnClassifier(k);
        if (e.knnTrainSubsample() > 0 && e.knnTrainSubsample() < trainSize) {
            knn = knn.withTrainSubsample(e.knnTrainSubsample(), seed);
        }
        return knn;
    }

    static void evaluate(AutoencoderConfig c, AutoencoderModel model, Datasets data, DataType type, RunContext ctx, NDManager root)
            throws IOException {
        ImageSet train = data.train();
        ImageSet validation = data.validation();
        ImageSet test = data.test();
        int batch = c.evaluation().batchSize();
        long seed = ctx.seed();
        // validation first: every choice is made here
        Map<String, Object> val = new LinkedHashMap<>();
        Encodings va = Encodings.of(model, validation, type, batch, true, root);
        val.put("val_mse", ImageMetrics.mse(validation.pixels(), va.reconstructions()));
        val.put("val_psnr", ImageMetrics.psnr(validation.pixels(), va.reconstructions(), validation.imageSize()));
        // the test set, scored once
        Encodings te = Encodings.of(model, test, type, batch, true, root);
        double mse = ImageMetrics.mse(test.pixels(), te.reconstructions());
        ctx.putMetric("test_mse", mse);
        ctx.putMetric("test_psnr", ImageMetrics.psnr(test.pixels(), te.reconstructions(), test.imageSize()));
        ctx.putMetric("latent_values", te.z()[0].length);
        if (train.hasLabels() && validation.hasLabels() && test.hasLabels()) {
            Encodings tr = Encodings.of(model, train, type, batch, false, root);
            classification(c.evaluation(), tr.z(), train.labels(), va.z(), validation.labels(), te.z(), test.labels(), seed)
                    .forEach((k, v) -> {
                        if (k.startsWith("val_")) {
                            val.put(k, v);
                        } else {
                            ctx.putMetric(k, v);
                        }
                    });
        }
        ctx.putMetric("sparsity", LatentStatistics.sparsity(te.z()));
        ctx.putMetric("sphere_violation", LatentStatistics.sphereViolation(te.z()));
        ctx.putMetric("simplex_violation", LatentStatistics.simplexViolation(te.z()));
        AutoencoderConfig.Transformations t = c.transformations();
        boolean ranges = t.translation() > 0 || t.rotationDegrees() > 0 || t.noise() > 0;
        AutoencoderConfig.Transformations measured = ranges ? t : new AutoencoderConfig.Transformations(false, 0, 2, 10, 0);
        ImageSet probe = test.head(2000);
        double[][] zt = Encodings.transformed(model, probe, Transforms.of(measured), seed + 17, type, batch, root);
        ctx.putMetric("invariance_error", LatentStatistics.invarianceError(Arrays.copyOf(te.z(), probe.size()), zt));
        if (te.logvar() != null) {
            ctx.putMetric("active_units", LatentStatistics.activeUnits(te.z()));
            ctx.putMetric("kl", LatentStatistics.gaussianKl(te.z(), te.logvar()));
        }
        if (te.codeCounts() != null) {
            ctx.putMetric("codebook_perplexity", LatentStatistics.perplexity(te.codeCounts()));
            ctx.putMetric("codebook_used", Arrays.stream(te.codeCounts()).filter(k -> k > 0).count());
        }
        val.forEach(ctx::putMetric);
        AutoencoderPlots.write(c, model, data, te, type, ctx, root);
    }
}
