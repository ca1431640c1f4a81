package org.repcon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repcon.data.IdxFile;
import org.repcon.experiment.RunDirectory;

/**
 * {@code repcon score} with verdicts: a tiny {@code anomaly-unlikely-unknown} run (2 VAEs) is trained, then its model
 * judges images. On the run's own validation images the command reproduces the run's verdict fractions exactly (same
 * members, seeds and thresholds); the same members given as an ensemble with {@code --validation} call at most the
 * false-alarm rate of the validation images unknown; bad combinations are refused with exit code 2 and no file.
 */
class AnomalyCliTest {
    @TempDir
    static Path dir;

    private static Path run;
    private static Path validation;

    @BeforeAll
    static void tinyRun() throws IOException {
        Path data = Files.createDirectories(dir.resolve("data"));
        write(data, "train", 300, 1);
        write(data, "t10k", 40, 2);
        Path runs = dir.resolve("runs");
        CliTest.Captured c = CliTest.run("run", AutoencoderCliTest.EXAMPLES.resolve("anomaly-unlikely-unknown.yaml").toString(), "--quick",
                "--out", runs.toString(), "--progress", "log", "--set", "threads=1", "--set", "data.dir=" + data, "--set", "data.ood=[uniform]",
                "--set", "data.ood_limit=12", "--set", "data.rare_fraction=0.2", "--set", "data.validation_fraction=0.2",
                "--set", "data.test_limit=40", "--set", "ensemble.members=2", "--set", "evaluation.bootstrap=30",
                "--set", "vae.model.latent_size=4", "--set", "vae.model.channels=[4, 8]", "--set", "vae.training.epochs=1",
                "--set", "vae.training.batch_size=16");
        assertEquals(0, c.code(), c.stdout() + c.stderr());
        try (Stream<Path> s = Files.list(runs)) {
            run = s.findFirst().orElseThrow();
        }
        validation = run.resolve("data/train/t10k-images-idx3-ubyte.gz");
    }

