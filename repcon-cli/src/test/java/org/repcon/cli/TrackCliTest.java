package org.repcon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code repcon track} on generated PNGs with a tiny trained tracker; images of another size are rejected; outputs
 * are never left half-written or silently overwritten.
 */
class TrackCliTest {
    @TempDir
    static Path shared;

    static Path model;

    @TempDir
    Path out;

    @BeforeAll
    static void tinyTracker() throws IOException {
        CliTest.Captured run = CliTest.run("run", Path.of("..", "examples", "tracker.yaml").toString(), "--out", shared.resolve("runs").toString(),
                "--progress", "none", "--set", "threads=1", "--set", "data={size: 32, train_images: 16, test_images: 6}",
                "--set", "model.channels=[8, 8]", "--set", "training.batch_size=8", "--set", "training.epochs=1",
                "--set", "evaluation.overlay_images=2", "--set", "transformations.crop_radius=12");
        assertEquals(0, run.code(), run.stdout() + run.stderr());
        try (Stream<Path> s = Files.list(shared.resolve("runs"))) {
            model = s.findFirst().orElseThrow();
        }
    }

    private Path images(int n) {
        Path dir = out.resolve("images");
        assertEquals(0, CliTest.run("data", "lines", "--n", Integer.toString(n), "--size", "32", "--out", dir.toString()).code());
        return dir;
    }

    private List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    @Test
    void tracksPngsIntoCsvAndOverlays() throws IOException {
        Path images = images(3);
        Path csv = out.resolve("tracks.csv");
        CliTest.Captured t = CliTest.run("track", "--model", model.toString(), "--input", images.toString(), "--out",
                csv.toString(), "--overlay", out.resolve("overlay").toString());
        assertEquals(0, t.code(), t.stdout() + t.stderr());
        List<String> rows = Files.readAllLines(csv);
        assertEquals("file,slot,presence,angle_rad,offset_px,x1,y1,x2,y2", rows.get(0));
        assertEquals(3, files(out.resolve("overlay")).size());
        assertEquals(0, CliTest.run("data", "lines", "--n", "1", "--size", "64", "--out", out.resolve("big").toString()).code());
        CliTest.Captured bad = CliTest.run("track", "--model", model.toString(), "--input", out.resolve("big").toString(), "--out",
                out.resolve("x.csv").toString());
        assertEquals(2, bad.code());
        assertTrue(bad.stderr().contains("64"), bad.stderr());
    }

    @Test
    void aFullDiskLeavesThePreviousCsvAndNamesTheFile() throws IOException {
        Assumptions.assumeTrue(FullDisk.available(), "needs Linux and bash");
        Path images = images(200); // a CSV of a few KiB, even from a tiny model that finds few tracks
        Path csv = out.resolve("tracks.csv");
        Files.writeString(csv, "the previous tracks\n");
        CliTest.Captured t = FullDisk.run(1, "track", "--model", model.toString(), "--input", images.toString(), "--out", csv.toString());
        assertEquals(2, t.code(), t.stdout() + t.stderr());
        assertTrue(t.stderr().contains("error: cannot write " + csv + ": File too large"), t.stderr());
        assertEquals("the previous tracks\n", Files.readString(csv), "the old CSV is not replaced by part of a new one");
        assertEquals(List.of(images, csv), files(out), "no temporary file is left");
    }

    @Test
    void anOutputUnderAFileIsRefusedNamingBoth() throws IOException {
        Path images = images(1);
        Path file = Files.writeString(out.resolve("afile"), "x");
        CliTest.Captured t = CliTest.run("track", "--model", model.toString(), "--input", images.toString(), "--out",
                file.resolve("tracks.csv").toString());
        assertEquals(2, t.code());
        assertTrue(t.stderr().contains("error: cannot write " + file.resolve("tracks.csv") + ": " + file + " exists and is not a folder"),
                t.stderr());
        t = CliTest.run("track", "--model", model.toString(), "--input", images.toString(), "--out", out.resolve("t.csv").toString(),
                "--overlay", file.toString());
        assertEquals(2, t.code());
        assertTrue(t.stderr().contains("error: cannot create the folder " + file + ": " + file + " exists and is not a folder"), t.stderr());
        assertFalse(Files.exists(out.resolve("t.csv")), "nothing is written when the overlay folder cannot be made");
    }

    @Test
    void imagesWhoseOverlaysWouldShareAFileAreRefusedBeforeAnythingIsWritten() throws IOException {
        Path images = images(2);
        Path first = files(images).get(0);
        BufferedImage copy = ImageIO.read(first.toFile());
        String base = first.getFileName().toString().replace(".png", "");
        assertTrue(ImageIO.write(copy, "jpg", images.resolve(base + ".jpg").toFile()));
        Path csv = out.resolve("tracks.csv");
        Path overlay = out.resolve("overlay");
        CliTest.Captured t = CliTest.run("track", "--model", model.toString(), "--input", images.toString(), "--out", csv.toString(),
                "--overlay", overlay.toString());
        assertEquals(2, t.code(), t.stdout() + t.stderr());
        assertTrue(t.stderr().contains("images " + base + ".jpg and " + base + ".png would both be drawn to "
                + overlay.resolve(base + ".png")), t.stderr());
        assertFalse(Files.exists(csv));
        assertFalse(Files.exists(overlay));
    }
}
