package org.repcon.transformations.augment;

import ai.djl.ndarray.NDArray;
import java.util.Random;
import org.repcon.transformations.image.AffineTransform;
import org.repcon.transformations.image.AffineWarp;

/**
 * Rotates every image about its centre by its own angle, drawn uniformly from [-maxRadians, maxRadians], by a
 * bilinear {@link AffineWarp} with {@link AffineTransform#rotation} (positive = from +x towards +y, clockwise on
 * screen); corners rotated in from outside are 0.
 */
public record RandomRotation(double maxRadians) implements Augmentation {
    public RandomRotation {
        if (!(maxRadians >= 0) || Double.isInfinite(maxRadians)) {
            throw new IllegalArgumentException("maximum rotation must be a finite number >= 0 (radians), got "
                    + maxRadians);
        }
    }

    /** The same with the maximum angle in degrees. */
    public static RandomRotation degrees(double maxDegrees) {
        return new RandomRotation(Math.toRadians(maxDegrees));
    }

    @Override
    public NDArray apply(NDArray images, Random rng) {
        AffineTransform[] t = new AffineTransform[(int) images.getShape().get(0)];
        for (int n = 0; n < t.length; n++) {
            t[n] = AffineTransform.rotation(maxRadians * (2 * rng.nextDouble() - 1));
        }
        return AffineWarp.warp(images, t);
    }
}
