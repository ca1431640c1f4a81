package org.repcon.tracking.data;

import java.util.ArrayList;
import java.util.List;
import org.repcon.data.ImageSet;
import org.repcon.tracking.geometry.Line;

/**
 * Track images (one channel) with their truth: image n of {@code images} shows the lines {@code truth.get(n)}, in
 * {@link Line}'s conventions for the images' size. Truth is for evaluation only, never for training.
 *
 * @param images the images, 1 channel, pixels in [0, 1], named (e.g. {@code img00000.png}) if they come from files
 *     or from {@link #generate}
 * @param truth one list of lines per image
 */
public record TrackImageSet(ImageSet images, List<List<Line>> truth) {
    public TrackImageSet {
        if (images.channels() != 1) {
            throw new IllegalArgumentException("track images have 1 channel, got " + images.channels());
        }
        if (truth.size() != images.size()) {
            throw new IllegalArgumentException(truth.size() + " truth lists for " + images.size() + " images");
        }
        truth = truth.stream().map(List::copyOf).toList();
    }

    /**
     * Images {@code from, ..., from + count - 1} of {@code seed} drawn by {@code generator}, named
     * {@link #fileName(int) img&lt;index&gt;.png} after their index.
     */
    public static TrackImageSet generate(TrackImageGenerator generator, long seed, int from, int count) {
        if (from < 0 || count < 0) {
            throw new IllegalArgumentException("image range must be non-negative, got from " + from + ", count " + count);
        }
        TrackImageSpec spec = generator.spec();
        int per = spec.width() * spec.height();
        float[] pixels = new float[count * per];
        List<List<Line>> truth = new ArrayList<>(count);
        List<String> names = new ArrayList<>(count);
        for (int n = 0; n < count; n++) {
            GeneratedImage g = generator.generate(seed, from + n);
            System.arraycopy(g.pixels(), 0, pixels, n * per, per);
            truth.add(g.truth());
            names.add(fileName(from + n));
        }
        ImageSet images = new ImageSet("generated tracks (seed " + seed + ", images " + from + ".." + (from + count - 1)
                + ")", 1, spec.height(), spec.width(), pixels, null, List.copyOf(names));
        return new TrackImageSet(images, truth);
    }

    /** The file name of image {@code index}: {@code img} and the index in at least five digits, {@code .png}. */
    public static String fileName(int index) {
        return String.format(java.util.Locale.ROOT, "img%05d.png", index);
    }

    /** Number of images. */
    public int size() {
        return images.size();
    }

    /** The lines of image {@code n}. */
    public List<Line> truth(int n) {
        return truth.get(n);
    }
}
