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
        boolean[] held = new boolean[n];
        for (int j : TrainingSplit.draw(n, nVal, new SplittableRandom(seed ^ TAG ^ c))) {
            held[j] = true;
        }
        int[] classIdx = ofClass;
        int[] val = IntStream.range(0, n).filter(i -> held[i]).map(i -> classIdx[i]).toArray();
        int[] train = IntStream.range(0, n).filter(i -> !held[i]).map(i -> classIdx[i]).toArray();
        return new ClassSplit(TrainingSplit.pick(all, train, "class " + c + " training"), TrainingSplit.pick(all, val, "class " + c + " validation"));
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
