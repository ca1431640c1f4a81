package org.repcon.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code repcon data lines}: PNGs plus a truth CSV, reproducible from the seed. */
class DataLinesCliTest {
    @TempDir
    Path out;

    @Test
    void writesImagesAndTruthReproducibly() throws IOException {
        CliTest.Captured a = CliTest.run("data", "lines", "--n", "6", "--out", out.resolve("a").toString(), "--seed", "3");
        assertEquals(0, a.code(), a.stderr());
        CliTest.Captured b = CliTest.run("data", "lines", "--n", "6", "--out", out.resolve("b").toString(), "--seed", "3");
        assertEquals(0, b.code(), b.stderr());
        List<String> truth = Files.readAllLines(out.resolve("a/truth.csv"));
        assertEquals("file,track,angle_rad,offset_px,x1,y1,x2,y2", truth.get(0));
        assertTrue(truth.size() >= 1 + 6 && truth.size() <= 1 + 18, "1..3 tracks per image: " + truth.size());
        assertEquals(truth, Files.readAllLines(out.resolve("b/truth.csv")));
        for (int i = 0; i < 6; i++) {
            String name = String.format("img%05d.png", i);
            assertArrayEquals(Files.readAllBytes(out.resolve("a").resolve(name)), Files.readAllBytes(out.resolve("b").resolve(name)), name);
        }
        CliTest.Captured bad = CliTest.run("data", "lines", "--n", "0", "--out", out.resolve("c").toString());
        assertEquals(2, bad.code());
    }
}
