package org.repcon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code repcon track} on generated PNGs with a tiny trained tracker; images of another size are rejected. */
class TrackCliTest {
    @TempDir
    Path out;

    @Test
    void tracksPngsIntoCsvAndOverlays() throws IOException {
        CliTest.Captured run = CliTest.run("run", Path.of("..", "examples", "tracker.yaml").toString(), "--out", out.resolve("runs").toString(),
                "--progress", "none", "--set", "threads=1", "--set", "data={size: 32, train_images: 16, test_images: 6}",
                "--set", "model.channels=[8, 8]", "--set", "training.batch_size=8", "--set", "training.epochs=1",
                "--set", "evaluation.overlay_images=2", "--set", "transforms.crop_radius=12");
        assertEquals(0, run.code(), run.stdout() + run.stderr());
        Path model;
        try (Stream<Path> s = Files.list(out.resolve("runs"))) {
            model = s.findFirst().orElseThrow();
        }
        assertEquals(0, CliTest.run("data", "lines", "--n", "3", "--size", "32", "--out", out.resolve("images").toString()).code());
        Path csv = out.resolve("tracks.csv");
        CliTest.Captured t = CliTest.run("track", "--model", model.toString(), "--input", out.resolve("images").toString(), "--out",
                csv.toString(), "--overlay", out.resolve("overlay").toString());
        assertEquals(0, t.code(), t.stdout() + t.stderr());
        List<String> rows = Files.readAllLines(csv);
        assertEquals("file,slot,presence,angle_rad,offset_px,x1,y1,x2,y2", rows.get(0));
        try (Stream<Path> s = Files.list(out.resolve("overlay"))) {
            assertEquals(3, s.count());
        }
        assertEquals(0, CliTest.run("data", "lines", "--n", "1", "--size", "64", "--out", out.resolve("big").toString()).code());
        CliTest.Captured bad = CliTest.run("track", "--model", model.toString(), "--input", out.resolve("big").toString(), "--out",
                out.resolve("x.csv").toString());
        assertEquals(2, bad.code());
        assertTrue(bad.stderr().contains("64"), bad.stderr());
    }
}
