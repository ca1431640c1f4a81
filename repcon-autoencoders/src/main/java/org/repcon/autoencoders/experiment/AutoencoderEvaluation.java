package org.repcon.autoencoders.experiment;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
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
 */
final class AutoencoderEvaluation {
    private AutoencoderEvaluation() {}

    static void evaluate(AutoencoderConfig c, AutoencoderModel model, Datasets data, DataType type, RunContext ctx, NDManager root)
            throws IOException {
        ImageSet train = data.train();
        ImageSet test = data.test();
        int batch = c.evaluation().batchSize();
        long seed = ctx.seed();
        Encodings te = Encodings.of(model, test, type, batch, true, root);
        double mse = ImageMetrics.mse(test.pixels(), te.reconstructions());
        ctx.putMetric("test_mse", mse);
        ctx.putMetric("test_psnr", ImageMetrics.psnr(test.pixels(), te.reconstructions(), test.imageSize()));
        ctx.putMetric("latent_values", te.z()[0].length);
        if (train.hasLabels() && test.hasLabels()) {
            Encodings tr = Encodings.of(model, train, type, batch, false, root);
            if (c.evaluation().probe()) {
                ctx.putMetric("probe_accuracy", LinearProbe.fit(tr.z(), train.labels(), te.z(), test.labels(), seed).testAccuracy());
            }
            KnnClassifier knn = new KnnClassifier(c.evaluation().knnK());
            if (c.evaluation().knnTrainSubsample() > 0 && c.evaluation().knnTrainSubsample() < train.size()) {
                knn = knn.withTrainSubsample(c.evaluation().knnTrainSubsample(), seed);
            }
            ctx.putMetric("knn_accuracy", knn.accuracy(tr.z(), train.labels(), te.z(), test.labels()));
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
        AutoencoderPlots.write(c, model, data, te, type, ctx, root);
    }
}
