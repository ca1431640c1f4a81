package org.repcon.tracking.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.repcon.nn.Scalars;
import org.repcon.transformations.image.AffineTransform;

/**
 * T_tr: the latent transformation matching an image warp ({@code AffineWarp}) by an {@link AffineTransform}
 * A: q -> M q + t, applied to slots [B, K, 5] ({@link Slots}), one A per image, differentiable (autograd) with
 * respect to the slots.
 *
 * <p>Closed form. A direction d maps to M d, so the orientation tensor D = d d^T = [[1 + u, v], [v, 1 - u]] / 2
 * maps to M D M^T (up to scale); with D' = M D M^T:
 * <pre>
 *   u' = (D'00 - D'11) / (D'00 + D'11),   v' = 2 D'01 / (D'00 + D'11),   p' = M p + t,   logit' = logit.
 * </pre>
 * For a rotation by phi this rotates (u, v) by 2 phi; a translation moves the point. Agrees with
 * {@code LineTransform} (tested). The input (u, v) need not be normalised: the output is.
 */
public final class SlotTransform {
    private SlotTransform() {}

    /** Slots [B, K, 5] of image b transformed by {@code perImage[b]}; result [B, K, 5] in the slots' manager. */
    public static NDArray apply(NDArray slots, AffineTransform[] perImage) {
        Shape shape = slots.getShape();
        if (shape.dimension() != 3 || shape.get(2) != Slots.SIZE) {
            throw new IllegalArgumentException("slots must be [B, K, " + Slots.SIZE + "], got " + shape);
        }
        int b = (int) shape.get(0);
        if (perImage.length != b) {
            throw new IllegalArgumentException(perImage.length + " transforms for " + b + " images");
        }
        double[][] c = new double[6][b];
        for (int n = 0; n < b; n++) {
            double[] m = perImage[n].toArray();
            for (int i = 0; i < 6; i++) {
                c[i][n] = m[i];
            }
        }
        DataType type = slots.getDataType();
        NDArray out;
        try (NDScope scope = new NDScope()) {
            NDManager manager = slots.getManager();
            NDArray m00 = column(manager, c[0], type);
            NDArray m01 = column(manager, c[1], type);
            NDArray tx = column(manager, c[2], type);
            NDArray m10 = column(manager, c[3], type);
            NDArray m11 = column(manager, c[4], type);
            NDArray ty = column(manager, c[5], type);
            NDArray u = slots.get(new NDIndex(":, :, 0"));
            NDArray v = slots.get(new NDIndex(":, :, 1"));
            NDArray px = slots.get(new NDIndex(":, :, 2"));
            NDArray py = slots.get(new NDIndex(":, :, 3"));
            NDArray logit = slots.get(new NDIndex(":, :, 4"));
            // D = [[a, e], [e, f]] (times 2, which cancels): a = 1 + u, e = v, f = 1 - u
            NDArray a = u.add(1);
            NDArray f = u.neg().add(1);
            NDArray d00 = a.mul(m00.square()).add(Scalars.times(v.mul(m00.mul(m01)), 2))
                    .add(f.mul(m01.square()));
            NDArray d01 = a.mul(m00.mul(m10)).add(v.mul(m00.mul(m11).add(m01.mul(m10)))).add(f.mul(m01.mul(m11)));
            NDArray d11 = a.mul(m10.square()).add(Scalars.times(v.mul(m10.mul(m11)), 2))
                    .add(f.mul(m11.square()));
            NDArray trace = d00.add(d11);
            NDArray u2 = d00.sub(d11).div(trace);
            NDArray v2 = Scalars.times(d01, 2).div(trace);
            NDArray px2 = px.mul(m00).add(py.mul(m01)).add(tx);
            NDArray py2 = px.mul(m10).add(py.mul(m11)).add(ty);
            out = NDArrays.stack(new NDList(u2, v2, px2, py2, logit), 2);
            NDScope.unregister(out);
        }
        NDScope.register(out);
        return out;
    }

    private static NDArray column(NDManager manager, double[] values, DataType type) {
        return Scalars.owned(manager.create(values, new Shape(values.length, 1)), type);
    }
}
