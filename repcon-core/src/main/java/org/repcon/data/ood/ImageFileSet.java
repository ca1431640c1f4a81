package org.repcon.data.ood;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.repcon.data.DataException;
import org.repcon.data.IdxFile;
import org.repcon.data.ImageFiles;
import org.repcon.data.ImageFolder;
import org.repcon.data.ImageResize;
import org.repcon.data.ImageSet;

/**
 * Out-of-distribution images read from files: an IDX image file (gzip-compressed or not) or a folder of PNG/JPEG/BMP/GIF
 * images (or one image file, or class subfolders: {@link ImageFolder}). Everything is made 1x28x28 grayscale the way
 * {@code repcon score} does for a grayscale 28x28 model: colour images become their luma
 * {@code 0.299 R + 0.587 G + 0.114 B}, images of another size are resized with {@link ImageResize} (area averaging
 * when shrinking, bilinear when enlarging), and each kind of conversion is reported ({@link OodImages#conversions}).
 * IDX pixels are byte / 255.
 *
 * <p>Labels: class subfolders give labels 0, 1, ... in name order; an IDX image file gets the labels of the IDX label
 * file beside it whose name has {@code labels-idx1} for {@code images-idx3} (e.g. {@code images-idx3-ubyte} and
 * {@code labels-idx1-ubyte}, or MNIST's {@code t10k-images-idx3-ubyte.gz} and {@code t10k-labels-idx1-ubyte.gz}) if
 * there is one; otherwise there are none.
 *
 * @param name the set's name as given in the spec
 * @param path the IDX file, image folder or image file
 * @param howToGet said when {@code path} does not exist: how to make it (e.g. which setup script to run)
 */
public record ImageFileSet(String name, Path path, String howToGet) implements OodSet {
    /** 28x28, the size of Fashion-MNIST images. */
    static final int SIZE = 28;

    @Override
    public void check() {
        if (!Files.exists(path)) {
            throw new DataException(missing());
        }
        if (isIdx()) {
            IdxFile.count(path);
            Path labels = labelsBeside(path);
            if (labels != null) {
                IdxFile.count(labels);
            }
        } else {
            ImageFolder.check(path);
        }
    }

    @Override
    public OodImages load(int limit) {
        if (!Files.exists(path)) {
            throw new DataException(missing());
        }
        List<String> notes = new ArrayList<>();
        ImageSet all = isIdx() ? readIdx(notes) : readFolder(notes);
        int[] keep = Subsets.spread(all.size(), limit);
        String description = name + " (" + path + ")";
        return new OodImages(name, Subsets.select(all, keep, description), notes);
    }

    private String missing() {
        return "out-of-distribution set '" + name + "': " + path + " does not exist. " + howToGet;
    }

    private boolean isIdx() {
        return Files.isRegularFile(path) && !ImageFolder.isImageFile(path);
    }

    private ImageSet readIdx(List<String> notes) {
        IdxFile.Images idx = IdxFile.readImages(path);
        int n = idx.count();
        float[] pixels = new float[idx.pixels().length];
        for (int k = 0; k < pixels.length; k++) {
            pixels[k] = (idx.pixels()[k] & 0xff) / 255f;
        }
        if (idx.height() != SIZE || idx.width() != SIZE) {
            // n images of one channel resize like one image of n channels: each plane on its own
            pixels = ImageResize.resize(pixels, n, idx.height(), idx.width(), SIZE, SIZE);
            notes.add(n + " image(s) resized from " + idx.height() + "x" + idx.width() + " to " + SIZE + "x" + SIZE);
        }
        int[] labels = null;
        Path labelFile = labelsBeside(path);
        if (labelFile != null) {
            labels = IdxFile.readLabels(labelFile);
            if (labels.length != n) {
                throw new DataException(path + " holds " + n + " images but the label file beside it, " + labelFile
                        + ", holds " + labels.length + " labels: they do not belong together. Replace or remove "
                        + labelFile + ".");
            }
        }
        int[] all = Subsets.spread(n, 0);
        return new ImageSet(path.toString(), 1, SIZE, SIZE, pixels, labels, Subsets.indexNames(all));
    }

    private ImageSet readFolder(List<String> notes) {
        ImageSet images = ImageFolder.load(path, 1, SIZE, SIZE);
        List<String> resized = new ArrayList<>();
        List<String> gray = new ArrayList<>();
        String firstSize = null;
        for (String fileName : images.names()) {
            Path file = Files.isDirectory(path) ? path.resolve(fileName) : path;
            ImageFiles.Decoded d = ImageFiles.read(file, 3);
            if (d.height() != SIZE || d.width() != SIZE) {
                resized.add(fileName);
                firstSize = firstSize == null ? d.height() + "x" + d.width() : firstSize;
            }
            if (!isGray(d)) {
                gray.add(fileName);
            }
        }
        if (!resized.isEmpty()) {
            notes.add(resized.size() + " image(s) resized to " + SIZE + "x" + SIZE + " (the first from " + firstSize
                    + "): " + sample(resized));
        }
        if (!gray.isEmpty()) {
            notes.add(gray.size() + " colour image(s) converted to grayscale (luma 0.299 R + 0.587 G + 0.114 B): "
                    + sample(gray));
        }
        return images;
    }

    /**
     * The IDX label file beside an IDX image file: its name with {@code images-idx3} (or {@code images.idx3}) replaced
     * by {@code labels-idx1} ({@code labels.idx1}), if that file exists; else null.
     */
    static Path labelsBeside(Path imageFile) {
        String name = imageFile.getFileName().toString();
        String labels = name.replace("images-idx3", "labels-idx1").replace("images.idx3", "labels.idx1");
        if (labels.equals(name)) {
            return null;
        }
        Path file = imageFile.resolveSibling(labels);
        return Files.isRegularFile(file) ? file : null;
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
