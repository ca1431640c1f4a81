package org.repcon.data.ood;

import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.repcon.data.ImageSet;

/**
 * Images of independent per-pixel noise, 1x28x28, on the 8-bit grid of real images (value = byte / 255, like
 * Fashion-MNIST's pixels), no labels, names = index in the set.
 *
 * <ul>
 *   <li>{@link Kind#UNIFORM}: each byte uniform on 0..255, so each value k / 255 has probability 1/256
 *       (mean 0.5, sd about 0.289);</li>
 *   <li>{@link Kind#GAUSSIAN}: {@code round(255 clip(mean + sd z, 0, 1)) / 255} with z standard normal: a normal
 *       distribution clipped to [0, 1] (the clipped mass piles up at 0 and 1) and rounded to the grid.</li>
 * </ul>
 * Image k is drawn from its own {@link Random} seeded by a SplitMix64 mix of {@code seed} and k, so it depends only on
 * (seed, k): the same seed gives the same images, and a limit keeps exactly the images of the full set it names.
 *
 * @param name the set's name as given in the spec
 * @param kind uniform or Gaussian
 * @param count N, the number of images in the whole set
 * @param seed the seed of the set
 * @param mean Gaussian mean before clipping (unused for uniform)
 * @param sd Gaussian standard deviation before clipping, &gt;= 0 (unused for uniform)
 */
public record NoiseSet(String name, Kind kind, int count, long seed, double mean, double sd) implements OodSet {
    /** The noise distribution. */
    public enum Kind {
        UNIFORM,
        GAUSSIAN
    }

    public NoiseSet {
        if (count <= 0) {
            throw new IllegalArgumentException("the number of noise images must be positive, got " + count);
        }
        if (kind == Kind.GAUSSIAN && !(sd >= 0 && Double.isFinite(sd) && Double.isFinite(mean))) {
            throw new IllegalArgumentException("Gaussian noise needs a finite mean and a finite sd >= 0, got mean "
                    + mean + ", sd " + sd);
        }
    }

    @Override
    public void check() {}

    @Override
    public OodImages load(int limit) {
        int per = ImageFileSet.SIZE * ImageFileSet.SIZE;
        int[] keep = Subsets.spread(count, limit);
        float[] pixels = new float[keep.length * per];
        for (int i = 0; i < keep.length; i++) {
            Random random = new Random(mix(seed, keep[i]));
            for (int j = 0; j < per; j++) {
                pixels[i * per + j] = sample(random) / 255f;
            }
        }
        ImageSet images = new ImageSet(description(), 1, ImageFileSet.SIZE, ImageFileSet.SIZE, pixels, null,
                Subsets.indexNames(keep));
        return new OodImages(name, images, List.of());
    }

    /** E.g. "gaussian:0.5,0.25 (Gaussian noise, mean 0.5, sd 0.25, clipped to [0, 1], seed 1, 10000 images)". */
    public String description() {
        String what = kind == Kind.UNIFORM ? "uniform noise on [0, 1]"
                : String.format(Locale.ROOT, "Gaussian noise, mean %s, sd %s, clipped to [0, 1]", num(mean), num(sd));
        return name + " (" + what + ", 8-bit grid, seed " + seed + ", " + count + " images)";
    }

    /** One pixel byte, 0..255. */
    private int sample(Random random) {
        if (kind == Kind.UNIFORM) {
            return random.nextInt(256);
        }
        double v = mean + sd * random.nextGaussian();
        return (int) Math.round(255 * Math.min(1.0, Math.max(0.0, v)));
    }

    /** SplitMix64's finaliser of {@code seed + (index + 1) * golden ratio}: a well-spread seed per image. */
    static long mix(long seed, long index) {
        long z = seed + (index + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e6 ? Long.toString((long) v) : Double.toString(v);
    }
}
