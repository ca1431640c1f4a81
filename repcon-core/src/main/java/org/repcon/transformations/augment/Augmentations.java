package org.repcon.transformations.augment;

import ai.djl.ndarray.NDArray;
import java.util.List;

/** Combinations of {@link Augmentation}s. */
public final class Augmentations {
    private Augmentations() {}

    /**
     * The augmentations applied in the order given, each to the previous one's result, all drawing from the same
     * generator; intermediate results are freed. With none, a copy of the input.
     */
    public static Augmentation compose(Augmentation... inOrder) {
        List<Augmentation> steps = List.of(inOrder);
        return (images, rng) -> {
            if (steps.isEmpty()) {
                return images.duplicate();
            }
            NDArray current = images;
            for (Augmentation step : steps) {
                NDArray next = step.apply(current, rng);
                if (current != images) {
                    current.close();
                }
                current = next;
            }
            return current;
        };
    }
}
