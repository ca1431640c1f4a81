package org.repcon.anomaly.experiment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.repcon.data.IdxFile;
import org.repcon.data.ImageSet;

/**
 * One class's training images split into the images the models train on and the validation images every choice is
 * made on: of the first {@code limit} training images labelled c (0: all), max(1, round(n f)) are drawn without
 * replacement by a partial Fisher-Yates shuffle from {@code SplittableRandom(seed ^ TAG ^ c)}; the rest, in their
 * original order, are trained on.
 *
 * @param train the images the models see
 * @param validation the held-out images of the class
 */
record ClassSplit(ImageSet train, ImageSet validation) {
    private static final long TAG = 0x6f6e65636c617373L; // "oneclass"

    static ClassSplit of(ImageSet all, int c, int limit, double fraction, long seed) {
        int[] ofClass = IntStream.range(0, all.size()).filter(i -> all.labels()[i] == c).toArray();
        if (limit > 0 && ofClass.length > limit) {
            ofClass = Arrays.copyOf(ofClass, limit);
        }
        int n = ofClass.length;
        int nVal = (int) Math.max(1, Math.round(n * fraction));
        if (n - nVal < 2) {
            throw new IllegalArgumentException("class " + c + " has " + n + " training image(s): too few to hold out " + nVal
                    + " for validation and train on the rest; raise data.train_limit or lower data.validation_fraction");
        }
        int[] perm = IntStream.range(0, n).toArray();
        SplittableRandom rng = new SplittableRandom(seed ^ TAG ^ c);
        for (int i = 0; i < nVal; i++) {
            int j = i + rng.nextInt(n - i);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        boolean[] held = new boolean[n];
        for (int i = 0; i < nVal; i++) {
            held[perm[i]] = true;
        }
        int[] classIdx = ofClass;
        int[] val = IntStream.range(0, n).filter(i -> held[i]).map(i -> classIdx[i]).toArray();
        int[] train = IntStream.range(0, n).filter(i -> !held[i]).map(i -> classIdx[i]).toArray();
        return new ClassSplit(pick(all, train, "class " + c + " training"), pick(all, val, "class " + c + " validation"));
    }

    static ImageSet pick(ImageSet all, int[] idx, String name) {
        int per = all.imageSize();
        float[] p = new float[idx.length * per];
        int[] labels = new int[idx.length];
        for (int k = 0; k < idx.length; k++) {
            System.arraycopy(all.pixels(), idx[k] * per, p, k * per, per);
            labels[k] = all.labels()[idx[k]];
        }
        return new ImageSet(name, all.channels(), all.height(), all.width(), p, labels, null);
    }

    /**
     * Writes the folder the nested runs read: {@code train-*} the training images, {@code t10k-*} the validation images
     * (the nested runs' test figures are thus validation figures). An existing complete folder is kept (a resumed run
     * rewrites nothing).
     */
    void write(Path dir) throws java.io.IOException {
        if (Files.isRegularFile(dir.resolve("t10k-labels-idx1-ubyte.gz"))) {
            return;
        }
        Files.createDirectories(dir);
        write(dir, "train", train);
        write(dir, "t10k", validation); // the labels file last: its presence marks a complete folder
    }

    private static void write(Path dir, String prefix, ImageSet images) {
        byte[] bytes = new byte[images.pixels().length];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) Math.round(255 * images.pixels()[i]);
        }
        IdxFile.writeImages(dir.resolve(prefix + "-images-idx3-ubyte.gz"), bytes, images.size(), images.height(), images.width(), true);
        IdxFile.writeLabels(dir.resolve(prefix + "-labels-idx1-ubyte.gz"), images.labels(), true);
    }
}
