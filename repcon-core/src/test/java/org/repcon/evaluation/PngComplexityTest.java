package org.repcon.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.repcon.data.ImageSet;

class PngComplexityTest {

    private static ImageSet images(float[]... pictures) {
        float[] p = new float[pictures.length * 784];
        for (int i = 0; i < pictures.length; i++) {
            System.arraycopy(pictures[i], 0, p, i * 784, 784);
        }
        return new ImageSet("test", 1, 28, 28, p, null, null);
    }

    @Test
    void constantImagesAreSimpleAndNoiseIsComplex() {
        float[] constant = new float[784];
        java.util.Arrays.fill(constant, 0.5f);
        float[] noise = new float[784];
        SplittableRandom rng = new SplittableRandom(1);
        for (int i = 0; i < 784; i++) {
            noise[i] = rng.nextInt(256) / 255f;
        }
        float[] stripes = new float[784];
        for (int i = 0; i < 784; i++) {
            stripes[i] = (i / 28) % 2;
        }
        double[] bpd = PngComplexity.bitsPerDim(images(constant, noise, stripes));
        assertTrue(bpd[0] < 1.5, "constant: " + bpd[0]);
        assertTrue(bpd[1] > 8.0, "noise (incompressible, plus headers): " + bpd[1]);
        assertTrue(bpd[2] > bpd[0] && bpd[2] < bpd[1], "stripes between: " + bpd[2]);
    }

    /** The PNG written holds the image exactly (lossless) and its size is the file's, 8 bits per byte. */
    @Test
    void isTheSizeOfALosslessPng() throws Exception {
        SplittableRandom rng = new SplittableRandom(2);
        float[] p = new float[784];
        for (int i = 0; i < 784; i++) {
            p[i] = rng.nextInt(256) / 255f;
        }
        BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        for (int i = 0; i < 784; i++) {
            image.getRaster().setSample(i % 28, i / 28, 0, Math.round(p[i] * 255));
        }
        int bytes = PngComplexity.pngBytes(image);
        assertEquals(8.0 * bytes / 784, PngComplexity.bitsPerDim(images(p))[0], 1e-12);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        BufferedImage back = ImageIO.read(new ByteArrayInputStream(out.toByteArray()));
        for (int i = 0; i < 784; i++) {
            assertEquals(Math.round(p[i] * 255), back.getRaster().getSample(i % 28, i / 28, 0));
        }
        assertTrue(bytes <= out.size() + 16, "strongest compression " + bytes + " vs default " + out.size());
    }

    @Test
    void rejectsTwoChannels() {
        ImageSet two = new ImageSet("two", 2, 4, 4, new float[32], null, null);
        assertThrows(IllegalArgumentException.class, () -> PngComplexity.bitsPerDim(two));
    }
}
