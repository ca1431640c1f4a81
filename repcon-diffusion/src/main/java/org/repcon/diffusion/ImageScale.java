package org.repcon.diffusion;

import org.repcon.data.ImageSet;

/**
 * Images between the [0, 1] pixels of {@link ImageSet} and the [-1, 1] values a pixel-space diffusion model works on:
 * {@code x = 2 p - 1}, {@code p = clip((x + 1) / 2, 0, 1)}; and the figures computed on them.
 */
public final class ImageScale {
    private ImageScale() {}

    /** {@code 2 p - 1} for every pixel. */
    public static float[] toModel(float[] pixels) {
        float[] x = new float[pixels.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = 2 * pixels[i] - 1;
        }
        return x;
    }

    /**
     * The 8-bit grid of [-1, 1] the variational bound is defined on: {@code 2 round(255 p) / 255 - 1} (exact for 8-bit
     * images; other pixels are quantised to the nearest of the 256 levels).
     */
    public static double[] toGrid(float[] pixels) {
        double[] x = new double[pixels.length];
        for (int i = 0; i < x.length; i++) {
            long level = Math.round(Math.max(0, Math.min(1, pixels[i])) * 255.0);
            x[i] = 2.0 * level / 255.0 - 1.0;
        }
        return x;
    }

    /** {@code clip((x + 1) / 2, 0, 1)} for every value. */
    public static float[] toPixels(double[] x) {
        float[] p = new float[x.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) Math.max(0, Math.min(1, (x[i] + 1) / 2));
        }
        return p;
    }

    /** Model values [-1, 1], row-major [N, C, H, W], as an image set of [0, 1] pixels. */
    public static ImageSet toImages(String name, double[] x, int channels, int height, int width) {
        return new ImageSet(name, channels, height, width, toPixels(x), null, null);
    }

    /**
     * The PSNR of each image of {@code other} against {@code clean} (both in [-1, 1] units, {@code per} values an
     * image), with peak 1 on the [0, 1] scale: {@code 10 log10(4 / mean((other - clean)^2))} dB; [N].
     */
    public static double[] psnr(double[] clean, double[] other, int per) {
        double[] mse = mse(clean, other, per);
        double[] out = new double[mse.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = 10 * Math.log10(4 / mse[i]);
        }
        return out;
    }

    /** Mean squared difference of each image, in the units of the values; [N]. */
    public static double[] mse(double[] a, double[] b, int per) {
        if (a.length != b.length || per < 1 || a.length % per != 0) {
            throw new IllegalArgumentException("expected two arrays of whole images of " + per + " values, got " + a.length + " and "
                    + b.length + " values");
        }
        double[] out = new double[a.length / per];
        for (int i = 0; i < out.length; i++) {
            double s = 0;
            for (int j = i * per; j < (i + 1) * per; j++) {
                double d = a[j] - b[j];
                s += d * d;
            }
            out[i] = s / per;
        }
        return out;
    }

    /** Channel 0 of image {@code i} of row-major [N, C, H, W] pixels, as rows for {@link org.repcon.report.ImageGrid}. */
    public static double[][] tile(float[] pixels, int i, int channels, int height, int width) {
        int per = channels * height * width;
        double[][] rows = new double[height][width];
        int base = i * per;
        for (int r = 0; r < height; r++) {
            for (int q = 0; q < width; q++) {
                rows[r][q] = pixels[base + r * width + q];
            }
        }
        return rows;
    }
}
