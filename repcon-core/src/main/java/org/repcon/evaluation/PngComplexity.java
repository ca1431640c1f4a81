package org.repcon.evaluation;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.repcon.data.ImageSet;

/**
 * The complexity of an image as its lossless compressed size (Serra et al. 2020, "Input complexity and
 * out-of-distribution detection with likelihood-based generative models"): the image is quantised to 8 bits per
 * value ({@code round(255 p)}, p in [0, 1] clipped), written as a PNG by {@code javax.imageio} at the strongest
 * deflate setting (8-bit grey for one channel, 8-bit RGB for three), and
 * <pre>
 * L(x) = 8 * (bytes of the PNG file) / (C H W)      bits per dimension
 * </pre>
 * The whole file is counted, headers included (a constant of about 60 bytes for images of one size, which shifts every
 * L(x) equally). A constant image compresses to a few bits per dimension at 28x28; uniform noise needs more than 8.
 */
public final class PngComplexity {
    private PngComplexity() {}

    /**
     * L(x) of every image of the set, in bits per dimension; [N].
     *
     * @throws IllegalArgumentException if the set has 2 or more than 3 channels
     */
    public static double[] bitsPerDim(ImageSet images) {
        double[] out = new double[images.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = bitsPerDim(images, i);
        }
        return out;
    }

    /** L(x) of image {@code i} of the set, in bits per dimension. */
    public static double bitsPerDim(ImageSet images, int i) {
        int c = images.channels();
        if (c != 1 && c != 3) {
            throw new IllegalArgumentException("PNG complexity takes 1 (grey) or 3 (RGB) channels, got " + c + " in " + images.name());
        }
        int h = images.height();
        int w = images.width();
        int per = images.imageSize();
        BufferedImage image = new BufferedImage(w, h, c == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_3BYTE_BGR);
        WritableRaster raster = image.getRaster();
        float[] p = images.pixels();
        int[] value = new int[c];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int k = 0; k < c; k++) {
                    double v = p[i * per + k * h * w + y * w + x];
                    value[k] = (int) Math.round(255 * Math.max(0, Math.min(1, v)));
                }
                raster.setPixel(x, y, value);
            }
        }
        return 8.0 * pngBytes(image) / per;
    }

    /** The size in bytes of {@code image} written as a PNG at the strongest compression. */
    static int pngBytes(BufferedImage image) {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("png");
        if (!writers.hasNext()) {
            throw new IllegalStateException("no PNG writer in javax.imageio");
        }
        ImageWriter writer = writers.next();
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream(); ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (param.canWriteCompressed()) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(0.0f); // the strongest deflate level
            }
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
            out.flush();
            return bytes.size();
        } catch (IOException e) {
            throw new UncheckedIOException("writing a PNG in memory failed", e);
        } finally {
            writer.dispose();
        }
    }
}
