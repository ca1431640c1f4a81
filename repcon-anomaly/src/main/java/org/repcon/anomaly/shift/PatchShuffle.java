package org.repcon.anomaly.shift;

import java.util.SplittableRandom;
import org.repcon.data.ImageSet;

/**
 * Synthetic semantic outliers made from in-distribution images only: each image is cut into a g x g grid of equal
 * patches (H and W divisible by g) which are put back in a random order (a seeded Fisher-Yates permutation per image,
 * image i's from the i-th {@code split()} of {@code SplittableRandom(seed)}). Pixel values and most local structure are
 * kept, the object is destroyed. Used to choose the background model's perturbation rate on validation data without
 * looking at any out-of-distribution set ({@link RateChoice}).
 */
public final class PatchShuffle {
    private PatchShuffle() {}

    /**
     * The shuffled copy of {@code images}.
     *
     * @param grid g >= 2, dividing the height and the width
     */
    public static ImageSet apply(ImageSet images, int grid, long seed) {
        int h = images.height();
        int w = images.width();
        if (grid < 2 || h % grid != 0 || w % grid != 0) {
            throw new IllegalArgumentException("the patch grid must be >= 2 and divide " + h + "x" + w + ", got " + grid);
        }
        int ph = h / grid;
        int pw = w / grid;
        int per = images.imageSize();
        int planes = images.channels();
        float[] src = images.pixels();
        float[] out = new float[src.length];
        SplittableRandom root = new SplittableRandom(seed);
        int[] perm = new int[grid * grid];
        for (int i = 0; i < images.size(); i++) {
            SplittableRandom rng = root.split();
            for (int k = 0; k < perm.length; k++) {
                perm[k] = k;
            }
            for (int k = perm.length - 1; k > 0; k--) {
                int j = rng.nextInt(k + 1);
                int t = perm[k];
                perm[k] = perm[j];
                perm[j] = t;
            }
            for (int target = 0; target < perm.length; target++) {
                int source = perm[target];
                int ty = target / grid * ph;
                int tx = target % grid * pw;
                int sy = source / grid * ph;
                int sx = source % grid * pw;
                for (int c = 0; c < planes; c++) {
                    int base = i * per + c * h * w;
                    for (int y = 0; y < ph; y++) {
                        System.arraycopy(src, base + (sy + y) * w + sx, out, base + (ty + y) * w + tx, pw);
                    }
                }
            }
        }
        return new ImageSet(images.name() + " patch-shuffled (" + grid + "x" + grid + ")", images.channels(), h, w, out, images.labels(),
                images.names());
    }
}