    /** Fashion-MNIST-shaped images with label i % 10: a bright bar at rows 2 label .. 2 label + 7, plus noise. */
    private static void write(Path data, String prefix, int n, long seed) {
        Random rng = new Random(seed);
        byte[] pixels = new byte[n * 784];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 10;
            for (int k = 0; k < 784; k++) {
                int r = k / 28;
                boolean inside = r >= 2 * labels[i] && r < 2 * labels[i] + 8 && k % 28 >= 4 && k % 28 < 24;
                pixels[i * 784 + k] = (byte) ((inside ? 200 : 20) + rng.nextInt(40));
            }
        }
        IdxFile.writeImages(data.resolve(prefix + "-images-idx3-ubyte.gz"), pixels, n, 28, 28, true);
        IdxFile.writeLabels(data.resolve(prefix + "-labels-idx1-ubyte.gz"), labels, true);
    }

    private static List<String[]> rows(Path csv) throws IOException {
        return Files.readAllLines(csv).stream().skip(1).map(l -> l.split(",")).toList();
    }

    @Test
    void aRunsModelJudgesItsValidationImagesAsTheRunDid() throws IOException {
        Path csv = dir.resolve("verdicts.csv");
        CliTest.Captured c = CliTest.run("score", "--model", run.toString(), "--input", validation.toString(), "--out", csv.toString(),
                "--progress", "none");
        assertEquals(0, c.code(), c.stdout() + c.stderr());
        List<String> lines = Files.readAllLines(csv);
        assertEquals("name,density_neg_elbo,knowledge_recon_disagreement,knowledge_elbo_spread,combination_residual,"
                + "density_complexity_corrected,png_bits_per_dim,verdict", lines.get(0));
        List<String[]> rows = rows(csv);
        assertEquals(IdxFile.readLabels(run.resolve("data/train/t10k-labels-idx1-ubyte.gz")).length, rows.size());
        Map<String, Object> m = RunDirectory.readJson(new RunDirectory(run).metricsJson());
        for (String v : List.of("typical", "unlikely", "unknown")) {
            double share = rows.stream().filter(r -> r[7].equals(v)).count() / (double) rows.size();
            assertEquals(((Number) m.get("verdict_validation_" + v)).doubleValue(), share, 1e-9, v);
        }
        assertTrue(c.stdout().contains(String.format(java.util.Locale.ROOT, "unknown if combination > %.4f",
                ((Number) m.get("unknown_threshold")).doubleValue())), c.stdout());
        assertTrue(c.stdout().contains(String.format(java.util.Locale.ROOT, "density > %.4f bits/dim", ((Number) m.get("tail_threshold")).doubleValue())),
                c.stdout());
        for (String[] r : rows) {
            double density = Double.parseDouble(r[1]);
            double png = Double.parseDouble(r[6]);
            assertEquals(density - png, Double.parseDouble(r[5]), 1e-4 * Math.abs(density) + 1e-5, "complexity correction");
        }
    }

    @Test
    void anEnsembleOfVaeRunsSetsItsThresholdsOnTheValidationImages() throws IOException {
        Path csv = dir.resolve("ensemble.csv");
        Path members = run.resolve("runs");
        CliTest.Captured c = CliTest.run("score", "--model", members.resolve("vae-1").toString(), "--model", members.resolve("vae-2").toString(),
                "--validation", validation.toString(), "--input", validation.toString(), "--out", csv.toString(), "--false-alarm", "0.1",
                "--progress", "none");
        assertEquals(0, c.code(), c.stdout() + c.stderr());
        List<String[]> rows = rows(csv);
        long unknown = rows.stream().filter(r -> r[7].equals("unknown")).count();
        assertTrue(unknown <= Math.floor(0.1 * rows.size()), unknown + " of " + rows.size() + " validation images called unknown at a 10% rate");
        // the combination is a least-squares residual over these very images: mean 0
        assertEquals(0, rows.stream().mapToDouble(r -> Double.parseDouble(r[4])).average().orElseThrow(), 1e-4);
        assertTrue(Arrays.stream(new String[] {"typical", "unlikely", "unknown"}).anyMatch(v -> rows.stream().anyMatch(r -> r[7].equals(v))));
    }

    @Test
    void badCombinationsAreRefusedAndNothingIsWritten() {
        Path members = run.resolve("runs");
        Path none = dir.resolve("none.csv");
        CliTest.Captured c = CliTest.run("score", "--model", members.resolve("vae-1").toString(), "--model", members.resolve("vae-2").toString(),
                "--input", validation.toString(), "--out", none.toString());
        assertEquals(2, c.code());
        assertTrue(c.stderr().contains("needs --validation"), c.stderr());
        c = CliTest.run("score", "--model", members.resolve("vae-1").toString(), "--input", validation.toString(), "--out", none.toString());
        assertEquals(2, c.code());
        assertTrue(c.stderr().contains("verdicts need an ensemble"), c.stderr());
        c = CliTest.run("score", "--model", members.resolve("vae-1").toString(), "--model", run.toString(), "--validation", validation.toString(),
                "--input", validation.toString(), "--out", none.toString());
        assertEquals(2, c.code());
        assertTrue(c.stderr().contains("is a run of anomaly-unlikely-unknown"), c.stderr());
        c = CliTest.run("score", "--model", run.toString(), "--input", validation.toString(), "--out", none.toString(), "--false-alarm", "1.5");
        assertEquals(2, c.code());
        assertTrue(c.stderr().contains("false-alarm rate must be in (0, 1)"), c.stderr());
        c = CliTest.run("score", "--model", run.toString(), "--input", dir.resolve("missing.png").toString(), "--out", none.toString());
        assertEquals(2, c.code());
        assertFalse(Files.exists(none));
    }
}
