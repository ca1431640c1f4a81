package org.repcon.diffusion.latent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repcon.autoencoders.experiment.Datasets;
import org.repcon.autoencoders.experiment.TrainedAutoencoder;
import org.repcon.data.IdxFile;
import org.repcon.diffusion.model.MlpNoiseModel;
import org.repcon.experiment.Runner;
import org.repcon.io.ModelFile;
import org.repcon.nn.Parameters;
import org.repcon.spec.SpecException;

/**
 * A tiny latent-diffusion run through the runner, its VAE trained first as a nested run, on generated 28x28 images of
 * three classes (a bright square in a class-specific corner): metrics, plots, the saved standardisation; and the errors
 * for an {@code autoencoder.run} that cannot be used, before any run directory exists.
 */
class LatentDiffusionSmokeTest {
    @TempDir
    static Path shared;
    private static Path data;

    @BeforeAll
    static void writeImages() throws IOException {
        data = Files.createDirectories(shared.resolve("data"));
        write(data, "train", 300, 1);
        write(data, "t10k", 150, 2);
    }

    private static void write(Path dir, String prefix, int n, long seed) throws IOException {
        Random rng = new Random(seed);
        byte[] pixels = new byte[n * 784];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int c = i % 3;
            labels[i] = c;
            int y0 = (c == 0 ? 3 : 14) + rng.nextInt(3);
            int x0 = (c == 1 ? 3 : 14) + rng.nextInt(3);
            for (int y = 0; y < 28; y++) {
                for (int x = 0; x < 28; x++) {
                    boolean on = y >= y0 && y < y0 + 10 && x >= x0 && x < x0 + 10;
                    pixels[i * 784 + y * 28 + x] = (byte) ((on ? 200 : 10) + rng.nextInt(40));
                }
            }
        }
        IdxFile.writeImages(dir.resolve(prefix + "-images-idx3-ubyte.gz"), pixels, n, 28, 28, true);
        IdxFile.writeLabels(dir.resolve(prefix + "-labels-idx1-ubyte.gz"), labels, true);
    }

    private static Map<String, Object> tinyVae() {
        return Map.of("data", Map.of("dir", data.toString(), "validation_fraction", 0.2),
                "model", Map.of("type", "vae", "latent_size", 4, "channels", List.of(4, 8)),
                "evaluation", Map.of("embedding", "pca", "embedding_points", 20, "knn_train_subsample", 0),
                "training", Map.of("batch_size", 32, "epochs", 2));
    }

    private static Map<String, Object> tiny(Map<String, Object> autoencoder) {
        Map<String, Object> tree = new HashMap<>(Map.of("experiment", "latent-diffusion", "seed", 3, "threads", 1,
                "autoencoder", autoencoder,
                "model", Map.of("hidden", 64, "blocks", 2, "embedding", 16, "timesteps", 100),
                "loss", Map.of("timestep_buckets", 5),
                "training", Map.of("batch_size", 32, "epochs", 60, "lr", 3.0e-3, "log_every", 20, "ema_decay", 0.99),
                "sampling", Map.of("ddim_steps", 10, "samples", 150),
                "evaluation", Map.of("projections", 50, "likelihood_images", 12, "iw_samples", 8, "scale_images", 10,
                        "classifier_cache", shared.resolve("cache").toString())));
        return tree;
    }

    @Test
    void tinyRunTrainsItsVaeAndWritesEveryFigure() throws Exception {
        Path run = shared.resolve("run");
        Runner.Result result = new Runner(System.out, null).runNested(tiny(Map.of("spec", tinyVae())), run, List.of("test"));
        assertTrue(result.succeeded(), result::message);
        Map<String, Object> m = result.metrics();
        for (String key : List.of("fd_classifier", "fd_classifier_ddim", "vae_fd_classifier", "fd_classifier_floor", "classifier_test_accuracy",
                "vae_test_bits_per_dim", "vae_iw_samples", "vae_decoder_sigma", "sw_latent", "sw_latent_gaussian", "sw_latent_floor",
                "sw_latent_vae_prior", "sw_latent_ddim", "mmd2_latent", "test_eps_mse", "train_seconds")) {
            assertTrue(m.get(key) instanceof Number, () -> "missing metric " + key + " in " + m);
        }
        double sw = num(m, "sw_latent");
        double gaussian = num(m, "sw_latent_gaussian");
        assertTrue(sw < gaussian, "latent diffusion samples are closer to the test latents than a Gaussian fit: " + sw + " vs " + gaussian);
        assertEquals(8, num(m, "vae_iw_samples"));
        assertEquals(12, num(m, "vae_likelihood_images"));
        double sigma = num(m, "vae_decoder_sigma");
        assertTrue(sigma > 0.004 && sigma < 0.6, "the scale comes from ImportanceWeightedBound's grid: " + sigma);
        assertTrue(num(m, "vae_test_bits_per_dim") > 0 && num(m, "vae_test_bits_per_dim") < 10, m::toString);
        assertTrue(num(m, "classifier_test_accuracy") > 0.9, "three easy classes: " + m.get("classifier_test_accuracy"));
        for (String plot : List.of("samples-ddpm.png", "samples-ddim.png", "vae-prior.png", "strip.png", "buckets.png", "loss.png")) {
            assertTrue(Files.exists(run.resolve("plots").resolve(plot)), plot);
        }
        String header = Files.readAllLines(run.resolve("metrics.csv")).get(0);
        assertTrue(header.contains("eps_mse,eps_mse_t0_19,") && header.endsWith("grad_norm"), header);
        assertTrue(Files.readString(run.resolve("report.html")).contains("Frechet distance to the test images"));

        // model.bin: the EMA weights and the standardisation of the VAE's training latents
        Path vae = run.resolve("runs").resolve("autoencoder");
        assertTrue(Files.isRegularFile(vae.resolve("model.bin")), "the nested VAE run");
        double[] mean = new double[4];
        double[] std = new double[4];
        try (TrainedAutoencoder ae = TrainedAutoencoder.load(vae)) { // reference: a plain loop over the training latents
            double[][] z = ae.encode(Datasets.load(ae.config().data(), ae.run().seed()).train());
            for (int j = 0; j < 4; j++) {
                double s = 0;
                double s2 = 0;
                for (double[] row : z) {
                    s += row[j];
                    s2 += row[j] * row[j];
                }
                mean[j] = s / z.length;
                std[j] = Math.sqrt(s2 / z.length - mean[j] * mean[j]);
            }
        }
        try (NDManager root = NDManager.newBaseManager(); Parameters p = new Parameters(root, DataType.FLOAT32)) {
            MlpNoiseModel.builder().setDimensions(4).optHidden(64).optBlocks(2).optEmbedding(16).optSeed(3).build(p);
            LatentStandardisation.fit(new double[][] {{0, 0, 0, 0}}).addTo(p);
            ModelFile.load(run.resolve("model.bin"), p);
            LatentStandardisation saved = LatentStandardisation.from(p);
            for (int j = 0; j < 4; j++) {
                assertEquals(mean[j], saved.mean()[j], 1e-5 * (1 + Math.abs(mean[j])), "mean " + j);
                assertEquals(std[j], saved.std()[j], 1e-4 * std[j], "std " + j);
            }
        }

        // the same VAE given as autoencoder.run: the same latents, so the same figures
        Runner.Result again = new Runner(System.out, null).runNested(tiny(Map.of("run", vae.toString())), shared.resolve("run-given"),
                List.of("test"));
        assertTrue(again.succeeded(), again::message);
        for (String key : List.of("sw_latent", "fd_classifier", "vae_test_bits_per_dim", "vae_fd_classifier")) {
            assertEquals(num(m, key), num(again.metrics(), key), 1e-9 * (1 + Math.abs(num(m, key))), key);
        }
    }

    private static double num(Map<String, Object> m, String key) {
        return ((Number) m.get(key)).doubleValue();
    }

    private static void assertRefused(Path aeRun, String expected, Path out) {
        SpecException e = assertThrows(SpecException.class,
                () -> new Runner(System.out, null).run(tiny(Map.of("run", aeRun.toString())), out, List.of("test")));
        assertEquals("autoencoder.run", e.path(), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertFalse(Files.exists(out), "no run directory for a refused spec");
    }

    @Test
    void anAutoencoderRunThatCannotBeUsedIsASpecErrorBeforeAnyRunDirectory(@TempDir Path tmp) throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertRefused(empty, "is not a repcon run directory", tmp.resolve("out1"));

        Path other = Files.createDirectories(tmp.resolve("other"));
        Files.writeString(other.resolve("spec.yaml"), "experiment: diffusion-2d\nseed: 1\n");
        assertRefused(other, "is a run of 'diffusion-2d', not of an autoencoder", tmp.resolve("out2"));

        Path unfinished = Files.createDirectories(tmp.resolve("unfinished"));
        Files.writeString(unfinished.resolve("spec.yaml"), "experiment: autoencoder\nseed: 1\ndata: {dir: " + data + "}\nmodel: {type: vae}\n");
        assertRefused(unfinished, "has no model.bin", tmp.resolve("out3"));

        SpecException withSpec = assertThrows(SpecException.class,
                () -> Runner.validate(tiny(Map.of("run", unfinished.toString(), "spec", tinyVae()))));
        assertEquals("autoencoder.run", withSpec.path(), "a given run is checked even next to a spec: " + withSpec.getMessage());

        SpecException badNested = assertThrows(SpecException.class,
                () -> Runner.validate(tiny(Map.of("spec", Map.of("model", Map.of("type", "gan"))))));
        assertEquals("autoencoder.spec", badNested.path(), badNested.getMessage());
        assertTrue(badNested.getMessage().contains("model.type"), badNested.getMessage());
    }
}
