package org.repcon.data;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.repcon.io.AtomicFiles;

/**
 * Reads and writes single image files (PNG, JPEG and whatever else {@code javax.imageio} decodes) as channel-first
 * float arrays {@code [C, H, W]}, values in [0, 1], {@code pixels[(c * H + y) * W + x]}, y down from the top row.
 *
 * <p>Channels: 1 = grayscale, 3 = RGB. A colour file read as grayscale becomes its luma
 * {@code 0.299 R + 0.587 G + 0.114 B}; a grayscale file read as RGB repeats its gray value in all three channels.
 * Alpha is ignored (the colour values are taken as they are, not blended with a background). Grayscale files are
 * read from their raster (no colour-space conversion), 8 or 16 bit, value = sample / (2^bits - 1); colour files
 * through sRGB, value = byte / 255.
 */
public final class ImageFiles {
    private ImageFiles() {}

    /** A decoded image: {@code pixels} is [channels, height, width] in [0, 1]. */
    public record Decoded(int channels, int height, int width, float[] pixels) {}

    /** The image in {@code file} with {@code channels} (1 or 3) channels, at its own size. */
    public static Decoded read(Path file, int channels) {
        checkChannels(channels);
        BufferedImage image = decode(file);
        int h = image.getHeight();
        int w = image.getWidth();
        float[] out = new float[channels * h * w];
        ColorModel cm = image.getColorModel();
        boolean gray = cm.getColorSpace().getType() == ColorSpace.TYPE_GRAY && !(cm instanceof IndexColorModel);
        if (gray) {
            Raster raster = image.getRaster();
            double max = (1L << cm.getComponentSize(0)) - 1;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    float v = (float) (raster.getSample(x, y, 0) / max);
                    for (int c = 0; c < channels; c++) {
                        out[(c * h + y) * w + x] = v;
                    }
                }
            }
        } else {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int rgb = image.getRGB(x, y);
                    float r = ((rgb >> 16) & 0xff) / 255f;
                    float g = ((rgb >> 8) & 0xff) / 255f;
                    float b = (rgb & 0xff) / 255f;
                    if (channels == 1) {
                        out[y * w + x] = (float) (0.299 * r + 0.587 * g + 0.114 * b);
                    } else {
                        out[y * w + x] = r;
                        out[(h + y) * w + x] = g;
                        out[(2 * h + y) * w + x] = b;
                    }
                }
            }
        }
        return new Decoded(channels, h, w, out);
    }

    /** The image in {@code file} with {@code channels} channels, resized to height x width ({@link ImageResize}). */
    public static float[] read(Path file, int channels, int height, int width) {
        Decoded d = read(file, channels);
        return ImageResize.resize(d.pixels(), channels, d.height(), d.width(), height, width);
    }

    /**
     * Writes {@code chw} ([channels, height, width], channels 1 or 3) as an 8-bit PNG: grayscale for 1 channel, RGB
     * for 3. Values are clipped to [0, 1] (NaN becomes 0) and stored as {@code round(255 v)}. The file is written
     * atomically ({@link AtomicFiles}): a failed write leaves no partial PNG.
     */
    public static void writePng(Path file, float[] chw, int channels, int height, int width) {
        checkChannels(channels);
        if (height <= 0 || width <= 0 || chw.length != channels * height * width) {
            throw new IllegalArgumentException(chw.length + " values are not a " + channels + "x" + height + "x"
                    + width + " image");
        }
        BufferedImage image = new BufferedImage(width, height,
                channels == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
        WritableRaster raster = image.getRaster();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if (channels == 1) {
                    raster.setSample(x, y, 0, toByte(chw[y * width + x]));
                } else {
                    int r = toByte(chw[y * width + x]);
                    int g = toByte(chw[(height + y) * width + x]);
                    int b = toByte(chw[(2 * height + y) * width + x]);
                    image.setRGB(x, y, (r << 16) | (g << 8) | b);
                }
            }
        }
        try {
            AtomicFiles.write(file, out -> {
                if (!ImageIO.write(image, "png", out)) {
                    throw new IOException("no PNG writer in this Java runtime");
                }
            });
        } catch (IOException e) {
            throw new DataException(e.getMessage(), e); // "cannot write FILE: why"
        }
    }

    /** round(255 clip(v, 0, 1)), NaN as 0. */
    static int toByte(float v) {
        if (!(v > 0)) {
            return 0;
        }
        return (int) Math.round(255.0 * Math.min(1.0, v));
    }

    private static BufferedImage decode(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new DataException("image " + file + (Files.exists(file) ? " is not a file" : " does not exist")
                    + "; check the path (e.g. data.dir in the spec).");
        }
        BufferedImage image;
        try {
            image = ImageIO.read(file.toFile());
        } catch (IOException | RuntimeException e) {
            throw new DataException("cannot decode image " + file + " (" + e.getMessage() + "): the file is corrupt or "
                    + "in an unsupported variant. Replace it, convert it to an 8-bit PNG, or remove it from the folder.",
                    e);
        }
        if (image == null) {
            throw new DataException("image " + file + " cannot be read: no decoder recognises its content (a corrupt "
                    + "file, or not a PNG, JPEG, BMP or GIF image). Replace it with a valid PNG or JPEG, or remove it "
                    + "from the folder.");
        }
        if (image.getWidth() <= 0 || image.getHeight() <= 0) {
            throw new DataException("image " + file + " has no pixels; replace it or remove it from the folder.");
        }
        return image;
    }

    private static void checkChannels(int channels) {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels must be 1 (grayscale) or 3 (RGB), got " + channels);
        }
    }
}
