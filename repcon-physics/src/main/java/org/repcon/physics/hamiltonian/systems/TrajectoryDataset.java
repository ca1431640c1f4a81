package org.repcon.physics.hamiltonian.systems;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.repcon.physics.integrators.DormandPrince45;
import org.repcon.physics.integrators.VectorField;

/**
 * Noisy trajectory data for the HNN experiments, reproducing {@code get_dataset} of the paper code
 * ({@code experiment-spring/data.py}, {@code experiment-pend/data.py}).
 *
 * <p>{@link #generate} draws {@code trajectories} trajectories one after the other with
 * {@link TrajectoryProtocol} (clean states from the accurate {@link DormandPrince45#reference()} integrator,
 * targets {@code dx = f(clean x)}, Gaussian noise on the observed {@code x} only), concatenates their rows and
 * splits the concatenation at row {@code floor(N * trainFraction)}: rows before it are the training set, the
 * rest the test set. (The paper calls this argument {@code test_split} but it is the <em>training</em>
 * fraction: {@code x[:split_ix]} is returned as {@code x}, {@code x[split_ix:]} as {@code test_x}.) With the
 * paper's 50 trajectories and 0.5 the first 25 trajectories are training, the last 25 test (spring:
 * 750/750 rows of 30 points; pendulum: 1125/1125 rows of 45 points). If the split falls inside a trajectory,
 * that trajectory contributes rows to both sets.
 *
 * <p>Randomness comes from a {@link SplittableRandom} seeded with {@code seed} ({@code nextDouble} for the
 * uniforms, {@code nextGaussian} for the noise), consumed in the paper's order (see {@link TrajectoryProtocol}).
 * The result is fully determined by {@code (system, protocol, trajectories, trainFraction, seed)}, but it is not
 * numpy's {@code np.random.seed(seed)} stream, so the individual trajectories differ from the paper's.
 *
 * <p>Arrays are shared with the caller, not copied: do not mutate them.
 */
public final class TrajectoryDataset {

    /**
     * One side of the split. Row {@code r} is observation {@code t[r]} of trajectory {@code trajectory[r]}.
     *
     * @param x noisy observed states {@code [rows][2]} (network inputs)
     * @param dx clean time derivatives {@code f(cleanX)} {@code [rows][2]} (training targets)
     * @param cleanX noise-free states {@code [rows][2]}
     * @param t observation time of each row
     * @param trajectory index (in generation order, {@code 0..trajectories-1}) of each row's trajectory
     * @param trajectoryIds distinct trajectory indices present in this split, ascending
     * @param initialStates clean initial state {@code {q0, p0}} of each trajectory in {@code trajectoryIds}
     */
    public record Split(
            double[][] x,
            double[][] dx,
            double[][] cleanX,
            double[] t,
            int[] trajectory,
            int[] trajectoryIds,
            double[][] initialStates) {

        public int size() {
            return x.length;
        }

        public int trajectoryCount() {
            return trajectoryIds.length;
        }
    }

    private final HamiltonianSystem system;
    private final TrajectoryProtocol protocol;
    private final long seed;
    private final double[][] initialStates;
    private final Split train;
    private final Split test;

    private TrajectoryDataset(
            HamiltonianSystem system,
            TrajectoryProtocol protocol,
            long seed,
            double[][] initialStates,
            Split train,
            Split test) {
        this.system = system;
        this.protocol = protocol;
        this.seed = seed;
        this.initialStates = initialStates;
        this.train = train;
        this.test = test;
    }

    /** The paper's defaults: 50 trajectories of {@code system.paperProtocol()}, half of the rows for training. */
    public static TrajectoryDataset paperDefault(HamiltonianSystem system, long seed) {
        return generate(system, system.paperProtocol(), 50, 0.5, seed);
    }

    /**
     * Generates the dataset (see the class documentation).
     *
     * @param trajectories number of trajectories ({@code samples} in the paper, default 50)
     * @param trainFraction fraction of the concatenated rows, in generation order, that go to the training set
     *     ({@code test_split} in the paper, default 0.5); in {@code [0, 1]}
     */
    public static TrajectoryDataset generate(
            HamiltonianSystem system, TrajectoryProtocol protocol, int trajectories, double trainFraction, long seed) {
        if (system == null || protocol == null) {
            throw new IllegalArgumentException("system and protocol are required");
        }
        if (trajectories < 1) {
            throw new IllegalArgumentException("need at least one trajectory");
        }
        if (!(trainFraction >= 0 && trainFraction <= 1)) {
            throw new IllegalArgumentException("trainFraction must be in [0, 1]");
        }
        RandomGenerator rng = new SplittableRandom(seed);
        double[] times = protocol.observationTimes();
        int m = times.length;
        int rows = trajectories * m;
        double[][] x = new double[rows][];
        double[][] dx = new double[rows][];
        double[][] clean = new double[rows][];
        double[] t = new double[rows];
        int[] traj = new int[rows];
        double[][] starts = new double[trajectories][];
        DormandPrince45 integrator = DormandPrince45.reference();
        VectorField field = system.vectorField();
        for (int k = 0; k < trajectories; k++) {
            double[] y0 = protocol.sampleInitialState(rng);
            starts[k] = y0.clone();
            double[][][] path = integrator.integrate(field, new double[][] {y0}, times);
            int base = k * m;
            for (int i = 0; i < m; i++) {
                double[] c = path[i][0];
                clean[base + i] = c;
                double[] d = new double[2];
                system.timeDerivative(c[0], c[1], d);
                dx[base + i] = d;
                x[base + i] = c.clone();
                t[base + i] = times[i];
                traj[base + i] = k;
            }
            double sigma = protocol.noiseStd();
            for (int i = 0; i < m; i++) {
                x[base + i][0] += rng.nextGaussian() * sigma;
            }
            for (int i = 0; i < m; i++) {
                x[base + i][1] += rng.nextGaussian() * sigma;
            }
        }
        int splitIndex = (int) (rows * trainFraction);
        Split train = slice(x, dx, clean, t, traj, starts, 0, splitIndex);
        Split test = slice(x, dx, clean, t, traj, starts, splitIndex, rows);
        return new TrajectoryDataset(system, protocol, seed, starts, train, test);
    }

    private static Split slice(
            double[][] x, double[][] dx, double[][] clean, double[] t, int[] traj, double[][] starts, int from, int to) {
        int[] rowsTraj = Arrays.copyOfRange(traj, from, to);
        int[] ids = Arrays.stream(rowsTraj).distinct().sorted().toArray();
        double[][] init = new double[ids.length][];
        for (int i = 0; i < ids.length; i++) {
            init[i] = starts[ids[i]];
        }
        return new Split(
                Arrays.copyOfRange(x, from, to),
                Arrays.copyOfRange(dx, from, to),
                Arrays.copyOfRange(clean, from, to),
                Arrays.copyOfRange(t, from, to),
                rowsTraj,
                ids,
                init);
    }

    public HamiltonianSystem system() {
        return system;
    }

    public TrajectoryProtocol protocol() {
        return protocol;
    }

    public long seed() {
        return seed;
    }

    public Split train() {
        return train;
    }

    public Split test() {
        return test;
    }

    /** Clean initial states {@code [trajectories][2]} of all trajectories, in generation order. */
    public double[][] initialStates() {
        return initialStates;
    }

    /** Clean initial states of the test trajectories ({@code test().initialStates()}). */
    public double[][] testInitialStates() {
        return test.initialStates();
    }

    public int trajectoryCount() {
        return initialStates.length;
    }

    /** Observations per trajectory. */
    public int observationsPerTrajectory() {
        return protocol.observations();
    }
}
