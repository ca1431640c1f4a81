package org.repcon.autoencoders.features;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import org.repcon.nn.Scalars;

/**
 * A fixed bank of low-level filters (oriented edges and stripes), applied as a 2-D convolution: the classic
 * model of early vision and a perceptual feature extractor without any training.
 *
 * <p>The bank has {@link #COUNT} = 18 kernels of {@link #SIZE} x {@link #SIZE} = 7 x 7 pixels, on offsets
 * {@code x, y in {-3, ..., 3}} ({@code x} along the width, {@code y} along the height):
 * <ul>
 *   <li>16 Gabor kernels, for each orientation {@code theta in {0, 45, 90, 135} degrees}, each wavelength
 *       {@code lambda in {3, 5} pixels} and each phase (even, odd):
 *       {@code g(x, y) = exp(-(x^2 + y^2) / (2 sigma^2)) * cos(2 pi x' / lambda + psi)} with
 *       {@code x' = x cos(theta) + y sin(theta)}, {@code sigma = 0.4 lambda} (1.2 and 2.0 pixels, isotropic
 *       envelope), {@code psi = 0} (even, then shifted to zero mean so that it ignores constant brightness) or
 *       {@code psi = -pi/2} (odd, zero mean by symmetry); {@link #kernels()} gives the order.</li>
 *   <li>2 Sobel kernels in the centre 3 x 3, zero elsewhere: {@code d/dx = [[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]]}
 *       (rows = y) and its transpose {@code d/dy}.</li>
 * </ul>
 * Every kernel is scaled to unit L2 norm, so each responds with the same energy to its preferred pattern.
 *
 * <p>{@link #features}: images [B, C, H, W] to [B, 18 C, H, W]; each input channel is filtered separately (a
 * grouped convolution), output channel {@code 18 c + k} being kernel {@code k} on channel {@code c}; zero padding
 * of 3 keeps H x W; cross-correlation as in every deep-learning convolution. Differentiable with respect to the
 * images; the kernels are constants created in the images' manager on each call (no state to close).
 */
public final class GaborBank implements FeatureExtractor {
    /** Kernel side in pixels. */
    public static final int SIZE = 7;
    /** Number of kernels. */
    public static final int COUNT = 18;
    /** Orientations in degrees. */
    public static final double[] ORIENTATIONS_DEG = {0, 45, 90, 135};
    /** Wavelengths in pixels. */
    public static final double[] WAVELENGTHS = {3, 5};
    /** Envelope width sigma as a fraction of the wavelength. */
    public static final double SIGMA_PER_WAVELENGTH = 0.4;

    private static final double[][][] KERNELS = build();

    /**
     * The kernels, {@code [COUNT][SIZE][SIZE]} indexed {@code [k][y + 3][x + 3]}; a fresh copy. Order: for each
     * orientation (0, 45, 90, 135 degrees), for each wavelength (3, 5), the even then the odd Gabor kernel
     * (indices 0..15), then Sobel d/dx (16) and Sobel d/dy (17).
     */
    public static double[][][] kernels() {
        double[][][] copy = new double[COUNT][SIZE][];
        for (int k = 0; k < COUNT; k++) {
            for (int y = 0; y < SIZE; y++) {
                copy[k][y] = KERNELS[k][y].clone();
            }
        }
        return copy;
    }

    @Override
    public NDArray features(NDArray images) {
        Shape s = images.getShape();
        if (s.dimension() != 4) {
            throw new IllegalArgumentException("GaborBank expects images [B, C, H, W], got " + s);
        }
        int channels = (int) s.get(1);
        double[] w = new double[channels * COUNT * SIZE * SIZE];
        int i = 0;
        for (int c = 0; c < channels; c++) {
            for (double[][] kernel : KERNELS) {
                for (double[] row : kernel) {
                    for (double v : row) {
                        w[i++] = v;
                    }
                }
            }
        }
        NDArray weight = Scalars.owned(images.getManager().create(w, new Shape((long) channels * COUNT, 1, SIZE, SIZE)),
                images.getDataType());
        int pad = SIZE / 2;
        return Conv2d.conv2d(images, weight, null, new Shape(1, 1), new Shape(pad, pad), new Shape(1, 1), channels)
                .singletonOrThrow();
    }

    private static double[][][] build() {
        double[][][] k = new double[COUNT][][];
        int n = 0;
        for (double deg : ORIENTATIONS_DEG) {
            double theta = Math.toRadians(deg);
            for (double lambda : WAVELENGTHS) {
                k[n++] = normalised(gabor(theta, lambda, 0.0, true));
                k[n++] = normalised(gabor(theta, lambda, -Math.PI / 2, false));
            }
        }
        double[][] sobelX = new double[SIZE][SIZE];
        double[][] sobelY = new double[SIZE][SIZE];
        double[][] sx = {{-1, 0, 1}, {-2, 0, 2}, {-1, 0, 1}};
        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 3; x++) {
                sobelX[y + 2][x + 2] = sx[y][x];
                sobelY[y + 2][x + 2] = sx[x][y];
            }
        }
        k[n++] = normalised(sobelX);
        k[n] = normalised(sobelY);
        return k;
    }

    private static double[][] gabor(double theta, double lambda, double psi, boolean zeroMean) {
        double sigma = SIGMA_PER_WAVELENGTH * lambda;
        double[][] g = new double[SIZE][SIZE];
        double sum = 0;
        int r = SIZE / 2;
        for (int y = -r; y <= r; y++) {
            for (int x = -r; x <= r; x++) {
                double xr = x * Math.cos(theta) + y * Math.sin(theta);
                double v = Math.exp(-(x * x + y * y) / (2 * sigma * sigma)) * Math.cos(2 * Math.PI * xr / lambda + psi);
                g[y + r][x + r] = v;
                sum += v;
            }
        }
        if (zeroMean) {
            double mean = sum / (SIZE * SIZE);
            for (double[] row : g) {
                for (int x = 0; x < SIZE; x++) {
                    row[x] -= mean;
                }
            }
        }
        return g;
    }

    private static double[][] normalised(double[][] g) {
        double ss = 0;
        for (double[] row : g) {
            for (double v : row) {
                ss += v * v;
            }
        }
        double norm = Math.sqrt(ss);
        for (double[] row : g) {
            for (int x = 0; x < row.length; x++) {
                row[x] /= norm;
            }
        }
        return g;
    }
}
