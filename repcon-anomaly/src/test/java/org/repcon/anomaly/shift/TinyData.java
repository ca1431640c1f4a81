package org.repcon.anomaly.shift;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.repcon.data.IdxFile;

/** Made-up Fashion-MNIST-shaped data and tiny nested models for the smoke tests of this package and of unknown. */
public final class TinyData {
    private TinyData() {}

    /** {@code n} 28x28 images, label i % 10: a bright bar at rows 2 label .. 2 label + 7, plus seeded noise. */
    public static void writeIdx(Path dir, String prefix, int n, long seed) {
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

    /** {@code n} 28x28 "digits": a dark image with a bright vertical stroke at a column set by the label. */
    public static void writeDigits(Path file, Path labelFile, int n) {
        byte[] pixels = new byte[n * 784];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 10;
            for (int r = 4; r < 24; r++) {
                pixels[i * 784 + r * 28 + 4 + 2 * labels[i]] = (byte) 250;
            }
        }
        IdxFile.writeImages(file, pixels, n, 28, 28, true);
        IdxFile.writeLabels(labelFile, labels, true);
    }

    /** The ae, vae and diffusion keys of a spec with tiny, fast models. */
    public static Map<String, Object> tinyModels() {
        Map<String, Object> autoencoder = Map.of("model", Map.of("latent_size", 4, "channels", List.of(4, 8)),
                "training", Map.of("epochs", 1, "batch_size", 16, "log_every", 2));
        return Map.of("ae", autoencoder, "vae", autoencoder,
                "diffusion", Map.of("model", Map.of("base_channels", 8, "channel_multipliers", List.of(1, 2), "attention", false, "groups", 4,
                        "timesteps", 30), "training", Map.of("epochs", 1, "batch_size", 16, "log_every", 2),
                        "sampling", Map.of("samples", 4, "other_samples", 2, "ddim_steps", 4),
                        "evaluation", Map.of("denoise_images", 2, "loss_images", 4, "chunk", 16)));
    }
}
