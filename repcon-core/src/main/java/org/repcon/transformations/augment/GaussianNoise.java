package org.repcon.transformations.augment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * Adds independent Gaussian noise to every pixel and clips to [0, 1]: {@code out = clip(x + sigma z, 0, 1)} with
 * z ~ N(0, 1). Image n's noise comes from its own {@code SplittableRandom} seeded by the n-th {@code rng.nextLong()}
 * ({@link SplittableRandom#nextGaussian()}, in the row-major order of [C, H, W]; much faster than
 * {@link Random#nextGaussian()}).
 */
public record GaussianNoise(double sigma) implements Augmentation {
    public GaussianNoise {
        if (!(sigma >= 0) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException("noise standard deviation must be a finite number >= 0, got " + sigma);
        }
    }

    @Override
    public NDArray apply(NDArray images, Random rng) {
        if (images.getShape().dimension() != 4) {
            throw new IllegalArgumentException("images must be [B, C, H, W], got shape " + images.getShape());
        }
        int n = Math.toIntExact(images.size());
        int batch = (int) images.getShape().get(0);
        int per = batch == 0 ? 0 : n / batch;
        double[] noise = new double[n];
        for (int b = 0; b < batch; b++) {
            SplittableRandom image = new SplittableRandom(rng.nextLong());
            for (int i = b * per; i < (b + 1) * per; i++) {
                noise[i] = sigma * image.nextGaussian();
            }
        }
        NDArray out;
        try (NDScope scope = new NDScope()) {
            NDManager manager = images.getManager();
            NDArray z = manager.create(noise, images.getShape()).toType(images.getDataType(), false);
            out = images.add(z).clip(0, 1);
            if (out.getDataType() != images.getDataType()) {
                out = out.toType(images.getDataType(), false);
            }
            NDScope.unregister(out);
        }
        NDScope.register(out);
        return out;
    }
}
