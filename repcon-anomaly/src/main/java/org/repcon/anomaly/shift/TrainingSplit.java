package org.repcon.anomaly.shift;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.repcon.data.IdxFile;
import org.repcon.data.ImageSet;

/**
 * The training images of a multi-class data set split into the images the models train on and the validation images
 * every choice is made on, after an optional thinning of classes:
 * <ol>
 *   <li>of the first {@code limit} training images (0: all), a class c with keep fraction f_c (default 1) keeps
 *       round(n_c f_c) of its n_c images, drawn without replacement by a seeded shuffle (f_c = 0 leaves the class out);</li>
 *   <li>of the images kept, max(1, round(n f)) are drawn for validation by a seeded shuffle; the rest, in their
 *       original order, are trained on.</li>
 * </ol>
 * Shuffles are partial Fisher-Yates from {@code SplittableRandom(seed ^ TAG)} (thinning: one generator per class,
 * {@code seed ^ TAG ^ (c + 1) * 0x9E3779B97F4A7C15L}).
 *
 * @param train the images the models see
 * @param validation the held-out images
 */
public record TrainingSplit(ImageSet train, ImageSet validation) {
    private static final long TAG = 0x7368696674L; // "shift"

    /**
     * Splits {@code all}.
     *
     * @param keep class -> fraction of its images kept (classes not named keep all)
     * @throws IllegalArgumentException if fewer than 2 images would be trained on or a fraction is out of [0, 1]
     */
    public static TrainingSplit of(ImageSet all, int limit, Map<Integer, Double> keep, double fraction, long seed) {
        int n0 = limit > 0 ? Math.min(limit, all.size()) : all.size();
        boolean[] kept = new boolean[n0];
        java.util.Arrays.fill(kept, true);
        for (Map.Entry<Integer, Double> e : keep.entrySet()) {
            int c = e.getKey();
            double f = e.getValue();
            if (!(f >= 0 && f <= 1)) {
                throw new IllegalArgumentException("the kept fraction of class " + c + " must be in [0, 1], got " + f);
            }
            int[] ofClass = IntStream.range(0, n0).filter(i -> all.labels()[i] == c).toArray();
            int k = (int) Math.round(ofClass.length * f);
            int[] chosen = draw(ofClass.length, k, new SplittableRandom(seed ^ TAG ^ (c + 1) * 0x9E3779B97F4A7C15L));
            boolean[] in = new boolean[ofClass.length];
            for (int j : chosen) {
                in[j] = true;
            }
            for (int j = 0; j < ofClass.length; j++) {
                kept[ofClass[j]] = in[j];
            }
        }
        int[] idx = IntStream.range(0, n0).filter(i -> kept[i]).toArray();
        int n = idx.length;
        int nVal = (int) Math.max(1, Math.round(n * fraction));
        if (n - nVal < 2) {
            throw new IllegalArgumentException(n + " training image(s) kept: too few to hold out " + nVal
                    + " for validation and train on the rest; raise data.train_limit or lower data.validation_fraction");
        }
        boolean[] held = new boolean[n];
        for (int j : draw(n, nVal, new SplittableRandom(seed ^ TAG))) {
            held[j] = true;
        }
        int[] val = IntStream.range(0, n).filter(i -> held[i]).map(i -> idx[i]).toArray();
        int[] train = IntStream.range(0, n).filter(i -> !held[i]).map(i -> idx[i]).toArray();
        return new TrainingSplit(pick(all, train, all.name() + " training"), pick(all, val, all.name() + " validation"));
    }

    /** k distinct positions of 0..n-1 by a partial Fisher-Yates shuffle: the first k of the shuffled 0..n-1. */
    public static int[] draw(int n, int k, SplittableRandom rng) {
        int[] perm = IntStream.range(0, n).toArray();
        for (int i = 0; i < k; i++) {
            int j = i + rng.nextInt(n - i);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        return java.util.Arrays.copyOf(perm, k);
    }

    /** The images at {@code idx} of {@code all}, in that order, as a set named {@code name}. */
    public static ImageSet pick(ImageSet all, int[] idx, String name) {
        int per = all.imageSize();
        float[] p = new float[idx.length * per];
        int[] labels = new int[idx.length];
        for (int k = 0; k < idx.length; k++) {
            System.arraycopy(all.pixels(), idx[k] * per, p, k * per, per);
            labels[k] = all.labels()[idx[k]];
        }
        return new ImageSet(name, all.channels(), all.height(), all.width(), p, labels, null);
    }

    /** Images per class 0..9 of a labelled set, for provenance. */
    public static List<Integer> counts(ImageSet s) {
        int[] c = new int[10];
        for (int l : s.labels()) {
            c[l]++;
        }
        List<Integer> out = new ArrayList<>();
        for (int v : c) {
            out.add(v);
        }
        return out;
    }

    /**
     * Writes a folder the nested runs read as Fashion-MNIST: {@code train-*} the training images, {@code t10k-*} the
     * given "test" images (this experiment's validation images, so a nested run never sees a test image). An existing
     * complete folder is kept (a resumed run rewrites nothing); the labels of t10k are written last and mark it complete.
     */
    public static void write(Path dir, ImageSet train, ImageSet test) throws java.io.IOException {
        if (Files.isRegularFile(dir.resolve("t10k-labels-idx1-ubyte.gz"))) {
            return;
        }
        Files.createDirectories(dir);
        write(dir, "train", train);
        write(dir, "t10k", test);
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
