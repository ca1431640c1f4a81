package org.repcon.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Image folders of self-made PNG and JPEG files: layouts, channel conversion, resizing, and broken input. */
class ImageFolderTest {
    @TempDir
    Path dir;

    /** A 3x2 RGB image with distinct colours, as [3, 2, 3] in [0, 1] (multiples of 1/255). */
    private static float[] rgb() {
        float[] p = new float[3 * 2 * 3];
        for (int i = 0; i < p.length; i++) {
            p[i] = ((i * 37 + 11) % 256) / 255f;
        }
        return p;
    }

    private static void writeArgb(Path file, int w, int h, int argb) throws IOException {
        BufferedImage im = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                im.setRGB(x, y, argb);
            }
        }
        ImageIO.write(im, "png", file.toFile());
    }

    @Test
    void pngRoundTripIsExactForMultiplesOfOneOver255() {
        Path f = dir.resolve("a.png");
        ImageFiles.writePng(f, rgb(), 3, 2, 3);
        ImageSet s = ImageFolder.load(f, 3, 2, 3);
        assertEquals(1, s.size());
        assertArrayEquals(rgb(), s.pixels(), 1e-6f);
        assertEquals(List.of("a.png"), s.names());
        assertNull(s.labels());
        float[] gray = {0f, 0.2f, 0.4f, 0.6f, 0.8f, 1f};
        Path g = dir.resolve("g.png");
        ImageFiles.writePng(g, gray, 1, 3, 2);
        assertArrayEquals(gray, ImageFolder.load(g, 1, 3, 2).pixels(), 1e-6f);
    }

    @Test
    void writePngClipsAndRounds() {
        Path f = dir.resolve("clip.png");
        ImageFiles.writePng(f, new float[] {-0.3f, 1.7f, 0.5f, Float.NaN, 0.2f / 255f, 0.7f / 255f}, 1, 2, 3);
        // round(255 v): 0, 255, round(127.5) = 128, NaN -> 0, round(0.2) = 0, round(0.7) = 1
        assertArrayEquals(new float[] {0, 1, 128 / 255f, 0, 0, 1 / 255f}, ImageFolder.load(f, 1, 2, 3).pixels(),
                1e-6f);
    }

    @Test
    void grayscaleIsLumaAndGrayToRgbRepeats() {
        Path f = dir.resolve("c.png");
        float[] p = rgb();
        ImageFiles.writePng(f, p, 3, 2, 3);
        float[] luma = ImageFolder.load(f, 1, 2, 3).pixels();
        for (int i = 0; i < 6; i++) {
            assertEquals(0.299 * p[i] + 0.587 * p[6 + i] + 0.114 * p[12 + i], luma[i], 1e-6, "pixel " + i);
        }
        Path g = dir.resolve("g.png");
        ImageFiles.writePng(g, new float[] {0.2f, 0.6f}, 1, 1, 2);
        assertArrayEquals(new float[] {0.2f, 0.6f, 0.2f, 0.6f, 0.2f, 0.6f}, ImageFolder.load(g, 3, 1, 2).pixels(), 1e-6f);
    }

    @Test
    void alphaIsIgnored() throws IOException {
        Path f = dir.resolve("alpha.png");
        writeArgb(f, 2, 2, 0x20_c8_64_32); // alpha 0x20, RGB (200, 100, 50)
        float[] p = ImageFolder.load(f, 3, 2, 2).pixels();
        assertEquals(200 / 255f, p[0], 1e-6f);
        assertEquals(100 / 255f, p[4], 1e-6f);
        assertEquals(50 / 255f, p[8], 1e-6f);
    }

    @Test
    void jpegIsRead() throws IOException {
        BufferedImage im = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                im.setRGB(x, y, 0x3c_78_b4); // (60, 120, 180)
            }
        }
        Path f = dir.resolve("photo.JPG");
        assertTrue(ImageIO.write(im, "jpeg", f.toFile()));
        float[] p = ImageFolder.load(dir, 3, 4, 4).pixels();
        // JPEG is lossy, but a flat colour survives to within a few levels
        assertEquals(60 / 255f, p[0], 4 / 255f);
        assertEquals(120 / 255f, p[16], 4 / 255f);
        assertEquals(180 / 255f, p[32], 4 / 255f);
    }

    @Test
    void resizesToTheRequestedSize() {
        float[] p = new float[16];
        for (int i = 0; i < 16; i++) {
            p[i] = i * 15 / 255f;
        }
        Path f = dir.resolve("big.png");
        ImageFiles.writePng(f, p, 1, 4, 4);
        ImageSet s = ImageFolder.load(f, 1, 2, 2);
        assertArrayEquals(ImageResize.resize(p, 1, 4, 4, 2, 2), s.pixels(), 1e-6f);
        assertEquals(2.5f * 15 / 255f, s.pixels()[0], 1e-6f);
    }

    @Test
    void flatFolderIsSortedByNameAndSkipsOtherFiles() throws IOException {
        ImageFiles.writePng(dir.resolve("b.png"), new float[] {0.4f}, 1, 1, 1);
        ImageFiles.writePng(dir.resolve("a.png"), new float[] {0.2f}, 1, 1, 1);
        ImageFiles.writePng(dir.resolve("c.png"), new float[] {0.6f}, 1, 1, 1);
        Files.writeString(dir.resolve("README.txt"), "not an image");
        ImageFiles.writePng(dir.resolve(".hidden.png"), new float[] {1f}, 1, 1, 1);
        ImageSet s = ImageFolder.load(dir, 1, 1, 1);
        assertEquals(List.of("a.png", "b.png", "c.png"), s.names());
        assertArrayEquals(new float[] {0.2f, 0.4f, 0.6f}, s.pixels(), 1e-6f);
        assertNull(s.labels());
        assertEquals(List.of(), ImageFolder.classNames(dir));
    }

    @Test
    void subfoldersAreClasses() throws IOException {
        Files.createDirectories(dir.resolve("dogs"));
        Files.createDirectories(dir.resolve("cats"));
        ImageFiles.writePng(dir.resolve("dogs/x.png"), new float[] {0.2f}, 1, 1, 1);
        ImageFiles.writePng(dir.resolve("cats/z.png"), new float[] {0.4f}, 1, 1, 1);
        ImageFiles.writePng(dir.resolve("cats/y.png"), new float[] {0.6f}, 1, 1, 1);
        ImageSet s = ImageFolder.load(dir, 1, 1, 1);
        assertEquals(List.of("cats/y.png", "cats/z.png", "dogs/x.png"), s.names());
        assertArrayEquals(new int[] {0, 0, 1}, s.labels());
        assertArrayEquals(new float[] {0.6f, 0.4f, 0.2f}, s.pixels(), 1e-6f);
        assertEquals(List.of("cats", "dogs"), ImageFolder.classNames(dir));
    }

    @Test
    void brokenInputNamesTheFile() throws IOException {
        DataException e = assertThrows(DataException.class, () -> ImageFolder.load(dir, 1, 4, 4));
        assertTrue(e.getMessage().contains(dir + " holds no images"), e.getMessage());

        Path missing = dir.resolve("missing");
        e = assertThrows(DataException.class, () -> ImageFolder.load(missing, 1, 4, 4));
        assertTrue(e.getMessage().contains(missing + " does not exist"), e.getMessage());

        Path bad = dir.resolve("bad.png");
        Files.write(bad, new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13, 'I', 'H', 'D', 'R', 1, 2});
        e = assertThrows(DataException.class, () -> ImageFolder.load(dir, 1, 4, 4));
        assertTrue(e.getMessage().contains(bad.toString()), e.getMessage());

        Path garbage = dir.resolve("garbage.jpg");
        Files.writeString(garbage, "this is text, not a JPEG");
        e = assertThrows(DataException.class, () -> ImageFolder.load(garbage, 1, 4, 4));
        assertTrue(e.getMessage().contains(garbage.toString()), e.getMessage());
    }

    @Test
    void mixedLayoutAndEmptyClassAreErrors() throws IOException {
        Files.createDirectories(dir.resolve("sub"));
        ImageFiles.writePng(dir.resolve("top.png"), new float[] {0.2f}, 1, 1, 1);
        DataException e = assertThrows(DataException.class, () -> ImageFolder.load(dir, 1, 1, 1));
        assertTrue(e.getMessage().contains("both images"), e.getMessage());
        Files.delete(dir.resolve("top.png"));
        e = assertThrows(DataException.class, () -> ImageFolder.load(dir, 1, 1, 1));
        assertTrue(e.getMessage().contains(dir.resolve("sub") + " holds no images"), e.getMessage());
    }

    @Test
    void badArguments() {
        assertThrows(IllegalArgumentException.class, () -> ImageFolder.load(dir, 2, 4, 4));
        assertThrows(IllegalArgumentException.class, () -> ImageFiles.writePng(dir.resolve("x.png"), new float[3], 1, 2, 2));
    }
}
