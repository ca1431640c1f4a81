package org.repcon.physics.burgers;

import java.util.List;
import org.repcon.experiment.TrainingSettings;
import org.repcon.nn.Activation;
import org.repcon.nn.Initializer;
import org.repcon.spec.RenamedKeys;
import org.repcon.spec.Spec;

/**
 * The Burgers PINN experiment's config (spec keys in brackets).
 *
 * @param viscosity nu [problem.viscosity], default 0.01/pi
 * @param nU initial/boundary points [data.n_u]
 * @param nF collocation points [data.n_f]
 * @param hidden hidden widths [network.hidden]
 * @param activation [network.activation]
 * @param initializer [network.init]
 * @param weightU weight of MSE_u, the data fit on the initial/boundary points [loss.mse_u]
 * @param weightF weight of MSE_f, the PDE residual: the physical-law condition f = 0 added to the loss [conditions.mse_f]
 * @param evalEvery rel_l2_error column interval in metrics.csv [evaluation.every]
 * @param target the rel_l2_error target whose first crossing time is reported [evaluation.target]
 * @param training optimizer stages etc. [training]
 */
public record BurgersConfig(double viscosity, int nU, int nF, List<Integer> hidden, Activation activation, Initializer initializer,
        double weightU, double weightF, long evalEvery, double target, TrainingSettings training) {

    static BurgersConfig read(Spec spec) {
        RenamedKeys.reject(spec, "burgers-pinn");
        Spec problem = spec.getChildOrEmpty("problem");
        double nu = problem.getPositiveDouble("viscosity", 0.01 / Math.PI);
        Spec data = spec.getChildOrEmpty("data");
        int nU = data.getInt("n_u", 100, 1, 456);
        int nF = data.getInt("n_f", 10_000, 1, 10_000_000);
        Spec network = spec.getChildOrEmpty("network");
        List<Integer> hidden = network.getIntList("hidden", List.of(20, 20, 20, 20, 20, 20, 20, 20));
        if (hidden.isEmpty() || hidden.stream().anyMatch(w -> w <= 0)) {
            throw network.error("hidden", "expected a non-empty list of positive widths");
        }
        Activation activation = network.getEnum("activation", Activation.class, Activation.TANH);
        if (activation == Activation.RELU) {
            throw network.error("activation", "relu has no second derivative; use tanh, sin, softplus or gelu for a PDE residual");
        }
        Initializer init = network.getEnum("init", Initializer.class, Initializer.XAVIER_NORMAL);
        double wU = spec.getChildOrEmpty("loss").getDouble("mse_u", 1.0, 0, 1e12);
        double wF = spec.getChildOrEmpty("conditions").getDouble("mse_f", 1.0, 0, 1e12);
        Spec evaluation = spec.getChildOrEmpty("evaluation");
        long every = evaluation.getLong("every", 500, 1, Long.MAX_VALUE);
        double target = evaluation.getPositiveDouble("target", 1e-3);
        TrainingSettings training = TrainingSettings.read(spec.getChild("training"));
        return new BurgersConfig(nu, nU, nF, List.copyOf(hidden), activation, init, wU, wF, every, target, training);
    }
}
