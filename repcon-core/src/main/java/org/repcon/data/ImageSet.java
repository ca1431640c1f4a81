package org.repcon.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/**
 * A set of same-sized images held in plain Java memory, pixels in [0, 1], channel-first:
 * {@code pixels[((n * channels + c) * height + y) * width + x]}. Labels (class indices) and names (file
 * names) are optional; labels are used for evaluation only, never for training.
 *
 * @param name where the images came from (a path or a description), for messages and provenance
 * @param labels one class index per image, or null
 * @param names one name per image (e.g. the file name), or null
 */
public record ImageSet(String name, int channels, int height, int width, float[] pixels, int[] labels, List<String> names) {
    public ImageSet {
        if (channels <= 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException("image shape must be positive, got " + channels + "x" + height + "x" + width);
        }
        long per = (long) channels * height * width;
        if (pixels.length % per != 0) {
            throw new IllegalArgumentException(pixels.length + " pixel values are not a whole number of " + channels
                    + "x" + height + "x" + width + " images");
        }
        int n = (int) (pixels.length / per);
        if (labels != null && labels.length != n) {
            throw new IllegalArgumentException(labels.length + " labels for " + n + " images");
        }
        if (names != null && names.size() != n) {
            throw new IllegalArgumentException(names.size() + " names for " + n + " images");
        }
    }

    /** Number of images. */
    public int size() {
        return pixels.length / imageSize();
    }

    /** Values per image, C * H * W. */
    public int imageSize() {
        return channels * height * width;
    }

    public boolean hasLabels() {
        return labels != null;
    }

    /** Images {@code indices} as one array [B, C, H, W] of the given type, created in {@code manager}. */
    public NDArray batch(NDManager manager, int[] indices, DataType type) {
        int per = imageSize();
        float[] out = new float[indices.length * per];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(pixels, indices[i] * per, out, i * per, per);
        }
        return manager.create(out, new Shape(indices.length, channels, height, width)).toType(type, false);
    }

    /** Images {@code from} (inclusive) to {@code to} (exclusive) as [B, C, H, W]. */
    public NDArray batch(NDManager manager, int from, int to, DataType type) {
        int per = imageSize();
        float[] out = new float[(to - from) * per];
        System.arraycopy(pixels, from * per, out, 0, out.length);
        return manager.create(out, new Shape(to - from, channels, height, width)).toType(type, false);
    }

    /** The first {@code n} images (or all, if there are fewer). */
    public ImageSet head(int n) {
        int k = Math.min(n, size());
        float[] p = java.util.Arrays.copyOf(pixels, k * imageSize());
        int[] l = labels == null ? null : java.util.Arrays.copyOf(labels, k);
        List<String> nm = names == null ? null : List.copyOf(names.subList(0, k));
        return new ImageSet(name, channels, height, width, p, l, nm);
    }

    /** Images {@code from} (inclusive) to {@code to} (exclusive), with their labels and names. */
    public ImageSet slice(int from, int to) {
        if (from < 0 || to > size() || from > to) {
            throw new IndexOutOfBoundsException("slice [" + from + ", " + to + ") of " + size() + " images");
        }
        int per = imageSize();
        float[] p = java.util.Arrays.copyOfRange(pixels, from * per, to * per);
        int[] l = labels == null ? null : java.util.Arrays.copyOfRange(labels, from, to);
        List<String> nm = names == null ? null : List.copyOf(names.subList(from, to));
        return new ImageSet(name, channels, height, width, p, l, nm);
    }

    /**
     * These images followed by {@code other}'s (same shape required); labels and names are kept only if both sets have
     * them. The name is this set's.
     */
    public ImageSet concat(ImageSet other) {
        if (other.channels != channels || other.height != height || other.width != width) {
            throw new IllegalArgumentException("cannot append " + other.channels + "x" + other.height + "x" + other.width + " images ("
                    + other.name + ") to " + channels + "x" + height + "x" + width + " images (" + name + ")");
        }
        float[] p = java.util.Arrays.copyOf(pixels, pixels.length + other.pixels.length);
        System.arraycopy(other.pixels, 0, p, pixels.length, other.pixels.length);
        int[] l = null;
        if (labels != null && other.labels != null) {
            l = java.util.Arrays.copyOf(labels, labels.length + other.labels.length);
            System.arraycopy(other.labels, 0, l, labels.length, other.labels.length);
        }
        List<String> nm = null;
        if (names != null && other.names != null) {
            java.util.List<String> all = new java.util.ArrayList<>(names);
            all.addAll(other.names);
            nm = List.copyOf(all);
        }
        return new ImageSet(name, channels, height, width, p, l, nm);
    }
}
