package org.repcon.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BarChartTest {
    @TempDir
    Path tmp;

    @Test
    void codebookUsageHistogram() throws Exception {
        long[] counts = new long[512];
        for (int k = 0; k < counts.length; k++) {
            counts[k] = k % 7 == 0 ? 0 : 100 + k;
        }
        Path png = tmp.resolve("usage.png");
        BarChart.counts(counts).title("Codebook usage").xLabel("code").yLabel("count").size(900, 400).savePng(png);
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(900, img.getWidth());
        assertEquals(400, img.getHeight());
        assertTrue(ScatterPlotTest.pixelsOf(img, CategoryPalette.color(0).getRGB()) > 5000, "bars drawn");
    }

    @Test
    void groupedBarsWithValueLabels() throws Exception {
        Path png = tmp.resolve("runs.png");
        new BarChart().categories("AE", "VAE", "VQ-VAE").addSeries("probe", new double[] {0.81, 0.77, 0.79})
                .addSeries("5-NN", new double[] {0.84, 0.80, Double.NaN}).valueLabels(true).yLabel("test accuracy")
                .size(600, 400).savePng(png);
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(600, img.getWidth());
        assertTrue(ScatterPlotTest.pixelsOf(img, CategoryPalette.color(0).getRGB()) > 1000);
        assertTrue(ScatterPlotTest.pixelsOf(img, CategoryPalette.color(1).getRGB()) > 1000);
        BufferedImage log = new BarChart().categories("a", "b").addSeries("s", new double[] {1e-3, 0}).logY(true)
                .render(300, 200);
        assertEquals(200, log.getHeight());
    }

    @Test
    void badInputIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new BarChart().categories("a", "b").addSeries("s", new double[] {1, 2, 3}));
        assertTrue(e.getMessage().contains("3 values"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new BarChart().categories("a", "b").addSeries("s", new double[] {1, 2}).categories("a"));
        assertThrows(IllegalArgumentException.class, () -> new BarChart().categories("a", "a"));
        assertThrows(IllegalArgumentException.class,
                () -> new BarChart().categories("a").addSeries("s", new double[] {1}).addSeries("s", new double[] {2}));
        assertThrows(IllegalStateException.class, () -> new BarChart().addSeries("s", new double[] {1}));
        assertThrows(IllegalStateException.class, () -> new BarChart().categories("a").render());
        assertThrows(IllegalArgumentException.class, () -> BarChart.counts(new long[0]));
    }
}
