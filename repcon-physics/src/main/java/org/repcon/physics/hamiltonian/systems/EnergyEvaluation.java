package org.repcon.physics.hamiltonian.systems;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.repcon.physics.integrators.DormandPrince45;
import org.repcon.physics.integrators.Rk4;
import org.repcon.physics.integrators.VectorField;

/**
 * Long-horizon evaluation of a learned vector field: roll it out with {@link Rk4} from given initial states,
 * integrate the true system through the same times with {@link DormandPrince45#reference()}, and score
 *
 * <pre>
 *   energy MSE (trajectory i) = mean over scored times t_k of ( E(true_i(t_k)) - E(model_i(t_k)) )^2
 *   state  MSE (trajectory i) = mean over scored times t_k and both coordinates of (true_i(t_k) - model_i(t_k))^2
 * </pre>
 *
 * with {@code E} the system's true Hamiltonian by default (the model's states are scored with the TRUE energy,
 * also for an HNN, whose learned {@code H} is not used here). The reported numbers are the means over
 * trajectories.
 *
 * <h2>What the paper did (verified in greydanus/hamiltonian-nn, analyze-spring.ipynb and analyze-pend.ipynb)</h2>
 * <ul>
 *   <li>Initial states: 15 fresh random states ({@code splits = 5 x samples = 3}), <em>not</em> the test set
 *       (the markdown says "choose trajectories from the test set", the code does not):
 *       {@code x0 = U(-0.8, 0.8)^2; x0 += 0.2 sign(x0)}, i.e. each coordinate uniform on
 *       {@code +-[0.2, 1.0)} ({@link #paperInitialStates}).</li>
 *   <li>Time: {@code t_span = [0, 20]}, scored at {@code t_eval = linspace(0, 20, 100)}.</li>
 *   <li>Integrators: truth and both models with scipy {@code solve_ivp} (adaptive RK45, {@code rtol = 1e-12});
 *       the models were not rolled out with fixed-step RK4 there.</li>
 *   <li>Energy: {@code energy_loss} compares {@code q^2 + p^2} for both tasks ({@link EnergyMeasure#PAPER_SQUARED_NORM};
 *       equal to {@code H} for the spring, not for the pendulum); state MSE {@code ((true_x - model_x)**2).mean()}.</li>
 *   <li>Reported: mean over the 15 trajectories "+/-" {@link #paperBootstrapConfidence} (population std of the 5
 *       chunk means divided by sqrt(5)).</li>
 *   <li>Spring notebook only: the models were integrated on a time axis stretched by {@code 1 + 0.9 * 0.1}
 *       ("rescale time to compensate for noise effects"), in place on the shared {@code t_span}/{@code t_eval}
 *       lists, so the stretch compounds across trials. Not reproduced here.</li>
 * </ul>
 *
 * <h2>Default protocol here</h2>
 * Fixed-step RK4 rollouts (batched: one model call per stage for all trajectories) on
 * {@link RolloutGrid#paperEvaluationGrid()} ({@code dt ~ 0.0101} on {@code [0, 20]}, scored on the paper's 100
 * points), from initial states chosen by the caller: the lead's protocol passes the clean initial states of the
 * test trajectories ({@link TrajectoryDataset#testInitialStates()}); {@link #paperInitialStates} reproduces the
 * paper's draw. A rollout that blows up yields infinite/NaN errors for that trajectory (not clipped).
 */
public final class EnergyEvaluation {

    private EnergyEvaluation() {}

    /**
     * Everything needed for tables and plots. Time index {@code k} runs over all {@code steps + 1} grid points;
     * the MSEs use only {@code evaluationIndices}. Arrays are not copied: do not mutate them.
     *
     * @param times grid times {@code [T]}
     * @param evaluationIndices grid indices of the scored times
     * @param trueStates accurate solution {@code [T][n][2]}
     * @param modelStates RK4 rollout of the model {@code [T][n][2]}
     * @param trueEnergy {@code E(trueStates[k][i])}, {@code [T][n]}
     * @param modelEnergy {@code E(modelStates[k][i])}, {@code [T][n]}
     * @param energyMse per-trajectory energy MSE {@code [n]}
     * @param stateMse per-trajectory state MSE {@code [n]}
     */
    public record Result(
            double[] times,
            int[] evaluationIndices,
            double[][][] trueStates,
            double[][][] modelStates,
            double[][] trueEnergy,
            double[][] modelEnergy,
            double[] energyMse,
            double[] stateMse) {

        public int trajectoryCount() {
            return energyMse.length;
        }

        public double meanEnergyMse() {
            return mean(energyMse);
        }

        public double meanStateMse() {
            return mean(stateMse);
        }

        /** Squared state error {@code mean_j (true - model)^2} at every grid time, {@code [T][n]} (paper's middle panel). */
        public double[][] stateSquaredErrorOverTime() {
            double[][] out = new double[times.length][trajectoryCount()];
            for (int k = 0; k < times.length; k++) {
                for (int i = 0; i < trajectoryCount(); i++) {
                    out[k][i] = squaredError(trueStates[k][i], modelStates[k][i]);
                }
            }
            return out;
        }

        /** The phase-space path {@code [T][2]} of trajectory {@code i} of the model rollout. */
        public double[][] modelPath(int i) {
            return path(modelStates, i);
        }

        /** The phase-space path {@code [T][2]} of trajectory {@code i} of the true solution. */
        public double[][] truePath(int i) {
            return path(trueStates, i);
        }

        private static double[][] path(double[][][] states, int i) {
            double[][] out = new double[states.length][];
            for (int k = 0; k < states.length; k++) {
                out[k] = states[k][i].clone();
            }
            return out;
        }
    }

