package org.repcon.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repcon.data.IdxFile;
import org.repcon.experiment.RunDirectory;

/** End to end: the autoencoder experiment, the comparison suite, encode/decode and resume, on tiny self-made IDX data. */
class AutoencoderCliTest {
    static final Path EXAMPLES = Path.of("..", "examples");

    @TempDir
    static Path data;

    @TempDir
    Path out;

    /** 96 training and 40 test images of three classes: a bright square in a class-specific corner, plus noise. */
    @BeforeAll
    static void tinyFashionMnist() throws IOException {
        write("train", 96, 1);
        write("t10k", 40, 2);
    }

    private static void write(String prefix, int n, long seed) throws IOException {
        Random rng = new Random(seed);
        byte[] pixels = new byte[n * 28 * 28];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 3;
            int y0 = labels[i] == 0 ? 3 : 14;
            int x0 = labels[i] == 1 ? 3 : 14;
            for (int y = 0; y < 28; y++) {
                for (int x = 0; x < 28; x++) {
                    boolean on = y >= y0 && y < y0 + 10 && x >= x0 && x < x0 + 10;
                    int v = (on ? 200 : 10) + rng.nextInt(40);
                    pixels[i * 784 + y * 28 + x] = (byte) v;
                }
            }
        }
        IdxFile.writeImages(data.resolve(prefix + "-images-idx3-ubyte.gz"), pixels, n, 28, 28, true);
        IdxFile.writeLabels(data.resolve(prefix + "-labels-idx1-ubyte.gz"), labels, true);
    }

    private String[] small(String... extra) {
        List<String> a = new ArrayList<>(List.of("run", EXAMPLES.resolve("autoencoder.yaml").toString(), "--out", out.toString(),
                "--progress", "log", "--set", "data.dir=" + data, "--set", "training.batch_size=32", "--set", "training.epochs=2",
                "--set", "evaluation.embedding_points=40", "--set", "evaluation.knn_train_subsample=0", "--set", "training.log_every=1",
                "--set", "training.checkpoint_every=2", "--set", "training.keep_checkpoints=10"));
        for (String e : extra) {
            a.add("--set");
            a.add(e);
        }
        return a.toArray(String[]::new);
    }

    private static Path tinyModel;

    /** A 1-epoch autoencoder run on the tiny data, trained once for the tests that only use its model (do not change it). */
    private Path tinyModel() throws IOException {
        if (tinyModel == null) {
            Path runs = data.resolve("tiny-model");
            List<String> a = new ArrayList<>(List.of(small("training.epochs=1")));
            a.set(a.indexOf(out.toString()), runs.toString());
            CliTest.Captured c = CliTest.run(a.toArray(String[]::new));
            assertEquals(0, c.code(), c.stdout() + c.stderr());
            try (Stream<Path> s = Files.list(runs)) {
                tinyModel = s.findFirst().orElseThrow();
            }
        }
        return tinyModel;
    }

    private Path onlyRunDir() throws IOException {
        try (Stream<Path> s = Files.list(out)) {
            List<Path> dirs = s.filter(Files::isDirectory).toList();
            assertEquals(1, dirs.size(), "one run directory expected, got " + dirs);
            return dirs.get(0);
        }
    }

    @Test
    void aeRunsEvaluatesAndItsModelEncodesAndDecodes() throws IOException {
        CliTest.Captured c = CliTest.run(small());
        assertEquals(0, c.code(), c.stdout() + c.stderr());
        Path dir = onlyRunDir();
        Map<String, Object> m = RunDirectory.readJson(dir.resolve("metrics.json"));
        for (String key : List.of("test_mse", "test_psnr", "probe_accuracy", "knn_accuracy", "sparsity", "sphere_violation",
                "simplex_violation", "invariance_error", "train_images_per_second", "steps")) {
            assertTrue(m.get(key) instanceof Number, "metrics.json lacks " + key + ": " + m);
        }
        assertEquals(4, ((Number) m.get("steps")).intValue(), "2 epochs of 2 batches of 32: 86 training images, 10 of the 96 held out for validation");
        assertTrue(m.get("val_mse") instanceof Number && m.get("val_knn_accuracy") instanceof Number
                && m.get("val_probe_accuracy") instanceof Number, "validation metrics: " + m);
        double mse = ((Number) m.get("test_mse")).doubleValue();
        assertTrue(mse > 0 && mse < 0.25, "test_mse " + mse);
        for (String f : List.of("model.bin", "plots/reconstructions.png", "plots/latent_map.png", "plots/traversals.png", "plots/loss.png")) {
            assertTrue(Files.exists(dir.resolve(f)), "missing " + f);
        }
        List<String> csv = Files.readAllLines(dir.resolve("metrics.csv"));
        assertTrue(csv.get(0).endsWith(",val_mse"), "per epoch the validation MSE, never the test set's: " + csv.get(0));
        assertTrue(!csv.get(2).endsWith(",") && !csv.get(4).endsWith(","), "val_mse logged at the end of each epoch:\n" + csv);

        // encode the test IDX file, then decode the latents back to PNGs
        Path latents = out.resolve("latents.csv");
        CliTest.Captured e = CliTest.run("encode", "--model", dir.toString(), "--input", data.resolve("t10k-images-idx3-ubyte.gz").toString(),
                "--out", latents.toString());
        assertEquals(0, e.code(), e.stderr());
        List<String> rows = Files.readAllLines(latents);
        assertEquals(41, rows.size());
        assertTrue(rows.get(0).startsWith("name,label,z0,z1,") && rows.get(0).endsWith(",z31"), rows.get(0));
        Path images = out.resolve("decoded");
        CliTest.Captured d = CliTest.run("decode", "--model", dir.toString(), "--input", latents.toString(), "--out", images.toString());
        assertEquals(0, d.code(), d.stderr());
        try (Stream<Path> s = Files.list(images)) {
            List<Path> pngs = s.toList();
            assertEquals(40, pngs.size());
            BufferedImage img = ImageIO.read(pngs.get(0).toFile());
            assertEquals(28, img.getWidth());
            assertEquals(28, img.getHeight());
        }

        // bad input: a malformed latents file, a directory that is not a run
        Files.writeString(out.resolve("bad.csv"), "name,label,z0\nx,,0.5\n");
        CliTest.Captured bad = CliTest.run("decode", "--model", dir.toString(), "--input", out.resolve("bad.csv").toString(), "--out",
                out.resolve("x").toString());
        assertEquals(2, bad.code());
        assertTrue(bad.stderr().contains("1 latent columns but the model's latent has 32"), bad.stderr());
        CliTest.Captured notRun = CliTest.run("encode", "--model", data.toString(), "--input", data.toString(), "--out", latents.toString());
        assertEquals(2, notRun.code());
        assertTrue(notRun.stderr().contains("not a repcon run directory"), notRun.stderr());

        // the trained encoder's first convolution as the frozen feature network of a perceptual loss
        Path second = out.resolve("second");
        List<String> args = new ArrayList<>(List.of(small("loss.perceptual=1", "loss.perceptual_features=checkpoint:" + dir)));
        args.set(args.indexOf(out.toString()), second.toString());
        CliTest.Captured p = CliTest.run(args.toArray(String[]::new));
        assertEquals(0, p.code(), p.stdout() + p.stderr());
        try (Stream<Path> s = Files.list(second)) {
            Path run = s.findFirst().orElseThrow();
            String header = Files.readAllLines(run.resolve("metrics.csv")).get(0);
            assertTrue(header.contains(",l2,perceptual,total,"), header);
            double perceptual = Double.parseDouble(Files.readAllLines(run.resolve("metrics.csv")).get(1).split(",")[4]);
            assertTrue(perceptual > 0, "perceptual term " + perceptual);
        }
    }

    @Test
    void aCorruptOrTruncatedModelIsRefusedNamingTheFile() throws IOException {
        Path dir = out.resolve("copy");
        CliTest.copyTree(tinyModel(), dir);
        Path model = dir.resolve("model.bin");
        byte[] good = Files.readAllBytes(model);
        byte[] corrupt = good.clone();
        for (int i = corrupt.length / 2; i < corrupt.length / 2 + 64; i++) {
            corrupt[i] ^= 0x5A;
        }
        Path input = data.resolve("t10k-images-idx3-ubyte.gz");
        Path latents = out.resolve("z.csv");
        Map<byte[], String> cases = new java.util.LinkedHashMap<>();
        cases.put(corrupt, "is corrupt (checksum mismatch)");
        cases.put(java.util.Arrays.copyOf(good, good.length - 100), "is truncated");
        for (Map.Entry<byte[], String> k : cases.entrySet()) {
            Files.write(model, k.getKey());
            CliTest.Captured e = CliTest.run("encode", "--model", dir.toString(), "--input", input.toString(), "--out", latents.toString());
            assertEquals(2, e.code(), e.stdout() + e.stderr());
            assertTrue(e.stderr().contains("model file " + model + " " + k.getValue()), e.stderr());
            assertTrue(!Files.exists(latents), "nothing is written");
        }
    }

    @Test
    void encodeAndDecodeNeverLeaveHalfWrittenFilesAndSayWhy() throws IOException {
        String model = tinyModel().toString();
        String input = data.resolve("t10k-images-idx3-ubyte.gz").toString();
        Path full = Path.of("/dev/full"); // every write fails with ENOSPC, like a full disk
        Path file = Files.writeString(out.resolve("afile"), "x");
        Path latents = out.resolve("z.csv");

        // encode: a full disk, and a file where the output's folder should be
        if (Files.exists(full)) {
            Path link = Files.createSymbolicLink(out.resolve("full.csv"), full);
            CliTest.Captured e = CliTest.run("encode", "--model", model, "--input", input, "--out", link.toString());
            assertEquals(2, e.code(), e.stdout() + e.stderr());
            assertTrue(e.stderr().contains("error: cannot write " + link + ": No space left on device"), e.stderr());
            assertTrue(Files.isSymbolicLink(link), "the link is written through, not replaced");
        }
        CliTest.Captured e = CliTest.run("encode", "--model", model, "--input", input, "--out", file.resolve("z.csv").toString());
        assertEquals(2, e.code());
        assertTrue(e.stderr().contains("error: cannot create the folder " + file + ": " + file + " exists and is not a folder"), e.stderr());
        assertEquals(0, CliTest.run("encode", "--model", model, "--input", input, "--out", latents.toString()).code());

        // decode: a full disk, and a file where the output folder should be
        Path pngs = out.resolve("pngs");
        if (Files.exists(full)) {
            Files.createDirectories(pngs);
            String first = Files.readAllLines(latents).get(1).split(",")[0];
            Path link = Files.createSymbolicLink(pngs.resolve(first + ".png"), full);
            CliTest.Captured d = CliTest.run("decode", "--model", model, "--input", latents.toString(), "--out", pngs.toString());
            assertEquals(2, d.code(), d.stdout() + d.stderr());
            assertTrue(d.stderr().contains("error: cannot write " + link + ": ") && d.stderr().contains("No space left on device"), d.stderr());
            assertTrue(Files.isSymbolicLink(link), "the link is written through, not replaced");
        }
        CliTest.Captured d = CliTest.run("decode", "--model", model, "--input", latents.toString(), "--out", file.toString());
        assertEquals(2, d.code());
        assertTrue(d.stderr().contains("error: cannot create the folder " + file + ": " + file + " exists and is not a folder"), d.stderr());
    }

    @Test
    void decodeRefusesRowsThatWouldOverwriteEachOtherBeforeWritingAnything() throws IOException {
        String model = tinyModel().toString();
        Path latents = out.resolve("z.csv");
        assertEquals(0, CliTest.run("encode", "--model", model, "--input", data.resolve("t10k-images-idx3-ubyte.gz").toString(),
                "--out", latents.toString()).code());
        List<String> rows = new ArrayList<>(Files.readAllLines(latents));
        rows.set(2, rows.get(2).replaceFirst("^1,", "shoe.png,"));
        rows.set(5, rows.get(5).replaceFirst("^4,", "shoe.jpg,")); // both decode to shoe.png
        Files.write(latents, rows);
        Path pngs = out.resolve("pngs");
        CliTest.Captured d = CliTest.run("decode", "--model", model, "--input", latents.toString(), "--out", pngs.toString());
        assertEquals(2, d.code(), d.stdout() + d.stderr());
        assertTrue(d.stderr().contains("error: " + latents + ": rows 2 ('shoe.png') and 5 ('shoe.jpg') would both be decoded to "
                + pngs.resolve("shoe.png")), d.stderr());
        assertTrue(!Files.exists(pngs), "nothing is written");
        rows.set(5, rows.get(5).replaceFirst("^shoe.jpg,", "boot.jpg,"));
        Files.write(latents, rows);
        assertEquals(0, CliTest.run("decode", "--model", model, "--input", latents.toString(), "--out", pngs.toString()).code());
        try (Stream<Path> s = Files.list(pngs)) {
            assertEquals(40, s.count(), "one PNG per row");
        }
    }

    @Test
    void aFolderOfRgbImagesIsASource() throws IOException {
        Path folder = out.resolve("images");
        Files.createDirectories(folder);
        Random rng = new Random(5);
        for (int i = 0; i < 20; i++) {
            BufferedImage img = new BufferedImage(20, 12, BufferedImage.TYPE_INT_RGB); // resized to 16 x 16 by the loader
            for (int y = 0; y < 12; y++) {
                for (int x = 0; x < 20; x++) {
                    img.setRGB(x, y, (x < 10 == (i % 2 == 0)) ? 0xC04020 + rng.nextInt(16) : 0x102040);
                }
            }
            ImageIO.write(img, "png", folder.resolve(String.format("img%02d.png", i)).toFile());
        }
        CliTest.Captured c = CliTest.run("run", EXAMPLES.resolve("autoencoder.yaml").toString(), "--out", out.resolve("runs").toString(),
                "--progress", "none", "--set", "data={source: images, dir: " + folder + ", channels: 3, height: 16, width: 16, test_fraction: 0.25}",
                "--set", "training.batch_size=5", "--set", "training.epochs=1", "--set", "model.latent_size=8",
                "--set", "evaluation.embedding=pca");
        assertEquals(0, c.code(), c.stdout() + c.stderr());
        Path run;
        try (Stream<Path> s = Files.list(out.resolve("runs"))) {
            run = s.findFirst().orElseThrow();
        }
        Map<String, Object> m = RunDirectory.readJson(run.resolve("metrics.json"));
        assertEquals(2, ((Number) m.get("steps")).intValue(), "13 training images (2 of 15 held out for validation) in batches of 5");
        assertTrue(!m.containsKey("probe_accuracy"), "no labels, no probe: " + m);
        Path latents = out.resolve("z.csv");
        CliTest.Captured e = CliTest.run("encode", "--model", run.toString(), "--input", folder.resolve("img03.png").toString(), "--out",
                latents.toString());
        assertEquals(0, e.code(), e.stderr());
        assertTrue(Files.readAllLines(latents).get(1).startsWith("img03.png,,"), Files.readString(latents));
    }

    @Test
    void vaeWithAugmentationAndInvarianceResumesExactly() throws IOException {
        CliTest.Captured c = CliTest.run(small("model.type=vae", "conditions.kl=0.01", "transformations.augment=true",
                "transformations.invariance=0.5", "evaluation.embedding=pca"));
        assertEquals(0, c.code(), c.stdout() + c.stderr());
        Path full = onlyRunDir();
        Map<String, Object> m = RunDirectory.readJson(full.resolve("metrics.json"));
        assertTrue(m.get("active_units") instanceof Number && m.get("kl") instanceof Number, m.toString());
        String header = Files.readAllLines(full.resolve("metrics.csv")).get(0);
        assertTrue(header.contains(",l2,kl,invariance,total,"), header);
        Path copy = out.resolveSibling(out.getFileName() + "-cut");
        CliTest.copyTree(full, copy);
        try (Stream<Path> s = Files.list(copy.resolve("checkpoints"))) {
            for (Path p : s.toList()) {
                if (Long.parseLong(p.getFileName().toString().replaceAll("\\D", "")) > 2) {
                    Files.delete(p);
                }
            }
        }
        Files.delete(copy.resolve("metrics.json"));
        Files.delete(copy.resolve("model.bin"));
        new RunDirectory(copy).writeStatus("running", null);
        CliTest.Captured r = CliTest.run("resume", copy.toString(), "--progress", "log");
        assertEquals(0, r.code(), r.stdout() + r.stderr());
        assertArrayEquals(Files.readAllBytes(full.resolve("model.bin")), Files.readAllBytes(copy.resolve("model.bin")),
                "resuming at step 2 (noise, augmentation and batches drawn from seed and step) reproduces the weights");
    }

    @Test
    void suiteComparesVariantsInOneTable() throws IOException {
        Path spec = out.resolve("suite.yaml");
        Files.writeString(spec, String.join("\n",
                "experiment: ae-suite",
                "seed: 3",
                "base:",
                "  data: {dir: " + data + "}",
                "  training: {batch_size: 32, epochs: 1}",
                "  evaluation: {embedding: pca, embedding_points: 40, knn_train_subsample: 0}",
                "variants:",
                "  - name: vq",
                "    about: VQ-VAE on a matrix latent",
                "    set: {model.type: vqvae, model.latent_space: matrix, model.latent_size: 4, model.codebook_size: 16}",
                "  - name: sphere",
                "    set: {model.projection: unit_sphere}",
                ""));
        Path runs = out.resolve("runs");
        CliTest.Captured c = CliTest.run("run", spec.toString(), "--out", runs.toString(), "--progress", "none");
        assertEquals(0, c.code(), c.stdout() + c.stderr());
        Path dir;
        try (Stream<Path> s = Files.list(runs)) {
            dir = s.findFirst().orElseThrow();
        }
        List<String> table = Files.readAllLines(dir.resolve("comparison.csv"));
        assertEquals(3, table.size(), String.join("\n", table));
        Map<String, Object> vq = RunDirectory.readJson(dir.resolve("runs/vq/metrics.json"));
        assertTrue(((Number) vq.get("codebook_perplexity")).doubleValue() >= 1, vq.toString());
        assertTrue(Files.exists(dir.resolve("runs/vq/plots/codebook_usage.png")));
        Map<String, Object> sphere = RunDirectory.readJson(dir.resolve("runs/sphere/metrics.json"));
        assertTrue(((Number) sphere.get("sphere_violation")).doubleValue() < 1e-4, "projected latents lie on the sphere: " + sphere);
        assertNotEquals(vq.get("test_mse"), sphere.get("test_mse"));

        // a variant that changes an unknown key is rejected before anything trains
        Files.writeString(spec, Files.readString(spec).replace("model.projection: unit_sphere", "model.projektion: unit_sphere"));
        CliTest.Captured bad = CliTest.run("run", spec.toString(), "--out", out.resolve("bad").toString());
        assertEquals(2, bad.code());
        assertTrue(bad.stdout().contains("projektion") || bad.stderr().contains("projektion"), bad.stdout() + bad.stderr());
        assertTrue(!Files.exists(out.resolve("bad")), "nothing is written for an invalid suite");
    }

    @Test
    void validateRejectsVariantNamesThatAreNotFolderNames() throws IOException {
        for (String bad : List.of(".", "..", "a/b")) {
            Path spec = out.resolve("suite.yaml");
            Files.writeString(spec, String.join("\n", "experiment: ae-suite", "base:", "  data: {dir: " + data + "}",
                    "variants:", "  - name: '" + bad + "'", "    set: {loss.l1: 1}", ""));
            CliTest.Captured c = CliTest.run("validate", spec.toString());
            assertEquals(2, c.code(), bad + ": " + c.stdout() + c.stderr());
            assertTrue(c.stderr().contains("variants[0].name") && c.stderr().contains(bad), c.stderr());
            CliTest.Captured r = CliTest.run("run", spec.toString(), "--out", out.resolve("runs").toString());
            assertEquals(2, r.code(), bad + ": " + r.stdout() + r.stderr());
            assertTrue(!Files.exists(out.resolve("runs")), "nothing is written for an invalid variant name");
        }
    }

    /** Runs {@code args} expecting exit 2, a message holding every one of {@code expected}, no stack trace, nothing written. */
    private void badInput(Path runs, List<String> expected, String... args) {
        CliTest.Captured c = CliTest.run(args);
        String all = c.stdout() + c.stderr();
        assertEquals(2, c.code(), all);
        for (String e : expected) {
            assertTrue(c.stderr().contains(e), "stderr should name " + e + ":\n" + all);
        }
        assertTrue(!all.contains("\tat org.repcon"), "a message, not a stack trace:\n" + all);
        assertTrue(!Files.exists(runs), "nothing is written: " + runs);
    }

    @Test
    void missingDataFilesAreBadInputCaughtBeforeTheRunDirectoryExists() throws IOException {
        String spec = EXAMPLES.resolve("autoencoder.yaml").toString();
        Path runs = out.resolve("runs");
        // the folder exists but holds none of the four files (the README: exit 2, nothing written)
        Path empty = Files.createDirectories(out.resolve("empty"));
        badInput(runs, List.of(empty.resolve("train-images-idx3-ubyte.gz").toString(), "apt-get install dataset-fashion-mnist"),
                "run", spec, "--out", runs.toString(), "--set", "data.dir=" + empty);
        badInput(runs, List.of("train-images-idx3-ubyte.gz", "apt-get install dataset-fashion-mnist"),
                "validate", spec, "--set", "data.dir=" + empty);
        // only the training files: the test files are named
        Path half = Files.createDirectories(out.resolve("half"));
        for (String f : List.of("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz")) {
            Files.copy(data.resolve(f), half.resolve(f));
        }
        badInput(runs, List.of(half.resolve("t10k-images-idx3-ubyte.gz").toString(), "apt-get install dataset-fashion-mnist"),
                "run", spec, "--out", runs.toString(), "--set", "data.dir=" + half);
        // a file that is not an IDX file
        Path junk = Files.createDirectories(out.resolve("junk"));
        for (String f : List.of("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte.gz")) {
            Files.copy(data.resolve(f.endsWith(".gz") ? f : f + ".gz"), junk.resolve(f));
        }
        Files.writeString(junk.resolve("t10k-images-idx3-ubyte"), "not an IDX file");
        badInput(runs, List.of(junk.resolve("t10k-images-idx3-ubyte").toString()),
                "run", spec, "--out", runs.toString(), "--set", "data.dir=" + junk);
        // a folder of images without images
        badInput(runs, List.of(empty.toString(), "no images"),
                "run", spec, "--out", runs.toString(), "--set", "data={source: images, dir: " + empty + "}");
        // the perceptual loss's feature network
        badInput(runs, List.of(out.resolve("features.pt").toString()), "run", spec, "--out", runs.toString(), "--set",
                "data.dir=" + data, "--set", "loss.perceptual=1", "--set", "loss.perceptual_features=torchscript:" + out.resolve("features.pt"));
        badInput(runs, List.of(out.resolve("no-run").toString()), "run", spec, "--out", runs.toString(), "--set",
                "data.dir=" + data, "--set", "loss.perceptual=1", "--set", "loss.perceptual_features=checkpoint:" + out.resolve("no-run"));
        // a suite whose base points at the empty folder: refused before any variant trains
        Path suite = out.resolve("suite.yaml");
        Files.writeString(suite, "experiment: ae-suite\nbase:\n  data: {dir: " + empty + "}\n");
        badInput(runs, List.of("train-images-idx3-ubyte.gz", "apt-get install dataset-fashion-mnist"),
                "run", suite.toString(), "--out", runs.toString());
    }

    /**
     * A projection on a VAE (it would break the reparameterised posterior) or a VQ-VAE (z leaves the codebook) is
     * bad input naming both keys, found by validate and before a run writes anything.
     */
    @Test
    void aProjectionOnAVaeOrVqVaeIsBadInputNamingBothKeys() {
        String spec = EXAMPLES.resolve("autoencoder.yaml").toString();
        Path runs = out.resolve("runs");
        String dir = "data.dir=" + data;
        badInput(runs, List.of("model.projection: unit_sphere", "model.type: vae", "reparameterised posterior"),
                "validate", spec, "--set", dir, "--set", "model.type=vae", "--set", "model.projection=unit_sphere");
        badInput(runs, List.of("model.projection: simplex_softmax", "model.type: vqvae"),
                "run", spec, "--out", runs.toString(), "--set", dir, "--set", "model.type=vqvae", "--set", "model.projection=simplex_softmax");
        badInput(runs, List.of("conditions.kl_warmup_steps", "model.type: ae"),
                "validate", spec, "--set", dir, "--set", "conditions.kl_warmup_steps=100");
    }

    /**
     * A test share of an image folder that rounds to no image would test on the training images (it did, silently):
     * bad input naming data.test_fraction and the folder's size, found by validate and before a run writes anything.
     */
    @Test
    void aTestFractionThatRoundsToNoImageIsBadInputNamingTheKeyAndTheFolderSize() throws IOException {
        Path folder = Files.createDirectories(out.resolve("four"));
        for (int i = 0; i < 4; i++) {
            BufferedImage img = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
            img.setRGB(i, i, 0xffffff);
            ImageIO.write(img, "png", folder.resolve("img" + i + ".png").toFile());
        }
        String spec = EXAMPLES.resolve("autoencoder.yaml").toString();
        Path runs = out.resolve("runs");
        for (String fraction : List.of("0.1", "0")) { // 0.4 and 0 images round to 0
            String data = "data={source: images, dir: " + folder + ", height: 8, width: 8, test_fraction: " + fraction + "}";
            List<String> expected = List.of("data.test_fraction", "4 image(s) in " + folder);
            badInput(runs, expected, "validate", spec, "--set", data);
            badInput(runs, expected, "run", spec, "--out", runs.toString(), "--set", data);
        }
    }

    @Test
    void resumeWhenTheDataIsGoneIsBadInputAndTouchesNothing(@TempDir Path elsewhere) throws IOException {
        Path copy = Files.createDirectories(elsewhere.resolve("data-copy"));
        try (Stream<Path> s = Files.list(data)) {
            for (Path f : s.toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        List<String> args = new ArrayList<>(List.of(small("data.dir=" + copy)));
        CliTest.Captured c = CliTest.run(args.toArray(String[]::new));
        assertEquals(0, c.code(), c.stdout() + c.stderr());
        Path dir = onlyRunDir();
        new RunDirectory(dir).writeStatus("failed", "simulated");
        byte[] status = Files.readAllBytes(dir.resolve("status.json"));
        byte[] metrics = Files.readAllBytes(dir.resolve("metrics.csv"));
        Files.delete(copy.resolve("t10k-labels-idx1-ubyte.gz"));
        CliTest.Captured r = CliTest.run("resume", dir.toString(), "--progress", "none");
        assertEquals(2, r.code(), r.stdout() + r.stderr());
        assertTrue(r.stderr().contains(copy.resolve("t10k-labels-idx1-ubyte.gz").toString()) && r.stderr().contains("apt-get install"), r.stderr());
        assertArrayEquals(status, Files.readAllBytes(dir.resolve("status.json")), "status.json untouched");
        assertArrayEquals(metrics, Files.readAllBytes(dir.resolve("metrics.csv")), "metrics.csv untouched");
    }

    @Test
    void missingDataSaysHowToInstallIt() {
        CliTest.Captured c = CliTest.run("run", EXAMPLES.resolve("autoencoder.yaml").toString(), "--out", out.toString(), "--set",
                "data.dir=" + out.resolve("nowhere"));
        assertEquals(2, c.code());
        assertTrue((c.stdout() + c.stderr()).contains("apt-get install dataset-fashion-mnist"), c.stdout() + c.stderr());
    }
}
