package org.repcon.anomaly.shift;

import java.util.SplittableRandom;
import org.repcon.data.ImageSet;

/**
 * The input perturbation of the background model of Ren et al. 2019 ("Likelihood ratios for out-of-distribution
 * detection"): every pixel value is replaced, independently with probability mu (the rate), by an 8-bit value drawn
 * uniformly from {0, 1/255, ..., 1}:
 * <pre>
 * x~_d = u_d      with probability mu,   u_d ~ Uniform{0, ..., 255} / 255
 * x~_d = x_d      otherwise
 * </pre>
 * A model trained on such images learns the population's low-level statistics (background, complexity) but less of its
 * semantics. Deterministic: image i's draws come from {@code SplittableRandom(seed).split()} taken i times, so an image
 * is perturbed the same way whatever else is in the set. Here the perturbation is drawn once per training image (a
 * fixed perturbed copy of the training set), not anew every epoch as in the paper.
 */
public final class BackgroundPerturbation {
    private BackgroundPerturbation() {}

    /**
     * The perturbed copy of {@code images} ([0, 1] pixels; labels and names kept).
     *
     * @param rate mu in [0, 1]
     * @throws IllegalArgumentException if the rate is out of range
     */
    public static ImageSet apply(ImageSet images, double rate, long seed) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("the perturbation rate mu must be in [0, 1], e.g. 0.2, got " + rate);
        }
        float[] p = images.pixels().clone();
        int per = images.imageSize();
        SplittableRandom root = new SplittableRandom(seed);
        for (int i = 0; i < images.size(); i++) {
            SplittableRandom rng = root.split();
            for (int k = i * per; k < (i + 1) * per; k++) {
                if (rng.nextDouble() < rate) {
                    p[k] = rng.nextInt(256) / 255f;
                }
            }
        }
        return new ImageSet(images.name() + " perturbed (mu " + rate + ")", images.channels(), images.height(), images.width(), p,
                images.labels(), images.names());
    }
}
