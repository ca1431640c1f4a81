package org.repcon.autoencoders.experiment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.repcon.autoencoders.AutoencoderModel;
import org.repcon.data.ImageSet;
import org.repcon.evaluation.Pca;
import org.repcon.evaluation.Tsne;
import org.repcon.experiment.RunContext;
import org.repcon.report.BarChart;
import org.repcon.report.ImageMosaic;
import org.repcon.report.ScatterPlot;

/**
 * The pictures of a trained autoencoder: reconstructions, a 2-D map of test latents coloured by class (t-SNE or
 * PCA), latent traversals, samples (VAE prior; VQ-VAE random codes) and the codebook usage histogram.
 */
final class AutoencoderPlots {
    private static final int COLUMNS = 12;

    private AutoencoderPlots() {}

    static void write(AutoencoderConfig c, AutoencoderModel model, Datasets data, Encodings te, DataType type, RunContext ctx,
            NDManager root) throws IOException {
        ImageSet test = data.test();
        int per = test.imageSize();
        int n = Math.min(COLUMNS, test.size());
        Path rec = ctx.plot("reconstructions.png");
        new ImageMosaic(test.channels(), test.height(), test.width()).title("Test images (top) and reconstructions (bottom)")
                .addRow("original", Arrays.copyOf(test.pixels(), n * per)).addRow("reconstruction", Arrays.copyOf(te.reconstructions(), n * per))
                .scale(3).savePng(rec);
        ctx.addPlot("Reconstructions of test images", rec);

        latentMap(c, data, te, ctx);
        traversals(model, te, type, test, ctx, root);

        String caption = null;
        float[] images = null;
        try (NDManager m = root.newSubManager(); NDScope scope = new NDScope()) {
            var samples = model.sample(3 * COLUMNS, ctx.seed(), m);
            if (samples.isPresent()) {
                caption = samples.get().caption();
                images = samples.get().images().toType(DataType.FLOAT32, false).toFloatArray();
            }
        }
        if (images != null) {
            Path samples = ctx.plot("samples.png");
            new ImageMosaic(test.channels(), test.height(), test.width()).title(caption).addRows(images, COLUMNS).scale(3).savePng(samples);
            ctx.addPlot(caption, samples);
        }
        if (te.codeCounts() != null) {
            Path usage = ctx.plot("codebook_usage.png");
            BarChart.counts(te.codeCounts()).title("Codebook usage on the test images").xLabel("code").yLabel("positions assigned").savePng(usage);
            ctx.addPlot("Codebook usage histogram", usage);
        }
    }

    /** PCA map of the test latents always ({@code latent_pca.png}); the t-SNE map too when configured ({@code latent_map.png}). */
    private static void latentMap(AutoencoderConfig c, Datasets data, Encodings te, RunContext ctx) throws IOException {
        ImageSet test = data.test();
        int points = Math.min(c.evaluation().embeddingPoints(), test.size());
        double[][] z = Arrays.copyOf(te.z(), points);
        int[] labels = test.hasLabels() ? Arrays.copyOf(test.labels(), points) : new int[points];
        boolean tsne = c.evaluation().embedding() == AutoencoderConfig.Embedding.TSNE && points >= 10;
        scatter(Pca.fitProject(z, 2), labels, "PCA", data, ctx, tsne ? "latent_pca.png" : "latent_map.png");
        if (tsne) {
            double[][] xy = Tsne.builder().optSeed(ctx.seed()).optThreads(2).build().fit(z).embedding();
            scatter(xy, labels, "t-SNE", data, ctx, "latent_map.png");
        }
    }

    private static void scatter(double[][] xy, int[] labels, String method, Datasets data, RunContext ctx, String file) throws IOException {
        Path map = ctx.plot(file);
        ScatterPlot plot = new ScatterPlot().title(method + " of " + xy.length + " test latents").xLabel(method + " 1").yLabel(method + " 2")
                .points(xy, labels);
        if (data.test().hasLabels() && !data.classNames().isEmpty()) {
            plot.classNames(data.classNames());
        }
        plot.savePng(map);
        ctx.addPlot("2-D map (" + method + ") of test latents, coloured by class", map);
    }

    /** Rows: the 6 latent values with the largest variance over the test set; columns: mean + k sigma, k = -2..2. */
    private static void traversals(AutoencoderModel model, Encodings te, DataType type, ImageSet test, RunContext ctx, NDManager root)
            throws IOException {
        double[][] z = te.z();
        int d = z[0].length;
        double[] mean = new double[d];
        double[] var = new double[d];
        for (double[] row : z) {
            for (int j = 0; j < d; j++) {
                mean[j] += row[j] / z.length;
            }
        }
        for (double[] row : z) {
            for (int j = 0; j < d; j++) {
                var[j] += (row[j] - mean[j]) * (row[j] - mean[j]) / z.length;
            }
        }
        Integer[] order = new Integer[d];
        for (int j = 0; j < d; j++) {
            order[j] = j;
        }
        Arrays.sort(order, (a, b) -> Double.compare(var[b], var[a]));
        int rows = Math.min(6, d);
        double[] steps = {-2, -1, 0, 1, 2};
        double[][] codes = new double[rows * steps.length][];
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < steps.length; k++) {
                double[] v = mean.clone();
                v[order[r]] += steps[k] * Math.sqrt(var[order[r]]);
                codes[r * steps.length + k] = v;
            }
        }
        float[] images = Encodings.decode(model, codes, type, 64, root);
        int per = test.imageSize();
        ImageMosaic mosaic = new ImageMosaic(test.channels(), test.height(), test.width())
                .title("Latent traversals from the mean latent").columnLabels("-2σ", "-1σ", "mean", "+1σ", "+2σ").scale(3);
        for (int r = 0; r < rows; r++) {
            mosaic.addRow(String.format(Locale.ROOT, "z%d", order[r]), Arrays.copyOfRange(images, r * steps.length * per, (r + 1) * steps.length * per));
        }
        Path png = ctx.plot("traversals.png");
        mosaic.savePng(png);
        ctx.addPlot("Latent traversals: the six latent values that vary most over the test set, each moved by -2..+2 standard deviations", png);
    }
}
