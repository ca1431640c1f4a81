package org.repcon.autoencoders.experiment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.repcon.experiment.Comparison;
import org.repcon.experiment.Experiment;
import org.repcon.experiment.RunContext;
import org.repcon.experiment.RunSettings;
import org.repcon.spec.Spec;

/**
 * The lecture's comparison as one command: the same data and budget for AE with L2 vs L1 vs perceptual loss,
 * AE vs VAE vs VQ-VAE, and the AE with each constraint, condition and transformation against the plain AE.
 * Each variant is a complete {@code autoencoder} run in {@code runs/<variant>/} (its own report); this run
 * writes {@code comparison.csv} and a report page with one table and the variants' pictures side by side.
 */
public final class AutoencoderSuite implements Experiment<SuiteConfig> {
    /** The columns of the comparison table, in order (metrics.json keys of each variant). */
    static final List<String> COLUMNS = List.of("test_mse", "test_psnr", "probe_accuracy", "knn_accuracy", "sparsity",
            "sphere_violation", "simplex_violation", "invariance_error", "active_units", "kl", "codebook_perplexity",
            "train_images_per_second", "wall_seconds");

    @Override
    public String name() {
        return "ae-suite";
    }

    @Override
    public String description() {
        return "The lecture's comparison on Fashion-MNIST: AE with L2/L1/perceptual loss, AE vs VAE vs VQ-VAE, and each "
                + "constraint, condition and transformation vs the plain AE (one table, one page)";
    }

    @Override
    public SuiteConfig configure(Spec spec) {
        // the runner reads seed and threads before configure; the variants inherit them
        return SuiteConfig.read(spec, RunSettings.seed(spec), RunSettings.threads(spec));
    }

    @Override
    public void run(SuiteConfig config, RunContext ctx) throws Exception {
        Comparison c = new Comparison("comparison.csv", "Comparison (same data, same budget; comparison.csv)")
                .columns(COLUMNS).about(config.about()).parentMetrics(List.of("test_mse", "probe_accuracy", "knn_accuracy"));
        Set<String> succeeded = c.run(ctx, config.variants()).keySet();
        ctx.putMetric("variants", config.variants().size());
        ctx.putMetric("variants_failed", c.failed().size());
        for (String plot : List.of("reconstructions.png", "latent_map.png")) {
            for (String variant : succeeded) {
                Path png = ctx.directory().path().resolve("runs").resolve(variant).resolve("plots").resolve(plot);
                if (Files.exists(png)) {
                    ctx.addPlot(variant + ": " + plot.replace(".png", "").replace('_', ' '), png);
                }
            }
        }
        c.requireAllSucceeded(ctx);
    }
}
