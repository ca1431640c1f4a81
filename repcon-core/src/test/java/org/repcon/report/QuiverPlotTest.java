package org.repcon.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

/** Arrows are drawn from their start in their direction, scaled together; points lie under them. */
class QuiverPlotTest {
    private static final Color ARROW = new Color(0x1F77B4);

    /** Pixels of the arrow colour in the square [cx + dx0, cx + dx1] x [cy + dy0, cy + dy1] around the image centre. */
    private static int count(BufferedImage img, int dx0, int dx1, int dy0, int dy1) {
        int cx = img.getWidth() / 2;
        int cy = img.getHeight() / 2;
        int n = 0;
        for (int x = cx + dx0; x <= cx + dx1; x++) {
            for (int y = cy + dy0; y <= cy + dy1; y++) {
                Color c = new Color(img.getRGB(x, y));
                if (Math.abs(c.getRed() - ARROW.getRed()) < 40 && Math.abs(c.getBlue() - ARROW.getBlue()) < 40 && c.getBlue() > 120) {
                    n++;
                }
            }
        }
        return n;
    }

    @Test
    void anArrowPointsAlongItsVector() {
        // no title and no legend text below: the plot area is centred (equal aspect), so (0, 0) is near the centre
        for (double[] uv : new double[][] {{1, 0}, {0, 1}, {-1, 0}, {0, -1}}) {
            BufferedImage img = new QuiverPlot().xRange(-1, 1).yRange(-1, 1).size(400, 400).arrowLength(0.3)
                    .arrows(new double[] {0}, new double[] {0}, new double[] {uv[0]}, new double[] {uv[1]}).render();
            int right = count(img, 20, 90, -30, 30);
            int left = count(img, -90, -20, -30, 30);
            int up = count(img, -30, 30, -90, -20);
            int down = count(img, -30, 30, 20, 90);
            int[] all = {right, up, left, down};
            int expected = uv[0] > 0 ? 0 : uv[1] > 0 ? 1 : uv[0] < 0 ? 2 : 3;
            for (int k = 0; k < 4; k++) {
                if (k == expected) {
                    assertTrue(all[k] > 30, "arrow (" + uv[0] + ", " + uv[1] + ") pixels per side " + java.util.Arrays.toString(all));
                } else {
                    assertEquals(0, all[k], "arrow (" + uv[0] + ", " + uv[1] + ") pixels per side " + java.util.Arrays.toString(all));
                }
            }
        }
    }

    @Test
    void lengthsAreScaledTogetherAndClippedAtTheQuantile() {
        QuiverPlot plot = new QuiverPlot().arrows(new double[] {0, 0, 0, 0}, new double[] {0, 0, 0, 0}, new double[] {1, 2, 3, 100},
                new double[] {0, 0, 0, 0});
        assertEquals(100, plot.referenceLength(), 0);
        assertEquals(3, plot.clipQuantile(0.75).referenceLength(), 0);
        assertThrows(IllegalArgumentException.class, () -> plot.arrows(new double[1], new double[2], new double[1], new double[1]));
    }
}
