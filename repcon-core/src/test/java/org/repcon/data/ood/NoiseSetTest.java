package org.repcon.data.ood;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.repcon.data.ImageSet;

/**
 * Noise sets: every value on the 8-bit grid, the byte histogram's mean, sd and end masses against the exact
 * distribution (uniform on 0..255; a normal clipped to [0, 1] and rounded to the grid, from the normal CDF), and
 * seeding.
 */
class NoiseSetTest {
    private static final int IMAGES = 200; // 156,800 pixels: the sample mean's sd is under 0.001

    private static OodSets sets(long seed, int count) {
        return OodSets.builder().setFashionDir(Path.of("unused")).optSeed(seed).optNoiseCount(count).build();
    }

    /** The bytes of the images (value * 255, checked to be whole numbers). */
    private static int[] bytes(ImageSet im) {
        int[] b = new int[im.pixels().length];
        for (int k = 0; k < b.length; k++) {
            double v = im.pixels()[k] * 255.0;
            b[k] = (int) Math.round(v);
            assertEquals(b[k], v, 1e-4, "value " + im.pixels()[k] + " is not on the 8-bit grid");
            assertTrue(b[k] >= 0 && b[k] <= 255);
        }
        return b;
    }

    /** Checks mean, sd, P(0) and P(255) of the bytes against a distribution p over 0..255 to within 5 sd. */
    private static void matches(int[] b, double[] p) {
        double mean = 0;
        double second = 0;
        for (int k = 0; k < 256; k++) {
            mean += k * p[k];
            second += (double) k * k * p[k];
        }
        double var = second - mean * mean;
        int n = b.length;
        double m = Arrays.stream(b).average().orElseThrow();
        double v = Arrays.stream(b).mapToDouble(x -> (x - m) * (x - m)).sum() / (n - 1);
        assertEquals(mean, m, 5 * Math.sqrt(var / n), "mean byte");
        assertEquals(Math.sqrt(var), Math.sqrt(v), 0.01 * Math.sqrt(var), "sd of the bytes");
        for (int end : new int[] {0, 255}) {
            double f = Arrays.stream(b).filter(x -> x == end).count() / (double) n;
            assertEquals(p[end], f, 5 * Math.sqrt(p[end] * (1 - p[end]) / n) + 1e-6, "P(byte = " + end + ")");
        }
    }

    @Test
    void uniformIsUniformOnTheGrid() {
        OodImages got = sets(3, IMAGES).parse("uniform").load(0);
        ImageSet im = got.images();
        assertEquals(IMAGES, im.size());
        assertEquals(1, im.channels());
        assertEquals(28, im.height());
        assertNull(im.labels());
        double[] p = new double[256];
        Arrays.fill(p, 1.0 / 256);
        matches(bytes(im), p);
    }

    @Test
    void gaussianIsAClippedRoundedNormal() {
        for (double[] ms : new double[][] {{OodSets.GAUSSIAN_MEAN, OodSets.GAUSSIAN_SD}, {0.2, 0.3}}) {
            String name = ms[0] == OodSets.GAUSSIAN_MEAN && ms[1] == OodSets.GAUSSIAN_SD ? "gaussian"
                    : "gaussian:" + ms[0] + "," + ms[1];
            ImageSet im = sets(5, IMAGES).parse(name).load(0).images();
            // P(byte = k) = P(clip(v) in [(k - 1/2) / 255, (k + 1/2) / 255)), the ends taking the clipped tails
            double[] p = new double[256];
            for (int k = 0; k < 256; k++) {
                double lo = k == 0 ? 0 : cdf(((k - 0.5) / 255 - ms[0]) / ms[1]);
                double hi = k == 255 ? 1 : cdf(((k + 0.5) / 255 - ms[0]) / ms[1]);
                p[k] = hi - lo;
            }
            matches(bytes(im), p);
        }
    }

    @Test
    void theSeedDecidesTheImagesAndALimitKeepsThem() {
        float[] a = sets(7, 50).parse("gaussian").load(0).images().pixels();
        float[] b = sets(7, 50).parse("gaussian").load(0).images().pixels();
        float[] c = sets(8, 50).parse("gaussian").load(0).images().pixels();
        assertArrayEquals(a, b);
        assertFalse(Arrays.equals(a, c));
        ImageSet some = sets(7, 50).parse("gaussian").load(5).images(); // images 0, 10, 20, 30, 40
        for (int i = 0; i < 5; i++) {
            assertEquals(Integer.toString(10 * i), some.names().get(i));
            assertArrayEquals(Arrays.copyOfRange(a, 10 * i * 784, (10 * i + 1) * 784),
                    Arrays.copyOfRange(some.pixels(), i * 784, (i + 1) * 784), "image " + 10 * i);
        }
        float[] u = sets(7, 50).parse("uniform").load(0).images().pixels();
        assertFalse(Arrays.equals(a, u));
        // images of one set differ from each other (each has its own stream)
        assertFalse(Arrays.equals(Arrays.copyOfRange(u, 0, 784), Arrays.copyOfRange(u, 784, 1568)));
    }

    /**
     * Standard normal CDF, Phi(z) = (1 + erf(z / sqrt 2)) / 2, erf by Abramowitz and Stegun 7.1.26 (absolute error
     * under 1.5e-7, far below the tolerances here).
     */
    static double cdf(double z) {
        double x = Math.abs(z) / Math.sqrt(2);
        double t = 1 / (1 + 0.3275911 * x);
        double poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
        double erf = 1 - poly * Math.exp(-x * x);
        return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
    }
}
