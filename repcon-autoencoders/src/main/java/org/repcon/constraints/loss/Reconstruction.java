package org.repcon.constraints.loss;

import ai.djl.ndarray.NDArray;
import java.util.function.Function;
import org.repcon.nn.Scalars;
import org.repcon.objective.LossTerm;

/**
 * Reconstruction losses: the constraint set by the choice of the loss that compares a prediction {@code p} with
 * its target {@code t} (same shape, any rank, e.g. images [B, C, H, W]). Every loss is the MEAN over all
 * elements (batch and pixels alike), so its scale does not depend on the image size:
 * <ul>
 *   <li>{@link #l2}: {@code mean (p - t)^2} (Gaussian likelihood; blurry averages);</li>
 *   <li>{@link #l1}: {@code mean |p - t|} (Laplace likelihood; sharper, robust to outliers);</li>
 *   <li>{@link #bce}: {@code -mean [t log p' + (1 - t) log(1 - p')]} with {@code p' = clamp(p, eps, 1 - eps)},
 *       {@code eps = 1e-7} (Bernoulli likelihood for p, t in [0, 1]; finite at p = 0 or 1, and with zero
 *       gradient where the clamp is active).</li>
 * </ul>
 * Each loss exists as a computation on arrays and as a {@link LossTerm} factory taking accessors, e.g.
 * {@code Reconstruction.l2(AutoencoderOutput::reconstruction, AutoencoderOutput::target)}.
 */
public final class Reconstruction {
    /** Clamp of the predicted probability in {@link #bce}. */
    public static final double BCE_EPS = 1e-7;

    private Reconstruction() {}

    /** {@code mean (p - t)^2} over all elements, a scalar. */
    public static NDArray l2(NDArray prediction, NDArray target) {
        checkShapes(prediction, target);
        return prediction.sub(target).square().mean();
    }

    /** {@code mean |p - t|} over all elements, a scalar. */
    public static NDArray l1(NDArray prediction, NDArray target) {
        checkShapes(prediction, target);
        return prediction.sub(target).abs().mean();
    }

    /** Binary cross-entropy {@code -mean [t log p' + (1 - t) log(1 - p')]}, p' clamped to [1e-7, 1 - 1e-7]. */
    public static NDArray bce(NDArray prediction, NDArray target) {
        checkShapes(prediction, target);
        NDArray p = prediction.clip(BCE_EPS, 1 - BCE_EPS); // clamp with plain numbers: no tensor kept by autograd
        NDArray one = Scalars.constant(p, 1);
        NDArray logLik = target.mul(p.log()).add(one.sub(target).mul(one.sub(p).log()));
        return logLik.mean().neg();
    }

    /** {@link #l2(NDArray, NDArray)} as a loss term. */
    public static <O> LossTerm<O> l2(Function<O, NDArray> prediction, Function<O, NDArray> target) {
        return o -> l2(prediction.apply(o), target.apply(o));
    }

    /** {@link #l1(NDArray, NDArray)} as a loss term. */
    public static <O> LossTerm<O> l1(Function<O, NDArray> prediction, Function<O, NDArray> target) {
        return o -> l1(prediction.apply(o), target.apply(o));
    }

    /** {@link #bce(NDArray, NDArray)} as a loss term. */
    public static <O> LossTerm<O> bce(Function<O, NDArray> prediction, Function<O, NDArray> target) {
        return o -> bce(prediction.apply(o), target.apply(o));
    }

    static void checkShapes(NDArray prediction, NDArray target) {
        if (!prediction.getShape().equals(target.getShape())) {
            throw new IllegalArgumentException("prediction " + prediction.getShape() + " and target "
                    + target.getShape() + " must have the same shape");
        }
    }
}
