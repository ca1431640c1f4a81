package org.repcon.transformations.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.repcon.DjlTestCase;
import org.repcon.transformations.image.AffineTransform;
import org.repcon.transformations.image.AffineWarp;

/** Random translation, rotation and noise, and their composition: per-image draws, determinism, statistics. */
class AugmentationsTest extends DjlTestCase {

    private NDArray randomImages(long seed, int b, int c, int h, int w) {
        Random rng = new Random(seed);
        float[] v = new float[b * c * h * w];
        for (int i = 0; i < v.length; i++) {
            v[i] = rng.nextFloat();
        }
        return manager.create(v, new Shape(b, c, h, w));
    }

    private static float[] values(NDArray a) {
        return a.toFloatArray();
    }

    @Test
    void translationByZeroIsIdentityAndInputIsUntouched() {
        NDArray x = randomImages(1, 3, 2, 5, 6);
        float[] before = values(x);
        NDArray y = new RandomTranslation(0).apply(x, new Random(1));
        assertNotSame(x, y);
        assertArrayEquals(before, values(y), 1e-6f);
        assertArrayEquals(before, values(x), 0f);
        assertEquals(DataType.FLOAT32, y.getDataType());
    }

    @Test
    void translationDrawsOneShiftPerImage() {
        NDArray x = randomImages(2, 4, 1, 8, 8);
        NDArray y = new RandomTranslation(2.5).apply(x, new Random(7));
        Random replay = new Random(7);
        AffineTransform[] expected = new AffineTransform[4];
        for (int n = 0; n < 4; n++) {
            double dx = 2.5 * (2 * replay.nextDouble() - 1);
            double dy = 2.5 * (2 * replay.nextDouble() - 1);
            assertTrue(Math.abs(dx) <= 2.5 && Math.abs(dy) <= 2.5);
            expected[n] = AffineTransform.translation(dx, dy);
        }
        assertArrayEquals(values(AffineWarp.warp(x, expected)), values(y), 1e-6f);
        assertArrayEquals(values(y), values(new RandomTranslation(2.5).apply(x, new Random(7))), 0f, "same seed");
        assertFalse(Arrays.equals(values(y), values(new RandomTranslation(2.5).apply(x, new Random(8)))));
    }

