package org.repcon.data.ood;

/**
 * A named set of out-of-distribution images for a model trained on Fashion-MNIST; {@link OodSets#parse} makes one from
 * its spec name. Every set yields 1x28x28 grayscale images in [0, 1] ({@link OodImages}).
 *
 * <p>A {@code limit} n &gt; 0 smaller than the set's size N keeps the n images at indices {@code floor(i N / n)},
 * i = 0..n-1, spread evenly over the whole set ({@link Subsets#spread}), so that a sorted set (the MNIST digits are
 * stored 0s first, 9s last) keeps every class in proportion; {@code limit <= 0} keeps all. Image k of a set is the
 * same whatever the limit.
 */
public interface OodSet {
    /** The name as given in the spec. */
    String name();

    /**
     * Checks, without loading the images, that the set can be loaded (its files exist and are readable as images);
     * use it before a run starts.
     *
     * @throws org.repcon.data.DataException naming the missing or broken file and how to get it
     */
    void check();

    /**
     * The set's images (at most {@code limit}, spread evenly; {@code limit <= 0}: all).
     *
     * @throws org.repcon.data.DataException naming the missing or broken file and how to get it
     */
    OodImages load(int limit);
}
