package org.repcon.transformations.augment;

import ai.djl.ndarray.NDArray;
import java.util.Random;

/**
 * A random transformation of a batch of images [B, C, H, W] (values in [0, 1]), drawn independently for every image
 * from {@code rng}: the same generator state gives the same result. The input is not modified; the result is a new
 * array of the same shape and data type, belonging to the input's manager.
 */
@FunctionalInterface
public interface Augmentation {
    /** A randomly transformed copy of {@code images} [B, C, H, W]. */
    NDArray apply(NDArray images, Random rng);
}
