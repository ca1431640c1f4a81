package org.repcon.autoencoders.experiment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.repcon.data.DataException;
import org.repcon.data.FashionMnist;
import org.repcon.data.ImageFolder;
import org.repcon.data.ImageSet;

/**
 * The train, validation and test images an autoencoder config names.
 *
 * <p>The test images are Fashion-MNIST's test split, or the last {@code data.test_fraction} of an image folder's
 * sorted files. The validation images are carved from the training images (after {@code data.train_limit}):
 * max(1, round(n * {@code data.validation_fraction})) of the n training images, drawn without replacement by a seeded
 * shuffle ({@link #validationIndices}); the rest, in their original order, are trained on. Training never sees the
 * validation images; choices made at evaluation time read them, never the test images.
 */
public record Datasets(ImageSet train, ImageSet validation, ImageSet test, List<String> classNames) {
    /** Tags the validation split's random stream, so that it differs from the run's other uses of the seed. */
    private static final long SPLIT_TAG = 0x73706C6974L; // "split"
    /** Images in Fashion-MNIST's training split. */
    private static final int FASHION_MNIST_TRAIN = 60_000;

    /**
     * Checks, without loading them, that the images {@link #load} would read are there (before a run starts), that
     * the test share of an image folder holds at least one image and that a training image is left after the
     * validation share.
     *
     * @throws DataException naming the missing file or folder and how to get it, or the share at fault
     */
    public static void check(AutoencoderConfig.DataSettings d) {
        if (d.source().equals("fashion-mnist")) {
            FashionMnist.check(d.dir());
            validationCount(d, d.trainLimit() > 0 ? Math.min(d.trainLimit(), FASHION_MNIST_TRAIN) : FASHION_MNIST_TRAIN);
            return;
        }
        int n = ImageFolder.check(d.dir());
        int nTest = testCount(d, n);
        int nTrain = n - nTest;
        validationCount(d, d.trainLimit() > 0 ? Math.min(d.trainLimit(), nTrain) : nTrain);
    }

    private static int testCount(AutoencoderConfig.DataSettings d, int n) {
        int nTest = (int) Math.round(n * d.testFraction());
        if (n - nTest < 1) {
            throw new DataException(d.dir() + " has " + n + " image(s): too few to hold out a test share of "
                    + d.testFraction() + "; add images or lower data.test_fraction");
        }
        if (nTest < 1) { // the test metrics would silently be the training images'
            throw new DataException("data.test_fraction " + d.testFraction() + " of the " + n
                    + " image(s) in " + d.dir() + " rounds to 0 test images (the model would be tested on its training images); "
                    + "raise data.test_fraction or add images");
        }
        return nTest;
    }

    /**
     * max(1, round(n * validation_fraction)): at least one validation image, so that a small folder still has one
     * to make choices on; checked to leave at least one training image.
     */
    static int validationCount(AutoencoderConfig.DataSettings d, int n) {
        int nVal = (int) Math.max(1, Math.round(n * d.validationFraction()));
        if (n - nVal < 1) {
            throw new DataException("data.validation_fraction " + d.validationFraction() + " of the " + n
                    + " training image(s) leaves no image to train on; lower data.validation_fraction or add images");
        }
        return nVal;
    }

    /**
     * Loads Fashion-MNIST's two splits, or a folder of images split by {@code test_fraction}, and carves the
     * validation images out of the training images with {@code seed}.
     */
    public static Datasets load(AutoencoderConfig.DataSettings d, long seed) {
        ImageSet trainAndValidation;
        ImageSet test;
        List<String> classNames;
        if (d.source().equals("fashion-mnist")) {
            trainAndValidation = FashionMnist.load(d.dir(), FashionMnist.Split.TRAIN, d.trainLimit());
            test = FashionMnist.load(d.dir(), FashionMnist.Split.TEST, d.testLimit());
            classNames = FashionMnist.CLASS_NAMES;
        } else {
            ImageSet all = ImageFolder.load(d.dir(), d.channels(), d.height(), d.width());
            int n = all.size();
            int nTest = testCount(d, n);
            trainAndValidation = all.slice(0, limit(0, n - nTest, d.trainLimit()));
            test = all.slice(n - nTest, limit(n - nTest, n, d.testLimit()));
            classNames = List.of();
        }
        int n = trainAndValidation.size();
        int[] validation = validationIndices(n, validationCount(d, n), seed);
        boolean[] held = new boolean[n];
        for (int i : validation) {
            held[i] = true;
        }
        int[] train = new int[n - validation.length];
        for (int i = 0, k = 0; i < n; i++) {
            if (!held[i]) {
                train[k++] = i;
            }
        }
        return new Datasets(pick(trainAndValidation, train), pick(trainAndValidation, validation), test, classNames);
    }

    /**
     * The validation share of n training images: {@code count} distinct indices of [0, n) drawn by a partial
     * Fisher-Yates shuffle from a {@link SplittableRandom} of {@code seed} (tagged), in ascending order.
     */
    static int[] validationIndices(int n, int count, long seed) {
        if (count < 0 || count > n) {
            throw new IllegalArgumentException("validation count must be in [0, " + n + "], got " + count);
        }
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        SplittableRandom rng = new SplittableRandom(seed ^ SPLIT_TAG);
        for (int i = 0; i < count; i++) {
            int j = i + rng.nextInt(n - i);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        int[] out = Arrays.copyOf(perm, count);
        Arrays.sort(out);
        return out;
    }

    private static int limit(int from, int to, int limit) {
        return limit > 0 ? Math.min(to, from + limit) : to;
    }

    /** The images at {@code indices}, in that order, with their labels and names. */
    private static ImageSet pick(ImageSet all, int[] indices) {
        int per = all.imageSize();
        float[] p = new float[indices.length * per];
        int[] labels = all.labels() == null ? null : new int[indices.length];
        List<String> names = all.names() == null ? null : new ArrayList<>(indices.length);
        for (int k = 0; k < indices.length; k++) {
            System.arraycopy(all.pixels(), indices[k] * per, p, k * per, per);
            if (labels != null) {
                labels[k] = all.labels()[indices[k]];
            }
            if (names != null) {
                names.add(all.names().get(indices[k]));
            }
        }
        return new ImageSet(all.name(), all.channels(), all.height(), all.width(), p, labels,
                names == null ? null : List.copyOf(names));
    }

    /** A class name for a label (or the number, if the data has no names). */
    public String className(int label) {
        return label < classNames.size() ? classNames.get(label) : Integer.toString(label);
    }
}
