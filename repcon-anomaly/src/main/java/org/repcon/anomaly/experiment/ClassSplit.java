package org.repcon.anomaly.experiment;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.repcon.anomaly.shift.TrainingSplit;
import org.repcon.data.ImageSet;

/**
 * One class's training images split into the images the models train on and the validation images every choice is
 * made on: of the first {@code limit} training images labelled c (0: all), max(1, round(n f)) are drawn without
 * replacement by a partial Fisher-Yates shuffle from {@code SplittableRandom(seed ^ TAG ^ c)}; the rest, in their
 * original order, are trained on. The validation outliers: {@code perOtherClass} training images of every other class
 * (never trained on by this problem's models), drawn the same way from {@code SplittableRandom(seed ^ OUTLIER_TAG ^
 * 31 c + d)} for class d, in class order and then in their original order: the anomalies of the validation split,
 * on which the score (or combination of scores) is chosen, never on test images.
 *
 * @param train the images the models see
 * @param validation the held-out images of the class
 * @param outliers the validation outliers (labels kept), empty if {@code perOtherClass} is 0
 */
record ClassSplit(ImageSet train, ImageSet validation, ImageSet outliers) {
    private static final long TAG = 0x6f6e65636c617373L; // "oneclass"
    private static final long OUTLIER_TAG = 0x6f75746c69657273L; // "outliers"

    static ClassSplit of(ImageSet all, int c, int limit, double fraction, long seed) {
        return of(all, c, limit, fraction, 0, seed);
    }

    static ClassSplit of(ImageSet all, int c, int limit, double fraction, int perOtherClass, long seed) {
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
        boolean[] held = new boolean[n];
        for (int j : TrainingSplit.draw(n, nVal, new SplittableRandom(seed ^ TAG ^ c))) {
            held[j] = true;
        }
        int[] classIdx = ofClass;
        int[] val = IntStream.range(0, n).filter(i -> held[i]).map(i -> classIdx[i]).toArray();
        int[] train = IntStream.range(0, n).filter(i -> !held[i]).map(i -> classIdx[i]).toArray();
        return new ClassSplit(TrainingSplit.pick(all, train, "class " + c + " training"), TrainingSplit.pick(all, val, "class " + c + " validation"),
                TrainingSplit.pick(all, outliers(all, c, perOtherClass, seed), "class " + c + " validation outliers"));
    }

    /** Indices of min(perOtherClass, n_d) training images of every class d != c present in {@code all}. */
    private static int[] outliers(ImageSet all, int c, int perOtherClass, long seed) {
        if (perOtherClass == 0) {
            return new int[0];
        }
        java.util.List<Integer> picked = new java.util.ArrayList<>();
        int[] classes = IntStream.of(all.labels()).filter(d -> d != c).distinct().sorted().toArray();
        for (int d : classes) {
            int[] ofD = IntStream.range(0, all.size()).filter(i -> all.labels()[i] == d).toArray();
            int k = Math.min(perOtherClass, ofD.length);
            int[] drawn = TrainingSplit.draw(ofD.length, k, new SplittableRandom(seed ^ OUTLIER_TAG ^ (31L * c + d)));
            Arrays.sort(drawn);
            for (int j : drawn) {
                picked.add(ofD[j]);
            }
        }
        return picked.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Writes the folder the nested runs read: {@code train-*} the training images, {@code t10k-*} the validation images
     * (the nested runs' test figures are thus validation figures). An existing complete folder is kept (a resumed run
     * rewrites nothing).
     */
    void write(Path dir) throws java.io.IOException {
        TrainingSplit.write(dir, train, validation);
    }
}
