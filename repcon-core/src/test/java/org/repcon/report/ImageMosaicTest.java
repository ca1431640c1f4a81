package org.repcon.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageMosaicTest {
    @TempDir
    Path tmp;

    @Test
    void grayRowsWithoutLabelsHaveTheDocumentedSize() throws Exception {
        // 7 images of 1x4x5 in rows of 3: 3 rows, 3 columns
        float[] images = new float[7 * 20];
        for (int i = 0; i < images.length; i++) {
            images[i] = (i % 20) / 19f;
        }
        Path png = tmp.resolve("m/samples.png");
        ImageMosaic m = new ImageMosaic(1, 4, 5).scale(3).padding(2).addRows(images, 3);
        assertEquals(3, m.rows());
        assertEquals(3, m.columns());
        m.savePng(png);
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(3 * 15 + 4 * 2, img.getWidth());
        assertEquals(3 * 12 + 4 * 2, img.getHeight());
        // first pixel of the first image is 0 (black), its last pixel 1 (white); the gap is white
        assertEquals(0x000000, img.getRGB(2, 2) & 0xffffff);
        assertEquals(0xffffff, img.getRGB(2 + 14, 2 + 11) & 0xffffff);
        assertEquals(0x000000, img.getRGB(2 + 15 + 2, 2) & 0xffffff); // second image starts after the gap
        assertEquals(0xffffff, img.getRGB(2 + 15, 2) & 0xffffff);
    }

    @Test
    void rgbImagesWithRowAndColumnLabels() throws Exception {
        // two 3x2x2 images per row: the first pure red, the second pure blue with one NaN
        float[] row = new float[2 * 12];
        for (int p = 0; p < 4; p++) {
            row[p] = 1; // image 0, channel R
            row[12 + 8 + p] = 1; // image 1, channel B
        }
        row[12] = Float.NaN;
        ImageMosaic m = new ImageMosaic(3, 2, 2).scale(4).padding(3).columnLabels("z = -1", "z = +1")
                .addRow("original", row).addRow("reconstruction", row).title("traversal");
        Path png = tmp.resolve("rgb.png");
        m.savePng(png);
        BufferedImage img = ImageIO.read(png.toFile());
        int gridW = 2 * 8 + 3 * 3;
        assertTrue(img.getWidth() > gridW + 40, "room for row labels: " + img.getWidth());
        int gridH = 2 * 8 + 3 * 3;
        assertTrue(img.getHeight() > gridH + 20, "room for title and column labels: " + img.getHeight());
        int red = ScatterPlotTest.pixelsOf(img, 0xff0000);
        int blue = ScatterPlotTest.pixelsOf(img, 0x0000ff);
        assertEquals(2 * (4 * 16 + 16), red, "two red images plus two NaN pixels"); // NaN is red too
        assertEquals(2 * 3 * 16, blue);
    }

    @Test
    void badInputIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new ImageMosaic(2, 4, 4));
        assertThrows(IllegalArgumentException.class, () -> new ImageMosaic(1, 0, 4));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ImageMosaic(1, 2, 2).addRow("x", new float[7]));
        assertTrue(e.getMessage().contains("1x2x2"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new ImageMosaic(1, 2, 2).addRow("x", new float[8]).columnLabels("a", "b", "c").render());
        assertThrows(IllegalArgumentException.class, () -> new ImageMosaic(1, 2, 2).addRows(new float[8], 0));
        assertThrows(IllegalStateException.class, () -> new ImageMosaic(1, 2, 2).render());
    }
}
