package org.repcon.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinePlotTest {
    @TempDir
    Path tmp;

    @Test
    void savesPngOfRequestedSize() throws Exception {
        double[] x = {0, 1, 2, 3};
        Path png = tmp.resolve("a/b/line.png");
        new LinePlot().title("t").xLabel("x").yLabel("y").addLine("sq", x, new double[] {0, 1, 4, 9})
                .addScatter("pts", x, new double[] {0, 1.2, 3.8, 9.1}).size(640, 420).savePng(png);
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(640, img.getWidth());
        assertEquals(420, img.getHeight());
    }

    @Test
    void logScaleCopesWithZerosNegativesAndNaN() {
        double[] x = {0, 1, 2, 3, 4};
        BufferedImage img = new LinePlot().logY(true)
                .addLine("a", x, new double[] {0, -1, 1e-3, Double.NaN, 1e-5})
                .addLine("all-bad", x, new double[] {0, 0, -2, Double.NaN, 0})
                .render(500, 300);
        assertEquals(500, img.getWidth());
        BufferedImage empty = new LinePlot().logY(true).title("nothing")
                .addLine("z", x, new double[5]).render(400, 250);
        assertEquals(250, empty.getHeight());
    }

    @Test
    void largeSeriesIsDownsampledAndFast() {
        int n = 20_000;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
            y[i] = Math.exp(-i / 5000.0) * (1 + 0.3 * Math.sin(i));
        }
        y[12_345] = 50; // spike must survive
        double[][] d = LinePlot.downsample(new double[][] {x, y});
        assertTrue(d[0].length <= LinePlot.MAX_DRAWN_POINTS);
        assertEquals(0, d[0][0]);
        assertEquals(n - 1, d[0][d[0].length - 1]);
        boolean spike = false;
        for (double v : d[1]) {
            spike |= v == 50;
        }
        assertTrue(spike);
        // renders (its speed is a benchmark's business, not a unit test's)
        BufferedImage img = new LinePlot().logY(true).addLine("y", x, y).addLine("y2", x, y).render(800, 500);
        assertEquals(800, img.getWidth());
    }
}
