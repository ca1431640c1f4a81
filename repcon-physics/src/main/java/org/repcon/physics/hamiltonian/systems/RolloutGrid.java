package org.repcon.physics.hamiltonian.systems;

import org.repcon.physics.integrators.Rk4;

/**
 * The time grid of an evaluation rollout: {@code steps} fixed RK4 steps of {@code dt = (tEnd - tStart) / steps},
 * with errors scored on every {@code evaluationStride}-th grid point (including both ends).
 *
 * <p>{@link #paperEvaluationGrid()} = {@code (0, 20, 1980, 20)}: {@code dt = 20/1980 ~ 0.0101} and the scored
 * points are exactly {@code numpy.linspace(0, 20, 100)}, the {@code t_eval} of the paper's energy-MSE cells.
 * At this step the RK4 energy drift of the true fields over {@code [0, 20]} is about {@code 2e-9} (spring) and
 * {@code 3e-8} (pendulum, paper radii), far below any model's error, so measured errors are the model's, not
 * the integrator's.
 *
 * @param tStart start of the rollout
 * @param tEnd end of the rollout
 * @param steps number of RK4 steps ({@code >= 1})
 * @param evaluationStride score every this many steps; must divide {@code steps}
 */
public record RolloutGrid(double tStart, double tEnd, int steps, int evaluationStride) {

    public RolloutGrid {
        if (!Double.isFinite(tStart) || !Double.isFinite(tEnd) || !(tEnd > tStart)) {
            throw new IllegalArgumentException("need finite tStart < tEnd");
        }
        if (steps < 1 || evaluationStride < 1 || steps % evaluationStride != 0) {
            throw new IllegalArgumentException("need steps >= 1 and an evaluationStride dividing steps");
        }
    }

    /** {@code [0, 20]}, 1980 RK4 steps, scored on {@code linspace(0, 20, 100)} (every 20th step). */
    public static RolloutGrid paperEvaluationGrid() {
        return new RolloutGrid(0, 20, 1980, 20);
    }

    /** Every grid point scored, e.g. {@code everyStep(0, 20, 2000)} for {@code dt = 0.01}. */
    public static RolloutGrid everyStep(double tStart, double tEnd, int steps) {
        return new RolloutGrid(tStart, tEnd, steps, 1);
    }

    public double dt() {
        return (tEnd - tStart) / steps;
    }

    /** All {@code steps + 1} grid times. */
    public double[] times() {
        return Rk4.times(tStart, tEnd, steps);
    }

    /** Grid indices {@code 0, stride, 2 stride, ..., steps} of the scored points. */
    public int[] evaluationIndices() {
        int count = steps / evaluationStride + 1;
        int[] idx = new int[count];
        for (int i = 0; i < count; i++) {
            idx[i] = i * evaluationStride;
        }
        return idx;
    }

    public int evaluationPointCount() {
        return steps / evaluationStride + 1;
    }
}
