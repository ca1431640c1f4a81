package org.repcon.evaluation;

/**
 * Reconstruction quality of images with values in [0, 1], stored as flat arrays of whole images (any layout, e.g.
 * channel-first {@code [N, C, H, W]}; both arrays must use the same one).
 *
 * <ul>
 *   <li>{@link #mse}: {@code (1/M) sum_m (x_m - y_m)^2} over all M values (equal to the mean of the per-image MSEs,
 *       since all images have the same size).</li>
 *   <li>{@link #psnr(float[], float[], int)}: the <b>mean of per-image PSNR</b>,
 *       {@code (1/N) sum_n 10 log10(1 / max(mse_n, 1e-10))} in dB, peak value 1; the floor caps a perfect
 *       reconstruction at 100 dB so the mean stays finite.</li>
 *   <li>{@link #psnr(double)}: {@code 10 log10(1 / mse)} of one MSE (e.g. the PSNR of the mean MSE, which is lower
 *       than or equal to the mean of per-image PSNR by Jensen's inequality).</li>
 * </ul>
 */
public final class ImageMetrics {
    /** Per-image MSE floor used by {@link #psnr(float[], float[], int)}: PSNR is capped at 100 dB. */
    public static final double MSE_FLOOR = 1e-10;

    private ImageMetrics() {
    }

    /** Mean squared error over all values. */
    public static double mse(float[] x, float[] y) {
        check(x, y);
        double s = 0;
        for (int m = 0; m < x.length; m++) {
            double d = (double) x[m] - y[m];
            s += d * d;
        }
        return s / x.length;
    }

    /**
     * MSE of each image.
     *
     * @param imageSize values per image (C H W)
     * @return {@code [N]}
     */
    public static double[] msePerImage(float[] x, float[] y, int imageSize) {
        check(x, y);
        if (imageSize <= 0 || x.length % imageSize != 0) {
            throw new IllegalArgumentException(x.length + " values are not a whole number of images of " + imageSize
                    + " values");
        }
        int n = x.length / imageSize;
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int m = i * imageSize; m < (i + 1) * imageSize; m++) {
                double d = (double) x[m] - y[m];
                s += d * d;
            }
            out[i] = s / imageSize;
        }
        return out;
    }

    /** Mean of per-image PSNR in dB (peak 1, per-image MSE floored at {@link #MSE_FLOOR}). */
    public static double psnr(float[] x, float[] y, int imageSize) {
        double[] mse = msePerImage(x, y, imageSize);
        double s = 0;
        for (double e : mse) {
            s += psnr(Math.max(e, MSE_FLOOR));
        }
        return s / mse.length;
    }

    /** {@code 10 log10(1 / mse)} in dB (infinite for 0). */
    public static double psnr(double mse) {
        if (!(mse >= 0)) {
            throw new IllegalArgumentException("mse must be >= 0: " + mse);
        }
        return -10 * Math.log10(mse);
    }

    private static void check(float[] x, float[] y) {
        if (x == null || y == null) {
            throw new IllegalArgumentException("images are null");
        }
        if (x.length != y.length) {
            throw new IllegalArgumentException("image arrays differ in length: " + x.length + " vs " + y.length);
        }
        if (x.length == 0) {
            throw new IllegalArgumentException("no image values");
        }
    }
}
