package org.repcon.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import org.repcon.nn.Parameters;
import org.repcon.training.GradientHook;

/**
 * Clipping of the gradient by its global norm, as {@code torch.nn.utils.clip_grad_norm_}:
 * <pre>
 * n = sqrt(sum_p ||g_p||^2);   if n > maxNorm: g_p *= maxNorm / (n + 1e-6) for every parameter p
 * </pre>
 * applied after each backward pass, before the optimizer's update (a {@link GradientHook}: add it to the trainer's
 * listeners). {@link #lastNorm()} is the norm before clipping, e.g. for a metrics column.
 */
public final class GradientClipping implements GradientHook {
    private final Parameters parameters;
    private final double maxNorm;
    private double lastNorm = Double.NaN;
    private long clipped;

    /** @param maxNorm the largest global norm let through (> 0) */
    public GradientClipping(Parameters parameters, double maxNorm) {
        if (!(maxNorm > 0)) {
            throw new IllegalArgumentException("the gradient clipping norm must be > 0, got " + maxNorm);
        }
        this.parameters = parameters;
        this.maxNorm = maxNorm;
    }

    @Override
    public void onGradients(long step) {
        double sum = 0;
        for (NDArray p : parameters.asMap().values()) {
            NDArray g = p.getGradient();
            sum += g.square().sum().toType(DataType.FLOAT64, false).getDouble();
        }
        lastNorm = Math.sqrt(sum);
        if (lastNorm > maxNorm) {
            double scale = maxNorm / (lastNorm + 1e-6);
            for (NDArray p : parameters.asMap().values()) {
                p.getGradient().muli(scale);
            }
            clipped++;
        }
    }

    /** The global gradient norm of the last evaluation, before clipping (NaN before the first). */
    public double lastNorm() {
        return lastNorm;
    }

    /** How many evaluations had their gradient scaled down (in this process). */
    public long clippedCount() {
        return clipped;
    }

    public double maxNorm() {
        return maxNorm;
    }
}
