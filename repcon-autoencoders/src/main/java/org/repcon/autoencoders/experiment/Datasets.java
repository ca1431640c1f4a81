package org.repcon.autoencoders.experiment;

import java.util.Arrays;
import java.util.List;
import org.repcon.data.FashionMnist;
import org.repcon.data.ImageFolder;
import org.repcon.data.ImageSet;

/** The train and test images an autoencoder config names. */
public record Datasets(ImageSet train, ImageSet test, List<String> classNames) {

    /**
     * Checks, without loading them, that the images {@link #load} would read are there (before a run starts).
     *
     * @throws org.repcon.data.DataException naming the missing file or folder and how to get it
     */
    public static void check(AutoencoderConfig.DataSettings d) {
        if (d.source().equals("fashion-mnist")) {
            FashionMnist.check(d.dir());
            return;
        }
        int n = ImageFolder.check(d.dir());
        int nTest = (int) Math.round(n * d.testFraction());
        if (n - nTest < 1) {
            throw tooFew(d, n);
        }
        if (nTest < 1) {
            throw noTest(d, n);
        }
    }

    /** A test share that rounds to no image: the test metrics would silently be the training images'. */
    private static org.repcon.data.DataException noTest(AutoencoderConfig.DataSettings d, int n) {
        return new org.repcon.data.DataException("data.test_fraction " + d.testFraction() + " of the " + n
                + " image(s) in " + d.dir() + " rounds to 0 test images (the model would be tested on its training images); "
                + "raise data.test_fraction or add images");
    }

    private static org.repcon.data.DataException tooFew(AutoencoderConfig.DataSettings d, int n) {
        return new org.repcon.data.DataException(d.dir() + " has " + n + " image(s): too few to hold out a test share of "
                + d.testFraction() + "; add images or lower data.test_fraction");
    }

    /** Loads Fashion-MNIST's two splits, or a folder of images split by {@code test_fraction}. */
    public static Datasets load(AutoencoderConfig.DataSettings d) {
        if (d.source().equals("fashion-mnist")) {
            return new Datasets(FashionMnist.load(d.dir(), FashionMnist.Split.TRAIN, d.trainLimit()),
                    FashionMnist.load(d.dir(), FashionMnist.Split.TEST, d.testLimit()), FashionMnist.CLASS_NAMES);
        }
        ImageSet all = ImageFolder.load(d.dir(), d.channels(), d.height(), d.width());
        int n = all.size();
        int nTest = (int) Math.round(n * d.testFraction());
        if (n - nTest < 1) {
            throw tooFew(d, n);
        }
        if (nTest < 1) {
            throw noTest(d, n);
        }
        ImageSet train = slice(all, 0, n - nTest, d.trainLimit());
        ImageSet test = slice(all, n - nTest, n, d.testLimit());
        return new Datasets(train, test, List.of());
    }

    private static ImageSet slice(ImageSet all, int from, int to, int limit) {
        if (limit > 0) {
            to = Math.min(to, from + limit);
        }
        int per = all.imageSize();
        float[] p = Arrays.copyOfRange(all.pixels(), from * per, to * per);
        int[] labels = all.labels() == null ? null : Arrays.copyOfRange(all.labels(), from, to);
        List<String> names = all.names() == null ? null : List.copyOf(all.names().subList(from, to));
        return new ImageSet(all.name(), all.channels(), all.height(), all.width(), p, labels, names);
    }

    /** A class name for a label (or the number, if the data has no names). */
    public String className(int label) {
        return label < classNames.size() ? classNames.get(label) : Integer.toString(label);
    }
}
