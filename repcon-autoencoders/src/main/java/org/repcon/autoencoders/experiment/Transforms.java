package org.repcon.autoencoders.experiment;

import java.util.ArrayList;
import java.util.List;
import org.repcon.transformations.augment.Augmentation;
import org.repcon.transformations.augment.Augmentations;
import org.repcon.transformations.augment.GaussianNoise;
import org.repcon.transformations.augment.RandomAffine;

/** The input transformation T a config's {@code transformations} section describes. */
final class Transforms {
    private Transforms() {}

    /**
     * T: a random rotation up to {@code rotation_degrees} and translation up to {@code translation} pixels in one
     * bilinear warp, then Gaussian noise of std {@code noise}; parts with a zero range are left out. If every range
     * is zero, T is the identity.
     */
    static Augmentation of(AutoencoderConfig.Transformations t) {
        List<Augmentation> parts = new ArrayList<>();
        if (t.translation() > 0 || t.rotationDegrees() > 0) {
            parts.add(new RandomAffine(t.translation(), Math.toRadians(t.rotationDegrees())));
        }
        if (t.noise() > 0) {
            parts.add(new GaussianNoise(t.noise()));
        }
        return parts.isEmpty() ? (x, rng) -> x : Augmentations.compose(parts.toArray(Augmentation[]::new));
    }
}