    @Test
    void rotationKeepsTheCentrePixelOfACentredBlob() {
        int n = 15; // odd: the image centre is the centre of pixel (7, 7)
        int b = 6;
        float[] v = new float[b * n * n];
        for (int k = 0; k < b; k++) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double r2 = (i - 7) * (i - 7) + (j - 7) * (j - 7);
                    v[(k * n + i) * n + j] = (float) Math.exp(-r2 / 8);
                }
            }
        }
        // an off-centre mark shows that the images really rotate, each by its own angle
        for (int k = 0; k < b; k++) {
            v[(k * n + 7) * n + 12] = 1;
        }
        NDArray x = manager.create(v, new Shape(b, 1, n, n));
        float[] y = values(new RandomRotation(Math.PI).apply(x, new Random(3)));
        float[] marks = new float[b];
        for (int k = 0; k < b; k++) {
            assertEquals(1f, y[(k * n + 7) * n + 7], 1e-6f, "centre of image " + k);
            marks[k] = y[(k * n + 7) * n + 12];
        }
        assertTrue(Arrays.stream(new int[] {0, 1, 2, 3, 4, 5}).filter(k -> marks[k] < 0.5f).count() >= 4,
                "the mark moved in most images: " + Arrays.toString(marks));
        assertArrayEquals(values(x), values(new RandomRotation(0).apply(x, new Random(3))), 1e-6f);
        assertArrayEquals(y, values(new RandomRotation(Math.PI).apply(x, new Random(3))), 0f, "same seed");
        assertEquals(Math.toRadians(10), RandomRotation.degrees(10).maxRadians(), 1e-15);
    }

    @Test
    void noiseHasTheRightStandardDeviationOnMidGrey() {
        NDArray grey = manager.full(new Shape(2, 1, 64, 64), 0.5f);
        double sigma = 0.05;
        float[] y = values(new GaussianNoise(sigma).apply(grey, new Random(11)));
        double mean = 0;
        double sq = 0;
        for (float v : y) {
            mean += v - 0.5;
            sq += (v - 0.5) * (v - 0.5);
        }
        mean /= y.length;
        double std = Math.sqrt(sq / y.length - mean * mean);
        // 8192 samples: the standard error of the std is sigma / sqrt(2 N) = 0.0004, of the mean sigma / sqrt(N)
        assertEquals(sigma, std, 0.002);
        assertEquals(0, mean, 0.003);
        assertArrayEquals(new float[] {0.5f, 0.5f}, new float[] {values(grey)[0], values(grey)[8191]}, 0f);
        // image n's values are 0.5 + sigma * nextGaussian() of a SplittableRandom seeded by the n-th nextLong()
        Random replay = new Random(11);
        for (int n = 0; n < 2; n++) {
            SplittableRandom image = new SplittableRandom(replay.nextLong());
            for (int i = 0; i < 5; i++) {
                assertEquals(0.5 + sigma * image.nextGaussian(), y[n * 4096 + i], 1e-6);
            }
        }
        assertArrayEquals(y, values(new GaussianNoise(sigma).apply(grey, new Random(11))), 0f, "same seed");
    }

    @Test
    void noiseIsClippedToTheUnitInterval() {
        NDArray grey = manager.full(new Shape(1, 1, 32, 32), 0.5f);
        float[] y = values(new GaussianNoise(1.0).apply(grey, new Random(1)));
        int zeros = 0;
        int ones = 0;
        for (float v : y) {
            assertTrue(v >= 0 && v <= 1, "value " + v);
            zeros += v == 0 ? 1 : 0;
            ones += v == 1 ? 1 : 0;
        }
        // P(z < -0.5) = 0.31: about 317 of 1024 at each end
        assertTrue(zeros > 200 && ones > 200, zeros + " zeros, " + ones + " ones");
    }

    @Test
    void randomAffineIsOneWarpOfRotationThenTranslation() {
        NDArray x = randomImages(4, 3, 2, 9, 9);
        NDArray y = new RandomAffine(2, 0.8).apply(x, new Random(5));
        Random replay = new Random(5);
        AffineTransform[] expected = new AffineTransform[3];
        for (int n = 0; n < 3; n++) {
            double a = 0.8 * (2 * replay.nextDouble() - 1);
            double dx = 2 * (2 * replay.nextDouble() - 1);
            double dy = 2 * (2 * replay.nextDouble() - 1);
            expected[n] = AffineTransform.compose(AffineTransform.rotation(a), AffineTransform.translation(dx, dy));
        }
        assertArrayEquals(values(AffineWarp.warp(x, expected)), values(y), 1e-6f);
        assertArrayEquals(values(x), values(new RandomAffine(0, 0).apply(x, new Random(5))), 1e-6f);
    }

    @Test
    void composeAppliesInOrderWithOneGenerator() {
        NDArray x = randomImages(5, 3, 1, 10, 10);
        Augmentation t = new RandomTranslation(1.5);
        Augmentation r = new RandomRotation(0.5);
        Augmentation noise = new GaussianNoise(0.1);
        NDArray composed = Augmentations.compose(t, r, noise).apply(x, new Random(21));
        Random rng = new Random(21);
        NDArray stepwise = noise.apply(r.apply(t.apply(x, rng), rng), rng);
        assertArrayEquals(values(stepwise), values(composed), 1e-6f);
        NDArray copy = Augmentations.compose().apply(x, new Random(1));
        assertNotSame(x, copy);
        assertArrayEquals(values(x), values(copy), 0f);
    }

    @Test
    void parametersAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> new RandomTranslation(-1));
        assertThrows(IllegalArgumentException.class, () -> new RandomRotation(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new GaussianNoise(Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> new RandomAffine(1, -0.1));
        assertThrows(IllegalArgumentException.class,
                () -> new GaussianNoise(0.1).apply(manager.zeros(new Shape(4, 4)), new Random(1)));
    }
}
