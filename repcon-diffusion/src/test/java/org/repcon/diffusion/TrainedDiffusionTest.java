package org.repcon.diffusion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repcon.data.FashionMnist;
import org.repcon.data.ImageSet;
import org.repcon.diffusion.experiment.DiffusionSmokeTest;
import org.repcon.diffusion.sampling.SamplerKind;
import org.repcon.experiment.Runner;

/**
 * A tiny {@code diffusion} run loaded back with {@link TrainedDiffusion}: the loaded model gives the run's own
 * figures (bits/dim, de-noising PSNR), samples are seeded, and bad inputs get messages naming the problem; a tiny
 * {@code diffusion-2d} run loads as a vector model.
 */
class TrainedDiffusionTest {
    private static Path dir;
    private static Map<String, Object> metrics;

    @BeforeAll
    static void run(@TempDir Path tmp) throws Exception {
        dir = tmp;
        Runner.Result result = DiffusionSmokeTest.runTiny(tmp);
        assertTrue(result.succeeded(), result::message);
        metrics = result.metrics();
    }

    private static double metric(String key) {
        return ((Number) metrics.get(key)).doubleValue();
    }

    private static ImageSet testImages() {
        return FashionMnist.load(dir.resolve("data"), FashionMnist.Split.TEST, 0);
    }

    @Test
    void theLoadedModelGivesTheRunsFigures() {
        try (TrainedDiffusion d = TrainedDiffusion.load(dir.resolve("run"))) {
            assertTrue(d.isImageModel());
            assertArrayEquals(new long[] {1, 28, 28}, d.sampleShape());
            double[] bpd = d.bitsPerDim(testImages().head((int) metric("likelihood_images")));
            assertEquals(metric("test_bits_per_dim"), DiffusionExperimentMath.mean(bpd), 1e-9 * Math.abs(metric("test_bits_per_dim")));
            double[] sigmas = {0.1, 0.2, 0.4};
            double[][] errors = d.denoisingErrors(testImages().head((int) metric("denoise_images")), sigmas, d.runDenoiseSeed());
            for (int j = 0; j < sigmas.length; j++) {
                double psnr = 0;
                for (double[] row : errors) {
                    psnr += 10 * Math.log10(4 / row[j]) / errors.length;
                }
                assertEquals(metric("denoise_psnr_" + sigmas[j]), psnr, 1e-9, "sigma " + sigmas[j]);
            }
        }
    }

    @Test
    void samplesAreSeededImagesInTheUnitRange() {
        try (TrainedDiffusion d = TrainedDiffusion.load(dir.resolve("run"))) {
            ImageSet a = d.sample(3, SamplerKind.DDIM, 5, 11);
            ImageSet b = d.sample(3, SamplerKind.DDIM, 5, 11);
            ImageSet c = d.sample(3, SamplerKind.DDIM, 5, 12);
            assertEquals(3, a.size());
            assertEquals(28, a.height());
            assertArrayEquals(a.pixels(), b.pixels());
            assertFalse(java.util.Arrays.equals(a.pixels(), c.pixels()));
            for (float p : a.pixels()) {
                assertTrue(p >= 0 && p <= 1, "pixel " + p);
            }
            ImageSet denoised = d.denoise(testImages().head(2), 0.2, 3);
            assertEquals(2, denoised.size());
        }
    }

    @Test
    void badInputsAreRefusedWithAMessage() throws Exception {
        try (TrainedDiffusion d = TrainedDiffusion.load(dir.resolve("run"))) {
            ImageSet small = new ImageSet("small", 1, 8, 8, new float[64], null, null);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.bitsPerDim(small));
            assertTrue(e.getMessage().contains("1x28x28") && e.getMessage().contains("got 1x8x8"), e.getMessage());
            ImageSet colour = new ImageSet("colour", 3, 28, 28, new float[3 * 784], null, null);
            e = assertThrows(IllegalArgumentException.class, () -> d.denoise(colour, 0.1, 1));
            assertTrue(e.getMessage().contains("got 3x28x28"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> d.sample(0, SamplerKind.DDPM, 1, 1));
            assertTrue(e.getMessage().contains("sample count"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> d.denoisingErrors(testImages().head(1), new double[] {-0.1}, 1));
            assertTrue(e.getMessage().contains("sigma"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> d.sample(1, SamplerKind.DDIM, 1000, 1));
            assertTrue(e.getMessage().contains("DDIM steps"), e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainedDiffusion.load(dir.resolve("data")));
        assertTrue(e.getMessage().contains("not a repcon run directory"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TrainedDiffusion.load(dir.resolve("run"), "moons"));
        assertTrue(e.getMessage().contains("is a run of 'diffusion'"), e.getMessage());
        Path copy = Files.createDirectories(dir.resolve("unfinished"));
        Files.copy(dir.resolve("run").resolve("spec.yaml"), copy.resolve("spec.yaml"));
        e = assertThrows(IllegalArgumentException.class, () -> TrainedDiffusion.load(copy));
        assertTrue(e.getMessage().contains("has no model.bin"), e.getMessage());
    }

    @Test
    void aDiffusion2dRunLoadsAsAVectorModel(@TempDir Path tmp) throws Exception {
        Map<String, Object> spec = Map.of("experiment", "diffusion-2d", "seed", 2, "threads", 1,
                "data", Map.of("datasets", List.of("ring"), "train", 256, "validation", 64, "test", 64),
                "model", Map.of("hidden", 16, "blocks", 1, "timesteps", 50, "input_embedding", 8),
                "training", Map.of("batch_size", 32, "stages", List.of(Map.of("optimizer", "adam", "steps", 10))),
                "sampling", Map.of("ddim_steps", 5, "samples", 64), "evaluation", Map.of("projections", 10, "grid", 4));
        Runner.Result result = new Runner(System.out, null).runNested(spec, tmp.resolve("run"), List.of("test"));
        assertTrue(result.succeeded(), result::message);
        try (TrainedDiffusion d = TrainedDiffusion.load(tmp.resolve("run"))) {
            assertFalse(d.isImageModel());
            double[][] points = d.samplePoints(5, SamplerKind.DDIM, 5, 1);
            assertEquals(5, points.length);
            assertEquals(2, points[0].length);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> d.sample(2, SamplerKind.DDPM, 1, 1));
            assertTrue(e.getMessage().contains("vector model"), e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainedDiffusion.load(tmp.resolve("run"), "moons"));
        assertTrue(e.getMessage().contains("model-moons.bin"), e.getMessage());
    }

    /** Plain means, as the experiment takes them. */
    static final class DiffusionExperimentMath {
        static double mean(double[] v) {
            double s = 0;
            for (double x : v) {
                s += x;
            }
            return s / v.length;
        }
    }
}