    /** {@link #evaluate(HamiltonianSystem, VectorField, double[][], RolloutGrid, EnergyMeasure)} with {@code E = H}. */
    public static Result evaluate(
            HamiltonianSystem system, VectorField model, double[][] initialStates, RolloutGrid grid) {
        return evaluate(system, model, initialStates, grid, EnergyMeasure.of(system));
    }

    /**
     * Rolls {@code model} out with RK4 on {@code grid} from {@code initialStates} ({@code [n][2]}, at
     * {@code grid.tStart()}), integrates the truth through the same grid times and scores both (see the class
     * documentation).
     */
    public static Result evaluate(
            HamiltonianSystem system,
            VectorField model,
            double[][] initialStates,
            RolloutGrid grid,
            EnergyMeasure measure) {
        int n = initialStates.length;
        if (Rk4.checkedDimension(initialStates) != 2) {
            throw new IllegalArgumentException("initial states must be {q, p} pairs");
        }
        double[] times = grid.times();
        double[][][] modelStates = Rk4.rollout(model, initialStates, grid.tStart(), grid.tEnd(), grid.steps());
        double[][][] trueStates = DormandPrince45.reference().integrate(system.vectorField(), initialStates, times);
        double[][] trueEnergy = new double[times.length][n];
        double[][] modelEnergy = new double[times.length][n];
        for (int k = 0; k < times.length; k++) {
            for (int i = 0; i < n; i++) {
                trueEnergy[k][i] = measure.energy(trueStates[k][i][0], trueStates[k][i][1]);
                modelEnergy[k][i] = measure.energy(modelStates[k][i][0], modelStates[k][i][1]);
            }
        }
        int[] idx = grid.evaluationIndices();
        double[] energyMse = new double[n];
        double[] stateMse = new double[n];
        for (int i = 0; i < n; i++) {
            double e = 0;
            double s = 0;
            for (int k : idx) {
                double de = trueEnergy[k][i] - modelEnergy[k][i];
                e += de * de;
                s += squaredError(trueStates[k][i], modelStates[k][i]);
            }
            energyMse[i] = e / idx.length;
            stateMse[i] = s / idx.length;
        }
        return new Result(times, idx, trueStates, modelStates, trueEnergy, modelEnergy, energyMse, stateMse);
    }

    /**
     * The paper's evaluation initial states: for each of {@code count} states draw {@code (u, v) = U(-0.8, 0.8)^2}
     * ({@code np.random.rand(2)*1.6 - .8}) and add {@code 0.2 sign(.)} to each coordinate, so {@code |q0|, |p0|}
     * lie in {@code [0.2, 1.0)}. The paper used {@code count = 15}.
     */
    public static double[][] paperInitialStates(int count, RandomGenerator rng) {
        if (count < 1) {
            throw new IllegalArgumentException("need at least one state");
        }
        double[][] out = new double[count][2];
        for (int i = 0; i < count; i++) {
            for (int j = 0; j < 2; j++) {
                double u = rng.nextDouble() * 1.6 - 0.8;
                out[i][j] = u + 0.2 * Math.signum(u);
            }
        }
        return out;
    }

    /** {@link #paperInitialStates(int, RandomGenerator)} with a {@link SplittableRandom} seeded by {@code seed}. */
    public static double[][] paperInitialStates(int count, long seed) {
        return paperInitialStates(count, new SplittableRandom(seed));
    }

    /**
     * The paper's "+/-" for its energy MSE ({@code bootstrap_conf}): split {@code values} into {@code splits}
     * equal consecutive chunks, take each chunk's mean, and return the population standard deviation of those
     * means divided by {@code sqrt(splits)}.
     *
     * @throws IllegalArgumentException unless {@code values.length} is a positive multiple of {@code splits}
     */
    public static double paperBootstrapConfidence(double[] values, int splits) {
        if (splits < 1 || values.length == 0 || values.length % splits != 0) {
            throw new IllegalArgumentException("values must split into " + splits + " equal chunks");
        }
        int chunk = values.length / splits;
        double[] means = new double[splits];
        for (int c = 0; c < splits; c++) {
            double s = 0;
            for (int j = 0; j < chunk; j++) {
                s += values[c * chunk + j];
            }
            means[c] = s / chunk;
        }
        double m = mean(means);
        double v = 0;
        for (double x : means) {
            v += (x - m) * (x - m);
        }
        return Math.sqrt(v / splits) / Math.sqrt(splits);
    }

    private static double squaredError(double[] a, double[] b) {
        double dq = a[0] - b[0];
        double dp = a[1] - b[1];
        return (dq * dq + dp * dp) / 2;
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }
}
