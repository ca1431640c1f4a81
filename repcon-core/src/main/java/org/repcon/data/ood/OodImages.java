package org.repcon.data.ood;

import java.util.List;
import org.repcon.data.ImageSet;

/**
 * Out-of-distribution images as loaded: 1x28x28 grayscale images with pixel values in [0, 1], like Fashion-MNIST's
 * test images ({@link org.repcon.data.FashionMnist}).
 *
 * @param name the set's name as given in the spec, e.g. {@code mnist} or {@code gaussian:0.5,0.25}
 * @param images the images; labels where the source has them (MNIST digits, Fashion-MNIST classes), names = index in
 *     the whole set (IDX files, generated and flipped images) or file name (image folders)
 * @param conversions one line per kind of conversion made to fit 1x28x28, e.g. "3 image(s) resized to 28x28 (the
 *     first from 64x64): a.png, b.png, c.png" (empty if none)
 */
public record OodImages(String name, ImageSet images, List<String> conversions) {
    public OodImages {
        conversions = List.copyOf(conversions);
    }
}
