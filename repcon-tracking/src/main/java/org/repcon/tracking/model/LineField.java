package org.repcon.tracking.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.repcon.nn.Scalars;

/**
 * Pixel-wise geometry of slot lines on the image grid, differentiable in the slots. Pixel (row i, column j) has the
 * centred coordinates q = (j + 0.5 - W/2, i + 0.5 - H/2) ({@link Slots}).
 */
public final class LineField {
    private LineField() {}

    /**
     * Squared distance of every pixel centre to every slot's line, [B, K, H, W], for slots z [B, K, 5]:
     * d^2 = (q - p)^T n n^T (q - p) = ((1 - u) a^2 - 2 v a c + (1 + u) c^2) / 2 with (a, c) = q - p.
     */
    public static NDArray distance2(NDArray z, int height, int width) {
        Shape s = z.getShape();
        long b = s.get(0);
        long k = s.get(1);
        DataType type = z.getDataType();
        NDManager manager = z.getManager();
        NDArray x = Scalars.owned(manager.create(centres(width), new Shape(1, 1, 1, width)), type);
        NDArray y = Scalars.owned(manager.create(centres(height), new Shape(1, 1, height, 1)), type);
        NDArray u = z.get(new NDIndex(":, :, 0")).reshape(b, k, 1, 1);
        NDArray v = z.get(new NDIndex(":, :, 1")).reshape(b, k, 1, 1);
        NDArray a = x.sub(z.get(new NDIndex(":, :, 2")).reshape(b, k, 1, 1)); // [B, K, 1, W]
        NDArray c = y.sub(z.get(new NDIndex(":, :, 3")).reshape(b, k, 1, 1)); // [B, K, H, 1]
        return squaredDistance(u, v, a, c);
    }

    /**
     * The squared distance of the offsets (a, c) = q - p from a line of orientation (u, v) through p:
     * ((1 - u) a^2 - 2 v a c + (1 + u) c^2) / 2 = (q - p)^T n n^T (q - p), broadcast over the arguments' shapes.
     */
    static NDArray squaredDistance(NDArray u, NDArray v, NDArray a, NDArray c) {
        return Scalars.times(u.neg().add(1).mul(a.square()).sub(Scalars.times(v.mul(a).mul(c), 2.0))
                .add(u.add(1).mul(c.square())), 0.5);
    }

    /**
     * Coordinate channels [1, 2, H, W]: x / (W/2) and y / (H/2) of every pixel centre, in (-1, 1) (CoordConv: lets a
     * convolutional encoder read positions, which line parameters are).
     */
    public static NDArray coordinates(NDManager manager, int height, int width, DataType type) {
        double[] values = new double[2 * height * width];
        double[] xs = centres(width);
        double[] ys = centres(height);
        for (int i = 0; i < height; i++) {
            for (int j = 0; j < width; j++) {
                values[i * width + j] = xs[j] / (width / 2.0);
                values[height * width + i * width + j] = ys[i] / (height / 2.0);
            }
        }
        return Scalars.owned(manager.create(values, new Shape(1, 2, height, width)), type);
    }

    /** Centred pixel-centre coordinates t + 0.5 - n/2, t = 0 .. n-1. */
    static double[] centres(int n) {
        double[] out = new double[n];
        for (int t = 0; t < n; t++) {
            out[t] = t + 0.5 - n / 2.0;
        }
        return out;
    }
}
