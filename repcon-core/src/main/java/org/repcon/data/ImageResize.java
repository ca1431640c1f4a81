package org.repcon.data;

/**
 * Resizes channel-first images {@code [C, H, W]} held in float arrays, separably: first along x, then along y.
 *
 * <p>Along an axis of n input and m output pixels:
 * <ul>
 *   <li>m &lt; n (shrinking): area averaging. Output pixel o covers the input interval [o s, (o + 1) s) with
 *       s = n / m, and is the mean of the input over it, each input pixel weighted by the length of its overlap:
 *       {@code out[o] = sum_i |[i, i+1) ∩ [o s, (o+1) s)| in[i] / s}.</li>
 *   <li>m &gt; n (enlarging): bilinear interpolation between pixel centres, as PyTorch's
 *       {@code interpolate(mode='linear', align_corners=False)}: source position {@code u = (o + 0.5) n / m - 0.5},
 *       clamped to [0, n - 1], {@code out[o] = (1 - f) in[floor u] + f in[floor u + 1]} with f = u - floor u.</li>
 *   <li>m = n: the input unchanged.</li>
 * </ul>
 * Both keep a constant image constant, so values stay in the input's range.
 */
public final class ImageResize {
    private ImageResize() {}

    /**
     * {@code pixels} ([channels, height, width], row-major) resized to [channels, newHeight, newWidth]; a new array
     * (the input itself when the size does not change).
     */
    public static float[] resize(float[] pixels, int channels, int height, int width, int newHeight, int newWidth) {
        if (channels <= 0 || height <= 0 || width <= 0 || newHeight <= 0 || newWidth <= 0) {
            throw new IllegalArgumentException("sizes must be positive, got " + channels + "x" + height + "x" + width
                    + " -> " + newHeight + "x" + newWidth);
        }
        if (pixels.length != channels * height * width) {
            throw new IllegalArgumentException(pixels.length + " values are not a " + channels + "x" + height + "x"
                    + width + " image");
        }
        if (height == newHeight && width == newWidth) {
            return pixels;
        }
        Kernel kx = Kernel.of(width, newWidth);
        Kernel ky = Kernel.of(height, newHeight);
        float[] rows = new float[channels * height * newWidth];
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < height; y++) {
                int in = (c * height + y) * width;
                int out = (c * height + y) * newWidth;
                for (int o = 0; o < newWidth; o++) {
                    rows[out + o] = (float) kx.apply(pixels, in, 1, o);
                }
            }
        }
        float[] result = new float[channels * newHeight * newWidth];
        for (int c = 0; c < channels; c++) {
            for (int o = 0; o < newHeight; o++) {
                for (int x = 0; x < newWidth; x++) {
                    result[(c * newHeight + o) * newWidth + x] =
                            (float) ky.apply(rows, c * height * newWidth + x, newWidth, o);
                }
            }
        }
        return result;
    }

    /** One axis' resampling weights: output o = sum_k weight[o][k] * input[index[o][k]]. */
    private record Kernel(int[][] index, double[][] weight) {
        static Kernel of(int n, int m) {
            int[][] index = new int[m][];
            double[][] weight = new double[m][];
            for (int o = 0; o < m; o++) {
                if (m < n) {
                    double s = (double) n / m;
                    double lo = o * s;
                    double hi = (o + 1) * s;
                    int first = (int) Math.floor(lo);
                    int last = Math.min(n - 1, (int) Math.ceil(hi) - 1);
                    index[o] = new int[last - first + 1];
                    weight[o] = new double[last - first + 1];
                    for (int i = first; i <= last; i++) {
                        double overlap = Math.min(i + 1, hi) - Math.max(i, lo);
                        index[o][i - first] = i;
                        weight[o][i - first] = Math.max(0, overlap) / s;
                    }
                } else {
                    double u = Math.min(n - 1, Math.max(0, (o + 0.5) * n / m - 0.5));
                    int i0 = (int) Math.floor(u);
                    int i1 = Math.min(i0 + 1, n - 1);
                    double f = u - i0;
                    index[o] = new int[] {i0, i1};
                    weight[o] = new double[] {1 - f, f};
                }
            }
            return new Kernel(index, weight);
        }

        /** Output o of the line starting at {@code offset} with element spacing {@code stride}. */
        double apply(float[] line, int offset, int stride, int o) {
            double sum = 0;
            for (int k = 0; k < index[o].length; k++) {
                sum += weight[o][k] * line[offset + stride * index[o][k]];
            }
            return sum;
        }
    }
}
