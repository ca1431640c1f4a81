package org.repcon.transformations.augment;

import ai.djl.ndarray.NDArray;
import java.util.Random;
import org.repcon.transformations.image.AffineTransform;
import org.repcon.transformations.image.AffineWarp;

/**
 * Shifts every image by its own (dx, dy), each drawn uniformly from [-maxPixels, maxPixels] (dx first, then dy, image
 * by image), by a bilinear {@link AffineWarp} with {@link AffineTransform#translation}: content moves by (dx, dy)
 * pixels, x right and y down, and pixels shifted in from outside are 0.
 */
public record RandomTranslation(double maxPixels) implements Augmentation {
    public RandomTranslation {
        if (!(maxPixels >= 0) || Double.isInfinite(maxPixels)) {
            throw new IllegalArgumentException("maximum translation must be a finite number >= 0, got " + maxPixels);
        }
    }

    @Override
    public NDArray apply(NDArray images, Random rng) {
        AffineTransform[] t = new AffineTransform[(int) images.getShape().get(0)];
        for (int n = 0; n < t.length; n++) {
            double dx = maxPixels * (2 * rng.nextDouble() - 1);
            double dy = maxPixels * (2 * rng.nextDouble() - 1);
            t[n] = AffineTransform.translation(dx, dy);
        }
        return AffineWarp.warp(images, t);
    }
}
