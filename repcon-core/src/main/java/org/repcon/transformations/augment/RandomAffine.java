package org.repcon.transformations.augment;

import ai.djl.ndarray.NDArray;
import java.util.Random;
import org.repcon.transformations.image.AffineTransform;
import org.repcon.transformations.image.AffineWarp;

/**
 * A random rotation followed by a random translation in ONE bilinear {@link AffineWarp} (one interpolation, so less
 * blur and half the work of {@link RandomRotation} then {@link RandomTranslation}). Per image, in this order: angle
 * a uniform in [-maxRadians, maxRadians], dx and dy uniform in [-maxPixels, maxPixels]; the map is
 * {@code AffineTransform.compose(rotation(a), translation(dx, dy))} (rotate about the centre, then shift).
 */
public record RandomAffine(double maxPixels, double maxRadians) implements Augmentation {
    public RandomAffine {
        if (!(maxPixels >= 0) || Double.isInfinite(maxPixels) || !(maxRadians >= 0) || Double.isInfinite(maxRadians)) {
            throw new IllegalArgumentException("maximum translation and rotation must be finite numbers >= 0, got "
                    + maxPixels + " and " + maxRadians);
        }
    }

    @Override
    public NDArray apply(NDArray images, Random rng) {
        AffineTransform[] t = new AffineTransform[(int) images.getShape().get(0)];
        for (int n = 0; n < t.length; n++) {
            double a = maxRadians * (2 * rng.nextDouble() - 1);
            double dx = maxPixels * (2 * rng.nextDouble() - 1);
            double dy = maxPixels * (2 * rng.nextDouble() - 1);
            t[n] = AffineTransform.compose(AffineTransform.rotation(a), AffineTransform.translation(dx, dy));
        }
        return AffineWarp.warp(images, t);
    }
}
