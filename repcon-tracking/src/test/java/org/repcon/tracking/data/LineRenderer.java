package org.repcon.tracking.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.repcon.nn.Scalars;
import org.repcon.tracking.geometry.Line;

/**
 * Renders lines as smooth, anti-aliased stripes: in plain Java and as a differentiable DJL function of the line
 * parameters. A test fixture and the reference for the model's renderer decoder ({@code TrackerModel}, the same
 * formula on the (u, v, p) slot form); the training data come from {@link TrackImageGenerator}.
 *
 * <p>Formula. At the centre p = (j + 0.5, i + 0.5) of pixel (row i, column j), line k (angle a_k, offset o_k, in
 * {@link Line}'s conventions: centre c = (W/2, H/2), normal n_k = (-sin a_k, cos a_k)) has the signed distance
 * d_k = n_k . (p - c) - o_k and the intensity I_k = exp(-d_k^2 / (2 s^2)) (1 on the line, s the stripe's width in
 * pixels). The slots, each with a presence weight P_k (expected in [0, 1]), are combined by the soft union
 * <pre>
 *   out = 1 - prod_k (1 - P_k I_k),
 * </pre>
 * which is in [0, 1], equals P_k I_k for a single slot, and does not saturate above 1 where lines cross. Lines are
 * infinite: a line that crosses the image is drawn from border to border.
 */
public final class LineRenderer {
    /** The default stripe width s in pixels. */
    public static final double DEFAULT_SIGMA = 0.8;

    private LineRenderer() {}

    /** {@code lines} (all present) as one H x W image, {@code pixels[i * W + j]}, stripe width {@code sigma}. */
    public static float[] render(List<Line> lines, int height, int width, double sigma) {
        double[] angles = new double[lines.size()];
        double[] offsets = new double[lines.size()];
        double[] presence = new double[lines.size()];
        for (int k = 0; k < angles.length; k++) {
            angles[k] = lines.get(k).angle();
            offsets[k] = lines.get(k).offset();
            presence[k] = 1;
        }
        return render(angles, offsets, presence, height, width, sigma);
    }

    /** Slots k = 0..K-1 (angle, offset, presence) as one H x W image, {@code pixels[i * W + j]}. */
    public static float[] render(double[] angles, double[] offsets, double[] presence, int height, int width,
            double sigma) {
        checkSize(height, width, sigma);
        if (offsets.length != angles.length || presence.length != angles.length) {
            throw new IllegalArgumentException("angles, offsets and presence must have the same length, got "
                    + angles.length + ", " + offsets.length + ", " + presence.length);
        }
        double[] absent = new double[height * width]; // prod_k (1 - P_k I_k)
        java.util.Arrays.fill(absent, 1.0);
        double inv2s2 = 1.0 / (2 * sigma * sigma);
        for (int k = 0; k < angles.length; k++) {
            double nx = -Math.sin(angles[k]);
            double ny = Math.cos(angles[k]);
            for (int i = 0; i < height; i++) {
                double y = i + 0.5 - height / 2.0;
                for (int j = 0; j < width; j++) {
                    double d = nx * (j + 0.5 - width / 2.0) + ny * y - offsets[k];
                    absent[i * width + j] *= 1 - presence[k] * Math.exp(-d * d * inv2s2);
                }
            }
        }
        float[] out = new float[height * width];
        for (int p = 0; p < out.length; p++) {
            out[p] = (float) (1 - absent[p]);
        }
        return out;
    }

    /** {@link #render(NDArray, NDArray, NDArray, int, int, double)} with stripe width {@link #DEFAULT_SIGMA}. */
    public static NDArray render(NDArray angle, NDArray offset, NDArray presence, int height, int width) {
        return render(angle, offset, presence, height, width, DEFAULT_SIGMA);
    }

    /**
     * The differentiable renderer: {@code angle}, {@code offset} and {@code presence} are [B, K] arrays of one
     * floating-point type (slot k of image b); the result is [B, 1, H, W] of that type, differentiable with respect to
     * all three (autograd), by the formula of the class comment. Intermediates are freed on return; the result
     * belongs to {@code angle}'s manager (and to the caller's {@link NDScope}, if any).
     */
    public static NDArray render(NDArray angle, NDArray offset, NDArray presence, int height, int width,
            double sigma) {
        checkSize(height, width, sigma);
        Shape shape = angle.getShape();
        if (shape.dimension() != 2 || !offset.getShape().equals(shape) || !presence.getShape().equals(shape)) {
            throw new IllegalArgumentException("angle, offset and presence must all be [B, K], got " + shape + ", "
                    + offset.getShape() + ", " + presence.getShape());
        }
        DataType type = angle.getDataType();
        if (!type.isFloating() || offset.getDataType() != type || presence.getDataType() != type) {
            throw new IllegalArgumentException("angle, offset and presence must have one floating-point type, got "
                    + type + ", " + offset.getDataType() + ", " + presence.getDataType());
        }
        long b = shape.get(0);
        long k = shape.get(1);
        double[] xs = new double[width];
        for (int j = 0; j < width; j++) {
            xs[j] = j + 0.5 - width / 2.0;
        }
        double[] ys = new double[height];
        for (int i = 0; i < height; i++) {
            ys[i] = i + 0.5 - height / 2.0;
        }
        NDArray out;
        try (NDScope scope = new NDScope()) {
            NDManager manager = angle.getManager();
            NDArray x = owned(manager.create(xs, new Shape(1, 1, 1, width)), type);
            NDArray y = owned(manager.create(ys, new Shape(1, 1, height, 1)), type);
            NDArray a = angle.reshape(b, k, 1, 1);
            // d = -sin(a) x + cos(a) y - offset, [B, K, H, W] by broadcasting
            NDArray d = a.sin().neg().mul(x).add(a.cos().mul(y)).sub(offset.reshape(b, k, 1, 1));
            NDArray intensity = Scalars.times(d.square(), -1.0 / (2 * sigma * sigma)).exp();
            NDArray absent = intensity.mul(presence.reshape(b, k, 1, 1)).neg().add(1).prod(new int[] {1}, true);
            out = absent.neg().add(1);
            NDScope.unregister(out);
        }
        NDScope.register(out);
        return out;
    }

    /** {@code a} converted to {@code type} as a copy in libtorch's memory (autograd may keep it after we return). */
    private static NDArray owned(NDArray a, DataType type) {
        NDArray converted = a.toType(type, false);
        return converted == a ? a.duplicate() : converted;
    }

    private static void checkSize(int height, int width, double sigma) {
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + height + "x" + width);
        }
        if (!(sigma > 0) || !Double.isFinite(sigma)) {
            throw new IllegalArgumentException("stripe width sigma must be positive, got " + sigma);
        }
    }
}
