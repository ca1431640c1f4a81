package org.repcon.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeatMapTest {
    @TempDir
    Path tmp;

    /** Field that is min on the left half (i < nx/2) and max on the right half. */
    private static double[][] halves(int nx, int ny, double lo, double hi) {
        double[][] v = new double[nx][ny];
        for (int i = 0; i < nx; i++) {
            for (int j = 0; j < ny; j++) {
                v[i][j] = i < nx / 2 ? lo : hi;
            }
        }
        return v;
    }

    @Test
    void savesDecodablePngOfRequestedSize() throws Exception {
        double[][] u = new double[256][100];
        for (int i = 0; i < 256; i++) {
            for (int j = 0; j < 100; j++) {
                u[i][j] = -Math.sin(Math.PI * (-1 + 2.0 * j / 99)) * Math.exp(-i / 255.0);
            }
        }
        Path png = tmp.resolve("plots/u.png");
        new HeatMap(u).xRange(0, 1).yRange(-1, 1).title("u(t,x)").xLabel("t").yLabel("x")
                .colorbarLabel("u").size(640, 360).savePng(png);
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(640, img.getWidth());
        assertEquals(360, img.getHeight());
    }

    @Test
    void minMapsToFirstColourAndMaxToLast() {
        HeatMap hm = new HeatMap(halves(40, 10, 2.0, 5.0)).colormap(Colormap.VIRIDIS).title("t");
        BufferedImage img = hm.render(600, 400);
        Rectangle p = hm.plotArea(600, 400);
        int left = img.getRGB(p.x + p.width / 4, p.y + p.height / 2) & 0xffffff;
        int right = img.getRGB(p.x + 3 * p.width / 4, p.y + p.height / 2) & 0xffffff;
        assertEquals(0x440154, left);
        assertEquals(0xfde725, right);
        assertEquals(Colormap.VIRIDIS.rgb(0), left);
        assertArrayEquals(new double[] {2, 5}, hm.colorLimits(), 0);
    }

    @Test
    void verticalIndexZeroIsAtBottom() {
        double[][] v = new double[4][20];
        for (double[] col : v) {
            for (int j = 0; j < 20; j++) {
                col[j] = j < 10 ? 0 : 1;
            }
        }
        HeatMap hm = new HeatMap(v).colormap(Colormap.GRAY);
        BufferedImage img = hm.render(400, 300);
        Rectangle p = hm.plotArea(400, 300);
        assertEquals(0x000000, img.getRGB(p.x + p.width / 2, p.y + p.height * 3 / 4) & 0xffffff);
        assertEquals(0xffffff, img.getRGB(p.x + p.width / 2, p.y + p.height / 4) & 0xffffff);
    }

    @Test
    void divergingSymmetricPutsZeroAtWhite() {
        // data in [-1, 3]: symmetric limits [-3, 3] put 0 at the centre of the map
        double[][] v = halves(40, 10, -1.0, 3.0);
        for (int i = 0; i < 40; i++) {
            for (int j = 0; j < 10; j++) {
                if (i >= 10 && i < 20) {
                    v[i][j] = 0.0;
                }
            }
        }
        HeatMap hm = new HeatMap(v).colormap(Colormap.BLUE_WHITE_RED).symmetric(true);
        assertArrayEquals(new double[] {-3, 3}, hm.colorLimits(), 0);
        BufferedImage img = hm.render(600, 400);
        Rectangle p = hm.plotArea(600, 400);
        int rgb = img.getRGB(p.x + (int) (p.width * 0.375), p.y + p.height / 2);
        assertTrue(((rgb >> 16) & 255) > 240 && ((rgb >> 8) & 255) > 240 && (rgb & 255) > 240,
                Integer.toHexString(rgb));
        int neg = img.getRGB(p.x + p.width / 8, p.y + p.height / 2);
        assertTrue((neg & 255) > ((neg >> 16) & 255), "negative values are bluish");
        int pos = img.getRGB(p.x + 7 * p.width / 8, p.y + p.height / 2);
        assertEquals(Colormap.BLUE_WHITE_RED.rgb(1), pos & 0xffffff);
    }

    @Test
    void transposeSwapsIndices() {
        double[][] a = {{1, 2, 3}, {4, 5, 6}};
        double[][] t = HeatMap.transpose(a);
        assertEquals(3, t.length);
        assertEquals(6, t[2][1]);
    }

    @Test
    void constantNanAndSmoothFieldsRender() {
        double[][] v = new double[3][3];
        v[1][1] = Double.NaN;
        BufferedImage img = new HeatMap(v).smooth(true).addPoints(new double[] {0.5}, new double[] {0.5})
                .render(300, 200);
        assertEquals(300, img.getWidth());
        assertThrows(IllegalArgumentException.class, () -> new HeatMap(new double[][] {{1, 2}, {3}}));
    }
}
