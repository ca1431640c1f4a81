package org.repcon.physics.hamiltonian;

import java.util.List;
import org.repcon.experiment.TrainingSettings;
import org.repcon.nn.Activation;
import org.repcon.nn.Initializer;
import org.repcon.spec.Spec;

/**
 * The HNN experiment's config (spec keys in brackets).
 *
 * @param system {@code spring} or {@code pendulum} [system]
 * @param trajectories trajectories generated, split into train and test [data.trajectories]
 * @param trainFraction share of rows for training [data.train_fraction]
 * @param noiseStd Gaussian noise on the observed states [data.noise_std]
 * @param hidden hidden widths of both networks [network.hidden]
 * @param activation [network.activation]
 * @param initializer [network.init]
 * @param rolloutEnd rollouts run over [0, rolloutEnd] [evaluation.t_end]
 * @param rolloutSteps RK4 steps over that span [evaluation.rk4_steps]
 * @param stride score every stride-th state of the rollout [evaluation.stride]
 * @param initialStates {@code test} (clean initial states of the test trajectories) or {@code paper} (15 fresh states drawn as in the paper's notebooks) [evaluation.initial_states]
 * @param training stages etc., used for both networks [training]
 */
public record HnnConfig(SystemKind system, int trajectories, double trainFraction, double noiseStd, List<Integer> hidden,
        Activation activation, Initializer initializer, double rolloutEnd, int rolloutSteps, int stride, InitialStates initialStates,
        TrainingSettings training) {

    /** The Hamiltonian systems of the paper ({@code system}). */
    public enum SystemKind { SPRING, PENDULUM }

    /** Where the rollouts start ({@code evaluation.initial_states}). */
    public enum InitialStates { TEST, PAPER }

    static HnnConfig read(Spec spec) {
        SystemKind system = spec.getEnum("system", SystemKind.class, SystemKind.SPRING);
        Spec data = spec.getChildOrEmpty("data");
        int trajectories = data.getInt("trajectories", 50, 2, 100_000);
        double trainFraction = data.getDouble("train_fraction", 0.5, 0.01, 0.99);
        double noise = data.getDouble("noise_std", 0.1, 0, 10);
        Spec network = spec.getChildOrEmpty("network");
        List<Integer> hidden = network.getIntList("hidden", List.of(200, 200));
        if (hidden.isEmpty() || hidden.stream().anyMatch(w -> w <= 0)) {
            throw network.error("hidden", "expected a non-empty list of positive widths");
        }
        Activation activation = network.getEnum("activation", Activation.class, Activation.TANH);
        Initializer init = network.getEnum("init", Initializer.class, Initializer.ORTHOGONAL);
        Spec evaluation = spec.getChildOrEmpty("evaluation");
        double tEnd = evaluation.getPositiveDouble("t_end", 20);
        int steps = evaluation.getInt("rk4_steps", 1980, 1, 100_000_000);
        int stride = evaluation.getInt("stride", 20, 1, steps);
        InitialStates initial = evaluation.getEnum("initial_states", InitialStates.class, InitialStates.TEST);
        TrainingSettings training = TrainingSettings.read(spec.getChild("training"));
        return new HnnConfig(system, trajectories, trainFraction, noise, List.copyOf(hidden), activation, init, tEnd, steps, stride,
                initial, training);
    }
}
