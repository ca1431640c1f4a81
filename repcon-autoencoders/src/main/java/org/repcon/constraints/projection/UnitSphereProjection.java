package org.repcon.constraints.projection;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import org.repcon.nn.Scalars;
import org.repcon.nn.layers.Layer;

/**
 * Hard unit-sphere constraint as a layer: {@code z -> z / max(||z||, eps)} for each sample, {@code ||z||} the
 * Euclidean norm over all the sample's latent values (all non-batch axes, so a matrix latent [B, D, h, w] is
 * normalised as a whole). Output shape = input shape, [B, ...]; every output with {@code ||z|| >= eps} has norm 1,
 * the (near) zero vector is scaled by {@code 1/eps} instead of divided by 0. No parameters; the same in training
 * and evaluation.
 */
public final class UnitSphereProjection implements Layer {
    /** Default lower bound of the norm. */
    public static final double DEFAULT_EPS = 1e-12;

    private final double eps;

    public UnitSphereProjection() {
        this(DEFAULT_EPS);
    }

    public UnitSphereProjection(double eps) {
        if (!(eps > 0)) {
            throw new IllegalArgumentException("eps must be > 0, got " + eps);
        }
        this.eps = eps;
    }

    @Override
    public NDArray forward(NDArray z, boolean training) {
        Shape s = z.getShape();
        if (s.dimension() < 2) {
            throw new IllegalArgumentException("UnitSphereProjection expects [B, D] or [B, D, h, w], got " + s);
        }
        NDArray flat = s.dimension() == 2 ? z : z.reshape(s.get(0), -1);
        NDArray norm = flat.norm(new int[] {1}, true);
        NDArray out = flat.div(norm.maximum(Scalars.constant(norm, eps)));
        return s.dimension() == 2 ? out : out.reshape(s);
    }
}
