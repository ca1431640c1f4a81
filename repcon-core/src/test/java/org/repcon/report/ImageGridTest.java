package org.repcon.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageGridTest {
    @TempDir
    Path tmp;

    @Test
    void tilesImagesWithCaptions() throws Exception {
        ImageGrid grid = new ImageGrid().columns(3).scale(2).padding(4);
        for (int k = 0; k < 5; k++) {
            double[][] im = new double[28][28];
            for (int r = 0; r < 28; r++) {
                for (int c = 0; c < 28; c++) {
                    im[r][c] = (r + c + k) / 60.0;
                }
            }
            grid.add(im, "digit " + k);
        }
        Path png = tmp.resolve("grid.png");
        grid.savePng(png);
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(3 * 56 + 4 * 4, img.getWidth());
        assertTrue(img.getHeight() > 2 * 56);
        // top-left pixel of the first tile is black (value 0)
        assertEquals(0x000000, img.getRGB(4, 4) & 0xffffff);
    }
}
