package org.repcon.autoencoders.experiment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.repcon.experiment.Experiment;
import org.repcon.experiment.RunContext;
import org.repcon.experiment.RunSettings;
import org.repcon.experiment.Runner;
import org.repcon.io.AtomicFiles;
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

    private long seed;
    private int threads;

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
        Map<String, Map<String, Object>> results = new LinkedHashMap<>();
        List<String> failed = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, Map<String, Object>> v : config.variants().entrySet()) {
            i++;
            System.out.println("== variant " + i + "/" + config.variants().size() + ": " + v.getKey() + " — " + config.about().get(v.getKey()));
            Runner.Result r = ctx.runNested(v.getKey(), v.getValue());
            if (!r.succeeded()) {
                failed.add(v.getKey() + " (" + r.message() + ")");
                continue;
            }
            results.put(v.getKey(), r.metrics());
        }
        Path csv = ctx.directory().file("comparison.csv");
        AtomicFiles.write(csv, SuiteTable.csv(results, COLUMNS).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        for (Map.Entry<String, Map<String, Object>> r : results.entrySet()) {
            for (String c : List.of("test_mse", "probe_accuracy", "knn_accuracy")) {
                Object value = r.getValue().get(c);
                if (value instanceof Number n) {
                    ctx.putMetric(r.getKey() + "." + c, n.doubleValue());
                }
            }
        }
        ctx.putMetric("variants", config.variants().size());
        ctx.putMetric("variants_failed", failed.size());
        SuiteTable.report(ctx, config, results, COLUMNS);
        if (!failed.isEmpty()) {
            throw new IllegalStateException(failed.size() + " variant(s) failed: " + String.join("; ", failed)
                    + "; `repcon resume " + ctx.directory().path() + "` retries them and reuses the completed ones");
        }
    }

}
