package org.repcon.constraints.projection;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import org.repcon.nn.Scalars;
import org.repcon.nn.layers.Layer;

/**
 * Hard integrity constraint as a layer: each sample's latent is mapped onto the probability simplex
 * {@code {p : p_i >= 0, sum_i p_i = 1}} (fractions of a whole, summing to 100 %). The simplex is taken over all
 * the sample's values (all non-batch axes: a matrix latent [B, D, h, w] sums to 1 as a whole). Output shape =
 * input shape; no parameters; the same in training and evaluation.
 *
 * <ul>
 *   <li>{@link #softmax()}: {@code p = exp(z) / sum_j exp(z_j)}, smooth, every entry strictly positive, not a
 *       projection (a point already on the simplex moves);</li>
 *   <li>{@link #euclidean()}: the exact Euclidean projection {@code argmin_{p in simplex} ||p - z||^2}
 *       (Duchi, Shalev-Shwartz, Singer, Chandra, ICML 2008): sort {@code u = z} descending, cumulative sums
 *       {@code s_k = u_1 + ... + u_k}, threshold {@code theta = max_k (s_k - 1) / k}, {@code p = max(z - theta, 0)}.
 *       The maximum of {@code (s_k - 1) / k} is attained at Duchi's {@code rho = max{k : u_k > (s_k - 1) / k}}
 *       (the sequence rises while that test holds and falls after), so this equals their
 *       {@code theta = (s_rho - 1) / rho}. Sparse (entries below the threshold are exactly 0), idempotent, and
 *       differentiable almost everywhere with the Jacobian {@code I - 1 1^T / |S|} on the support S and 0 off
 *       it; built from sort, cumsum, max and maximum, so autograd gives exactly that.</li>
 * </ul>
 */
public final class SimplexProjection implements Layer {
    private final boolean euclidean;

    private SimplexProjection(boolean euclidean) {
        this.euclidean = euclidean;
    }

    /** Softmax over each sample's latent values. */
    public static SimplexProjection softmax() {
        return new SimplexProjection(false);
    }

    /** Exact Euclidean projection onto the simplex (sort-based). */
    public static SimplexProjection euclidean() {
        return new SimplexProjection(true);
    }

    @Override
    public NDArray forward(NDArray z, boolean training) {
        Shape s = z.getShape();
        if (s.dimension() < 2) {
            throw new IllegalArgumentException("SimplexProjection expects [B, D] or [B, D, h, w], got " + s);
        }
        NDArray flat = s.dimension() == 2 ? z : z.reshape(s.get(0), -1);
        NDArray out = euclidean ? project(flat) : flat.softmax(1);
        return s.dimension() == 2 ? out : out.reshape(s);
    }

    private static NDArray project(NDArray v) {
        long d = v.getShape().get(1);
        NDArray u = v.neg().sort(1).neg();                                         // descending, [B, D]
        NDArray k = v.getManager().arange(1, (int) d + 1).toType(v.getDataType(), false); // 1..D, [D]
        NDArray thresholds = u.cumSum(1).sub(Scalars.constant(v, 1)).div(k);      // (s_k - 1) / k
        NDArray theta = thresholds.max(new int[] {1}, true);                     // [B, 1]
        return v.sub(theta).maximum(Scalars.constant(v, 0));
    }

    @Override
    public String toString() {
        return euclidean ? "SimplexProjection.euclidean" : "SimplexProjection.softmax";
    }
}
