package org.repcon.diffusion.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repcon.data.IdxFile;
import org.repcon.experiment.Runner;
import org.repcon.spec.SpecException;

/**
 * The {@code diffusion} experiment end to end through the runner on a tiny Fashion-MNIST-shaped data folder (64
 * training, 24 test images of 28x28) with a tiny U-Net and T = 40: every metric key, the plots, the model file.
 */
public class DiffusionSmokeTest {

    /** Writes {@code n} 28x28 images (a bright rectangle whose place depends on the label, plus seeded noise). */
    public static void writeIdx(Path dir, String prefix, int n, long seed) throws IOException {
        byte[] pixels = new byte[n * 784];
        int[] labels = new int[n];
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = 0; i < n; i++) {
            labels[i] = i % 10;
            for (int r = 0; r < 28; r++) {
                for (int c = 0; c < 28; c++) {
                    boolean inside = r >= 2 * labels[i] && r < 2 * labels[i] + 8 && c >= 4 && c < 24;
                    pixels[i * 784 + r * 28 + c] = (byte) Math.min(255, (inside ? 200 : 20) + rng.nextInt(40));
                }
            }
        }
        IdxFile.writeImages(dir.resolve(prefix + "-images-idx3-ubyte.gz"), pixels, n, 28, 28, true);
        IdxFile.writeLabels(dir.resolve(prefix + "-labels-idx1-ubyte.gz"), labels, true);
    }

    /** A tiny spec over {@code data}, with the classifier cached in {@code cache}. */
    public static Map<String, Object> tiny(Path data, Path cache) {
        return Map.of("experiment", "diffusion", "seed", 3, "threads", 1,
                "data", Map.of("dir", data.toString(), "validation_fraction", 0.125),
                "model", Map.of("base_channels", 8, "channel_multipliers", List.of(1, 2), "residual_blocks", 1, "attention", false,
                        "groups", 4, "timesteps", 40),
                "loss", Map.of("timestep_buckets", 4),
                "training", Map.of("batch_size", 16, "epochs", 2, "log_every", 2, "checkpoint_every", 4),
                "sampling", Map.of("samples", 12, "other_samples", 12, "ddim_steps", 5, "strip", 3),
                "evaluation", Map.of("denoise_images", 6, "likelihood_images", 3, "loss_images", 8, "classifier_cache", cache.toString(),
                        "chunk", 5));
    }

    /** Runs the tiny spec in {@code dir}/run and returns the result. */
    public static Runner.Result runTiny(Path dir) throws IOException {
        Path data = Files.createDirectories(dir.resolve("data"));
        writeIdx(data, "train", 64, 1);
        writeIdx(data, "t10k", 24, 2);
        Map<String, Object> spec = tiny(data, dir.resolve("cache"));
        Runner.validate(spec);
        return new Runner(System.out, null).runNested(spec, dir.resolve("run"), List.of("test"));
    }

    @Test
    void tinyRunWritesEveryMetricThePlotsAndTheModel(@TempDir Path dir) throws Exception {
        Runner.Result result = runTiny(dir);
        assertTrue(result.succeeded(), result::message);
        Map<String, Object> m = result.metrics();
        for (String key : List.of("test_bits_per_dim", "likelihood_images", "denoise_psnr_0.1", "noisy_psnr_0.1", "denoise_psnr_0.2",
                "noisy_psnr_0.2", "denoise_psnr_0.4", "noisy_psnr_0.4", "denoise_timestep_0.4", "fd_classifier", "fd_classifier_ddpm", "fd_classifier_ddim",
                "fd_classifier_floor", "fd_classifier_validation", "test_bits_per_dim_se", "classifier_test_accuracy", "test_eps_mse",
                "validation_eps_mse",
                "test_eps_mse_t0_9", "train_seconds", "sample_seconds_ddpm", "sample_seconds_ddim", "train_eps_mse")) {
            assertTrue(m.get(key) instanceof Number, () -> "missing metric " + key + " in " + m);
        }
        assertEquals(3, ((Number) m.get("likelihood_images")).intValue());
        // noisy PSNR is known in closed form up to the draw: 10 log10(4 / sigma^2)
        assertEquals(10 * Math.log10(4 / 0.04), ((Number) m.get("noisy_psnr_0.2")).doubleValue(), 0.3);
        Path run = dir.resolve("run");
        for (String plot : List.of("samples-ddpm.png", "samples-ddim.png", "strip-ddpm.png", "strip-ddim.png", "denoising.png", "buckets.png",
                "loss.png")) {
            assertTrue(Files.exists(run.resolve("plots").resolve(plot)), plot);
        }
        String header = Files.readAllLines(run.resolve("metrics.csv")).get(0);
        assertTrue(header.contains("eps_mse_t0_9") && header.contains("grad_norm") && header.contains("validation_eps_mse"), header);
        assertTrue(Files.isRegularFile(run.resolve("model.bin")));
        assertTrue(Files.readString(run.resolve("report.html")).contains("Test figures"));
    }

    @Test
    void badSpecsNameTheKey(@TempDir Path dir) throws IOException {
        Path data = Files.createDirectories(dir.resolve("data"));
        Map<String, Object> base = tiny(data, dir);
        Map<String, Object> tree = new HashMap<>(base);
        tree.put("model", Map.of("channel_multipliers", List.of(1, 2, 2, 2)));
        SpecException e = assertThrows(SpecException.class, () -> Runner.validate(tree));
        assertEquals("model.channel_multipliers", e.path(), e.getMessage());
        tree.put("model", Map.of("base_channels", 12, "groups", 8));
        e = assertThrows(SpecException.class, () -> Runner.validate(tree));
        assertEquals("model.groups", e.path(), e.getMessage());
        tree.put("model", base.get("model"));
        tree.put("evaluation", Map.of("sigmas", List.of(0.1, -0.2)));
        e = assertThrows(SpecException.class, () -> Runner.validate(tree));
        assertEquals("evaluation.sigmas", e.path(), e.getMessage());
        tree.put("evaluation", Map.of());
        tree.put("sampling", Map.of("sampler", "euler"));
        e = assertThrows(SpecException.class, () -> Runner.validate(tree));
        assertEquals("sampling.sampler", e.path(), e.getMessage());
    }
}
