package org.repcon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repcon.data.IdxFile;

/**
 * {@code repcon run diffusion --quick} on tiny data, then {@code repcon sample} and {@code repcon score} on its model:
 * PNGs of the model's size, a score row per image, conversions said, bad inputs refused with exit code 2 and nothing
 * written.
 */
class DiffusionCliTest {
    @TempDir
    static Path dir;

    private static Path run;

    @BeforeAll
    static void tinyRun() throws IOException {
        Path data = Files.createDirectories(dir.resolve("data"));
        write(data, "train", 48, 1);
        write(data, "t10k", 12, 2);
        Path runs = dir.resolve("runs");
        CliTest.Captured c = CliTest.run("run", AutoencoderCliTest.EXAMPLES.resolve("diffusion.yaml").toString(), "--quick", "--out", runs.toString(),
                "--progress", "log", "--set", "data.dir=" + data, "--set", "model.base_channels=8", "--set", "model.groups=4",
                "--set", "model.channel_multipliers=[1,2]", "--set", "model.attention=false", "--set", "training.batch_size=16",
                "--set", "sampling.samples=8", "--set", "sampling.other_samples=2", "--set", "sampling.ddim_steps=5",
                "--set", "evaluation.denoise_images=4", "--set", "evaluation.likelihood_images=2", "--set", "evaluation.loss_images=4",
                "--set", "evaluation.classifier_cache=" + dir.resolve("cache"));
        assertEquals(0, c.code(), c.stdout() + c.stderr());
        try (Stream<Path> s = Files.list(runs)) {
            run = s.findFirst().orElseThrow();
        }
    }

    private static void write(Path data, String prefix, int n, long seed) throws IOException {
        Random rng = new Random(seed);
        byte[] pixels = new byte[n * 784];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 2;
            for (int k = 0; k < 784; k++) {
                boolean on = (labels[i] == 0) == (k / 28 < 14);
                pixels[i * 784 + k] = (byte) ((on ? 200 : 10) + rng.nextInt(40));
            }
        }
        IdxFile.writeImages(data.resolve(prefix + "-images-idx3-ubyte.gz"), pixels, n, 28, 28, true);
        IdxFile.writeLabels(data.resolve(prefix + "-labels-idx1-ubyte.gz"), labels, true);
    }

    @Test
    void sampleWritesPngsOfTheModelsSize() throws IOException {
        Path out = dir.resolve("samples");
        CliTest.Captured c = CliTest.run("sample", "--model", run.toString(), "--n", "3", "--out", out.toString(), "--sampler", "ddim",
                "--steps", "5", "--seed", "4");
        assertEquals(0, c.code(), c.stderr());
        try (Stream<Path> s = Files.list(out)) {
            List<Path> pngs = s.sorted().toList();
            assertEquals(List.of("sample-0000.png", "sample-0001.png", "sample-0002.png"), pngs.stream().map(p -> p.getFileName().toString()).toList());
            BufferedImage img = ImageIO.read(pngs.get(0).toFile());
            assertEquals(28, img.getWidth());
        }
        Path none = dir.resolve("none");
        CliTest.Captured bad = CliTest.run("sample", "--model", run.toString(), "--n", "2", "--out", none.toString(), "--sampler", "euler");
        assertEquals(2, bad.code());
        assertTrue(bad.stderr().contains("unknown sampler 'euler'"), bad.stderr());
        bad = CliTest.run("sample", "--model", run.toString(), "--n", "2", "--out", none.toString(), "--steps", "5000");
        assertEquals(2, bad.code());
        assertTrue(bad.stderr().contains("DDIM steps"), bad.stderr());
        assertFalse(Files.exists(none), "nothing written on bad input");
    }

    @Test
    void scoreWritesOneRowPerImageAndSaysWhatWasConverted() throws IOException {
        Path images = Files.createDirectories(dir.resolve("images"));
        BufferedImage rgb = new BufferedImage(40, 40, BufferedImage.TYPE_INT_RGB);
        rgb.setRGB(3, 3, 0xFF0000);
        ImageIO.write(rgb, "png", images.resolve("big-colour.png").toFile());
        BufferedImage gray = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        ImageIO.write(gray, "png", images.resolve("plain.png").toFile());
        Path csv = dir.resolve("scores.csv");
        CliTest.Captured c = CliTest.run("score", "--model", run.toString(), "--input", images.toString(), "--out", csv.toString(),
                "--sigmas", "0.1,0.4");
        assertEquals(0, c.code(), c.stderr());
        assertTrue(c.stderr().contains("1 image(s) resized to 28x28 (the first from 40x40): big-colour.png"), c.stderr());
        assertTrue(c.stderr().contains("1 colour image(s) converted to grayscale"), c.stderr());
        List<String> rows = Files.readAllLines(csv);
        assertEquals("name,bits_per_dim,png_bits_per_dim,complexity_corrected,denoise_mse_0.1,denoise_mse_0.4,denoise_psnr_0.1,denoise_psnr_0.4", rows.get(0));
        assertEquals(3, rows.size());
        assertTrue(rows.get(1).startsWith("big-colour.png,"), rows.get(1));
        for (String v : rows.get(2).split(",", -1)) {
            assertFalse(v.isEmpty() || v.equals("NaN"), rows.get(2));
        }
        Path idxCsv = dir.resolve("idx.csv");
        c = CliTest.run("score", "--model", run.toString(), "--input", dir.resolve("data").resolve("t10k-images-idx3-ubyte.gz").toString(),
                "--out", idxCsv.toString());
        assertEquals(0, c.code(), c.stderr());
        assertEquals(13, Files.readAllLines(idxCsv).size());

        Path missing = dir.resolve("missing.csv");
        CliTest.Captured bad = CliTest.run("score", "--model", run.toString(), "--input", dir.resolve("nope").toString(), "--out", missing.toString());
        assertEquals(2, bad.code());
        assertTrue(bad.stderr().contains("does not exist"), bad.stderr());
        bad = CliTest.run("score", "--model", dir.resolve("data").toString(), "--input", images.toString(), "--out", missing.toString());
        assertEquals(2, bad.code());
        assertTrue(bad.stderr().contains("not a repcon run directory"), bad.stderr());
        assertFalse(Files.exists(missing));
    }
}
