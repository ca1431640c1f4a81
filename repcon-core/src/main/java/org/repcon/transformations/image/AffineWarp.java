package org.repcon.transformations.image;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import org.repcon.nn.Scalars;

/**
 * Bilinear warp of a batch of images [B, C, H, W] by one affine map per image, differentiable with respect to the
 * images (not the maps), built from DJL ops (gather + weighted sum; DJL's PyTorch engine has no grid_sample).
 *
 * <p>Conventions. Pixel coordinates: origin at the top-left corner of the top-left pixel, x to the right, y down,
 * unit = one pixel; pixel (row i, column j) has its centre at (j + 0.5, i + 0.5). An {@link AffineTransform} A acts
 * in coordinates centred on the image centre c = (W/2, H/2) and maps INPUT positions to OUTPUT positions: content
 * at input point q appears at output point A(q - c) + c. So the output is
 * <pre>
 *   out(p) = in(c + A^{-1}(p - c))     at every output pixel centre p,
 * </pre>
 * where {@code in} at a non-integer position is interpolated bilinearly from the four nearest pixel centres, and
 * pixels outside the image count as 0 (each of the four is dropped separately, so content fades out over one pixel
 * at the border). This equals PyTorch's {@code grid_sample(mode='bilinear', padding_mode='zeros',
 * align_corners=False)} with the corresponding grid. Examples: {@code AffineTransform.translation(2, 0)} moves
 * content two pixels to the right, {@code out[i][j] = in[i][j - 2]}; {@code AffineTransform.rotation(pi/2)} on a
 * square image gives {@code out[i][j] = in[H - 1 - j][i]} (a clockwise quarter turn on screen).
 *
 * <p>Sampling positions and weights are computed in Java (double precision) and enter as constants; the result is
 * linear in the images: out[b, c] = S_b in[b, c] with a sparse S_b of at most four entries per row, and its gradient
 * is S_b^T times the output gradient. Intermediates are freed on return; the result belongs to the images' manager
 * (and to the caller's {@link NDScope}, if any). The input is not modified.
 */
public final class AffineWarp {
    private AffineWarp() {}

    /** Every image of {@code images} [B, C, H, W] warped by the same {@code transform}. */
    public static NDArray warp(NDArray images, AffineTransform transform) {
        int b = (int) checkShape(images).get(0);
        AffineTransform[] all = new AffineTransform[b];
        Arrays.fill(all, transform);
        return warp(images, all);
    }

    /**
     * Image n of {@code images} [B, C, H, W] warped by {@code perImage[n]}; the result has the input's shape and data
     * type (a floating-point type).
     */
    public static NDArray warp(NDArray images, AffineTransform[] perImage) {
        Shape shape = checkShape(images);
        int b = (int) shape.get(0);
        int c = (int) shape.get(1);
        int h = (int) shape.get(2);
        int w = (int) shape.get(3);
        if (perImage.length != b) {
            throw new IllegalArgumentException(perImage.length + " affine transforms for a batch of " + b + " images");
        }
        DataType type = images.getDataType();
        if (!type.isFloating()) {
            throw new IllegalArgumentException("images must be floating point, got " + type);
        }
        int hw = h * w;
        long[] index = new long[b * 4 * hw];
        double[] weight = new double[b * 4 * hw];
        for (int n = 0; n < b; n++) {
            samplingWeights(perImage[n], h, w, index, weight, n * 4 * hw);
        }
        NDArray out;
        try (NDScope scope = new NDScope()) {
            NDManager manager = images.getManager();
            NDArray idx = Scalars.owned(manager.create(index, new Shape(b, 1, 4L * hw)), DataType.INT64);
            Shape weightShape = new Shape(b, 1, 4, hw);
            NDArray wts = Scalars.owned(type == DataType.FLOAT32 ? manager.create(toFloat(weight), weightShape)
                    : manager.create(weight, weightShape), type);
            NDArray corners = images.reshape(b, c, hw).gather(c == 1 ? idx : idx.broadcast(b, c, 4L * hw), 2);
            out = corners.reshape(b, c, 4, hw).mul(wts).sum(new int[] {2}).reshape(b, c, h, w);
            NDScope.unregister(out);
        }
        NDScope.register(out);
        return out;
    }

    /**
     * For every output pixel p = i W + j of an H x W image, the four bilinear corners of its source position under
     * {@code transform}: flat input index and weight of corner k (0: top-left, 1: top-right, 2: bottom-left,
     * 3: bottom-right) at {@code offset + k H W + p}. Corners outside the image get index 0 and weight 0.
     */
    static void samplingWeights(AffineTransform transform, int h, int w, long[] index, double[] weight, int offset) {
        AffineTransform inv = transform.inverse();
        int hw = h * w;
        double cx = w / 2.0;
        double cy = h / 2.0;
        for (int i = 0; i < h; i++) {
            double y = i + 0.5 - cy;
            for (int j = 0; j < w; j++) {
                double x = j + 0.5 - cx;
                // source position in units of pixel centres: column u, row v
                double u = inv.m00() * x + inv.m01() * y + inv.m02() + cx - 0.5;
                double v = inv.m10() * x + inv.m11() * y + inv.m12() + cy - 0.5;
                double fu = Math.floor(u);
                double fv = Math.floor(v);
                double ax = u - fu;
                double ay = v - fv;
                int p = i * w + j;
                corner(offset + p, fv, fu, (1 - ax) * (1 - ay), h, w, index, weight);
                corner(offset + hw + p, fv, fu + 1, ax * (1 - ay), h, w, index, weight);
                corner(offset + 2 * hw + p, fv + 1, fu, (1 - ax) * ay, h, w, index, weight);
                corner(offset + 3 * hw + p, fv + 1, fu + 1, ax * ay, h, w, index, weight);
            }
        }
    }

    private static void corner(int at, double row, double col, double wt, int h, int w, long[] index, double[] weight) {
        if (row >= 0 && row < h && col >= 0 && col < w) {
            index[at] = (long) row * w + (long) col;
            weight[at] = wt;
        }
    }

    private static float[] toFloat(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }

    private static Shape checkShape(NDArray images) {
        Shape s = images.getShape();
        if (s.dimension() != 4) {
            throw new IllegalArgumentException("images must be [B, C, H, W], got shape " + s);
        }
        return s;
    }
}
