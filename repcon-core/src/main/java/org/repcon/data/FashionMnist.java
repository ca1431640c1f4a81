package org.repcon.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Fashion-MNIST (Xiao, Rasul and Vollgraf 2017): 60,000 training and 10,000 test grayscale images of 28x28 pixels
 * in ten classes ({@link #CLASS_NAMES}), read from the four original IDX files.
 *
 * <p>A folder holds {@code train-images-idx3-ubyte.gz}, {@code train-labels-idx1-ubyte.gz},
 * {@code t10k-images-idx3-ubyte.gz} and {@code t10k-labels-idx1-ubyte.gz}; each may also be stored uncompressed
 * (the name without {@code .gz}, or with {@code .idx3-ubyte} instead of {@code -idx3-ubyte}). Debian's
 * {@code dataset-fashion-mnist} package installs them in {@link #DEFAULT_DIR}.
 *
 * <p>Images come as an {@link ImageSet} of shape 1x28x28, pixel value = byte / 255 in [0, 1], with labels (class
 * indices 0-9) and no names.
 */
public final class FashionMnist {
    /** Where Debian's {@code dataset-fashion-mnist} package puts the files. */
    public static final Path DEFAULT_DIR = Path.of("/usr/share/datasets/fashion-mnist");

    /** Class names by label. */
    public static final List<String> CLASS_NAMES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    /** The two parts of the data set. */
    public enum Split {
        /** 60,000 images, files {@code train-*}. */
        TRAIN("train"),
        /** 10,000 images, files {@code t10k-*}. */
        TEST("t10k");

        private final String prefix;

        Split(String prefix) {
            this.prefix = prefix;
        }

        /** The file name prefix: {@code train} or {@code t10k}. */
        public String prefix() {
            return prefix;
        }
    }

    private static final String HOW_TO_FIX = "Install Fashion-MNIST with `sudo apt-get install dataset-fashion-mnist`"
            + " (Debian; files in " + DEFAULT_DIR + ") or set data.dir in the spec to a folder holding the four IDX files"
            + " train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz and"
            + " t10k-labels-idx1-ubyte.gz (compressed or not).";

    private FashionMnist() {}

    /**
     * Loads the first {@code limit} images of a split ({@code limit <= 0}: all).
     *
     * @throws DataException if the folder or a file is missing, a file is not a valid IDX file, image and label files
     *     disagree on the count, or a label is not a class index 0-9
     */
    public static ImageSet load(Path dir, Split split, int limit) {
        Path[] files = files(dir, split);
        Path imageFile = files[0];
        Path labelFile = files[1];
        IdxFile.Images images = IdxFile.readImages(imageFile, limit);
        int[] labels = IdxFile.readLabels(labelFile, limit);
        if (images.height() != 28 || images.width() != 28) {
            throw new DataException(imageFile + " holds images of " + images.height() + "x" + images.width()
                    + " pixels, but Fashion-MNIST images are 28x28: it is a different data set. " + HOW_TO_FIX);
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] >= CLASS_NAMES.size()) {
                throw new DataException(labelFile + ": label " + labels[i] + " of item " + i + " is not a Fashion-MNIST "
                        + "class (0-9): the file is corrupt or from a different data set. " + HOW_TO_FIX);
            }
        }
        byte[] bytes = images.pixels();
        float[] pixels = new float[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            pixels[i] = (bytes[i] & 0xff) / 255f;
        }
        String name = "fashion-mnist " + split.name().toLowerCase(java.util.Locale.ROOT) + " (" + dir + ")";
        return new ImageSet(name, 1, 28, 28, pixels, labels, null);
    }

    /**
     * Checks, without reading the images, that {@code dir} holds both splits: the four files exist, are IDX files,
     * and each image file declares as many items as its label file. Use it before a run starts.
     *
     * @throws DataException naming the missing or broken file (or folder) and how to get Fashion-MNIST
     */
    public static void check(Path dir) {
        for (Split split : Split.values()) {
            files(dir, split);
        }
    }

    /** The image and label file of a split, checked as {@link #check} says. */
    private static Path[] files(Path dir, Split split) {
        if (!Files.isDirectory(dir)) {
            throw new DataException("Fashion-MNIST folder " + dir + (Files.exists(dir) ? " is not a folder. "
                    : " does not exist. ") + HOW_TO_FIX);
        }
        Path imageFile = find(dir, split.prefix() + "-images", "idx3-ubyte");
        Path labelFile = find(dir, split.prefix() + "-labels", "idx1-ubyte");
        int imageCount = IdxFile.count(imageFile);
        int labelCount = IdxFile.count(labelFile);
        if (imageCount != labelCount) {
            throw new DataException(imageFile + " holds " + imageCount + " images but " + labelFile + " holds "
                    + labelCount + " labels: the two files do not belong together. Replace them with a matching pair. "
                    + HOW_TO_FIX);
        }
        return new Path[] {imageFile, labelFile};
    }

    /** The first existing file among {@code stem-suffix.gz}, {@code stem-suffix}, {@code stem.suffix}(.gz). */
    private static Path find(Path dir, String stem, String suffix) {
        String[] candidates = {stem + "-" + suffix + ".gz", stem + "-" + suffix, stem + "." + suffix,
            stem + "." + suffix + ".gz"};
        for (String c : candidates) {
            Path p = dir.resolve(c);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new DataException("Fashion-MNIST file " + dir.resolve(candidates[0]) + " is missing (nor is there "
                + candidates[1] + "). " + HOW_TO_FIX);
    }
}
