package org.repcon.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScatterPlotTest {
    @TempDir
    Path tmp;

    @Test
    void writesPngWithOneColourPerClass() throws Exception {
        Random rng = new Random(1);
        int n = 300;
        double[][] xy = new double[n][2];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 3;
            xy[i][0] = 5 * labels[i] + rng.nextGaussian();
            xy[i][1] = -3 * labels[i] + rng.nextGaussian();
        }
        Path png = tmp.resolve("plots/scatter.png");
        new ScatterPlot().title("embedding").xLabel("t-SNE 1").yLabel("t-SNE 2").points(xy, labels)
                .classNames("T-shirt", "Trouser", "Pullover").size(640, 480).savePng(png);
        assertTrue(Files.size(png) > 0);
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(640, img.getWidth());
        assertEquals(480, img.getHeight());
        assertEquals(0xffffff, img.getRGB(2, 2) & 0xffffff); // white background
        for (int k = 0; k < 3; k++) {
            assertTrue(pixelsOf(img, CategoryPalette.color(k).getRGB()) > 20, "class " + k + " colour");
        }
        assertEquals(0, pixelsOf(img, CategoryPalette.color(3).getRGB())); // no fourth class
    }

    @Test
    void worksWithoutLabelsAndDropsNonFinitePoints() {
        BufferedImage img = new ScatterPlot().points(new double[] {0, 1, Double.NaN}, new double[] {0, 1, 2}, null)
                .render(300, 200);
        assertEquals(300, img.getWidth());
        assertTrue(pixelsOf(img, CategoryPalette.color(0).getRGB()) > 0);
    }

    @Test
    void badInputIsRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> new ScatterPlot().points(new double[] {0, 1}, new double[] {0}, null));
        assertThrows(IllegalArgumentException.class,
                () -> new ScatterPlot().points(new double[][] {{0, 1}, {2, 3}}, new int[] {0}));
        assertThrows(IllegalArgumentException.class,
                () -> new ScatterPlot().points(new double[][] {{0, 1, 2}}, new int[] {0}));
        assertThrows(IllegalArgumentException.class,
                () -> new ScatterPlot().points(new double[][] {{0, 1}}, new int[] {-1}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ScatterPlot().points(new double[][] {{0, 1}, {1, 1}}, new int[] {0, 2}).classNames("a", "b")
                        .render());
        assertTrue(e.getMessage().contains("label 2"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> new ScatterPlot().render());
    }

    static int pixelsOf(BufferedImage img, int rgb) {
        int count = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if ((img.getRGB(x, y) & 0xffffff) == (rgb & 0xffffff)) {
                    count++;
                }
            }
        }
        return count;
    }
}
