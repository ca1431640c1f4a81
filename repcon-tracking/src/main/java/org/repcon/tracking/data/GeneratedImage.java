package org.repcon.tracking.data;

import java.util.List;
import org.repcon.tracking.geometry.Line;

/**
 * One generated track image and its truth.
 *
 * @param width image width W
 * @param height image height H
 * @param pixels the image, H x W values in [0, 1], {@code pixels[i * W + j]} (row i from the top, column j)
 * @param truth the tracks drawn in it, in {@link Line}'s conventions for a W x H image, in drawing order
 */
public record GeneratedImage(int width, int height, float[] pixels, List<Line> truth) {
    public GeneratedImage {
        if (pixels.length != width * height) {
            throw new IllegalArgumentException(pixels.length + " pixels for a " + width + "x" + height + " image");
        }
        truth = List.copyOf(truth);
    }
}
