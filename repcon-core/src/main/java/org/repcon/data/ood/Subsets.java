package org.repcon.data.ood;

import java.util.ArrayList;
import java.util.List;
import org.repcon.data.ImageSet;

/** Evenly spread subsets of image sets, as {@link OodSet} defines its limit. */
final class Subsets {
    private Subsets() {}

    /**
     * The indices {@code floor(i total / n)}, i = 0..n-1, with {@code n = min(limit, total)} ({@code limit <= 0}: all
     * indices 0..total-1). Strictly increasing, so no image repeats.
     */
    static int[] spread(int total, int limit) {
        int n = limit <= 0 ? total : Math.min(limit, total);
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = (int) ((long) i * total / n);
        }
        return idx;
    }

    /** Images {@code indices} of {@code set}, in that order, with their labels and names. */
    static ImageSet select(ImageSet set, int[] indices, String name) {
        int per = set.imageSize();
        float[] pixels = new float[indices.length * per];
        int[] labels = set.hasLabels() ? new int[indices.length] : null;
        List<String> names = set.names() == null ? null : new ArrayList<>(indices.length);
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(set.pixels(), indices[i] * per, pixels, i * per, per);
            if (labels != null) {
                labels[i] = set.labels()[indices[i]];
            }
            if (names != null) {
                names.add(set.names().get(indices[i]));
            }
        }
        return new ImageSet(name, set.channels(), set.height(), set.width(), pixels, labels,
                names == null ? null : List.copyOf(names));
    }

    /** "0", "1", ..., the index of each image in its set. */
    static List<String> indexNames(int[] indices) {
        List<String> names = new ArrayList<>(indices.length);
        for (int i : indices) {
            names.add(Integer.toString(i));
        }
        return List.copyOf(names);
    }
}
