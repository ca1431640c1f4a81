package org.repcon.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Images read for a model of a fixed shape C x H x W, with what had to be converted: a folder of PNG/JPEG files or one
 * image file (each converted to C channels, colour to gray by luma, and resized to H x W), or an IDX image file (gzip or
 * not; grayscale, resized if its size differs; refused for a colour model). What {@code repcon score} reads, and the
 * out-of-distribution sets of {@link org.repcon.data.ood}.
 *
 * @param images the images, [0, 1] pixels of the model's shape, named by file (IDX: by index)
 * @param conversions one line per kind of conversion made, e.g. "3 image(s) resized from 64x64 to 28x28: a.png, ..."
 *     (empty if none)
 */
public record ImageInput(ImageSet images, List<String> conversions) {

    /**
     * Reads {@code input} for a model of {@code channels} x {@code height} x {@code width}.
     *
     * @throws DataException if the input is missing, holds no images, cannot be decoded, or is a grayscale IDX file
     *     for a colour model (the message says which)
     */
    public static ImageInput read(Path input, int channels, int height, int width) {
        if (!Files.exists(input)) {
            throw new DataException(input + " does not exist; give a folder of PNG/JPEG images, one image file or an IDX image file");
        }
        if (Files.isRegularFile(input) && !ImageFolder.isImageFile(input)) {
            IdxFile.Images idx = IdxFile.readImages(input);
            if (channels != 1) {
                throw new DataException(input + " is a grayscale IDX file but the model takes " + channels + "-channel images: refused");
            }
            float[] pixels = new float[idx.pixels().length];
            for (int k = 0; k < pixels.length; k++) {
                pixels[k] = (idx.pixels()[k] & 0xFF) / 255f;
            }
            List<String> notes = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (int i = 0; i < idx.count(); i++) {
                names.add(Integer.toString(i));
            }
            if (idx.height() != height || idx.width() != width) {
                pixels = ImageResize.resize(pixels, idx.count(), idx.height(), idx.width(), height, width);
                notes.add(idx.count() + " image(s) resized from " + idx.height() + "x" + idx.width() + " to " + height + "x" + width);
            }
            return new ImageInput(new ImageSet(input.toString(), 1, height, width, pixels, null, names), notes);
        }
        ImageSet images = ImageFolder.load(input, channels, height, width);
        List<String> resized = new ArrayList<>();
        List<String> gray = new ArrayList<>();
        List<String> colour = new ArrayList<>();
        String sizes = null;
        for (String name : images.names()) {
            Path file = Files.isDirectory(input) ? input.resolve(name) : input;
            ImageFiles.Decoded d = ImageFiles.read(file, 3);
            if (d.height() != height || d.width() != width) {
                resized.add(name);
                sizes = sizes == null ? d.height() + "x" + d.width() : sizes;
            }
            boolean isGray = isGray(d);
            if (channels == 1 && !isGray) {
                gray.add(name);
            } else if (channels == 3 && isGray) {
                colour.add(name);
            }
        }
        List<String> notes = new ArrayList<>();
        if (!resized.isEmpty()) {
            notes.add(resized.size() + " image(s) resized to " + height + "x" + width + " (the first from " + sizes + "): " + sample(resized));
        }
        if (!gray.isEmpty()) {
            notes.add(gray.size() + " colour image(s) converted to grayscale (luma 0.299 R + 0.587 G + 0.114 B): " + sample(gray));
        }
        if (!colour.isEmpty()) {
            notes.add(colour.size() + " grayscale image(s) repeated into 3 channels: " + sample(colour));
        }
        return new ImageInput(images, notes);
    }

    private static boolean isGray(ImageFiles.Decoded d) {
        int n = d.height() * d.width();
        float[] p = d.pixels();
        for (int i = 0; i < n; i++) {
            if (p[i] != p[n + i] || p[i] != p[2 * n + i]) {
                return false;
            }
        }
        return true;
    }

    private static String sample(List<String> names) {
        return names.size() <= 3 ? String.join(", ", names) : String.join(", ", names.subList(0, 3)) + ", ...";
    }
}
