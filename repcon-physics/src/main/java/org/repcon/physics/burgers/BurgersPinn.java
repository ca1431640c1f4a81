package org.repcon.physics.burgers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.repcon.derivatives.Jet;
import org.repcon.nn.Matrices;
import org.repcon.nn.Mlp;
import org.repcon.nn.Parameters;
import org.repcon.objective.Objective;
import org.repcon.training.StepContext;

/**
 * A physics-informed network for Burgers' equation: a dense network u(t, x) trained on
 * <pre>  MSE_u = mean |u(t_u, x_u) - u_i|^2   (initial and boundary conditions)
 *   MSE_f = mean |f(t_f, x_f)|^2         (the residual, {@link BurgersResidual}) </pre>
 * The training points live in this object's own manager; every step's arrays belong to the step.
 */
public final class BurgersPinn implements AutoCloseable {
    /** Named output of one forward pass. */
    public record Output(NDArray conditionError, NDArray residual) {}

    private final BurgersProblem problem;
    private final Mlp network;
    private final NDManager data;
    private final NDArray tx;
    private final NDArray u;
    private final NDArray collocation;

    public BurgersPinn(BurgersProblem problem, Mlp network, BurgersProblem.TrainingPoints points, Parameters parameters) {
        this.problem = problem;
        this.network = network;
        this.data = parameters.manager().newSubManager();
        DataType type = parameters.dataType();
        this.tx = Matrices.of(data, points.tx(), type);
        this.u = data.create(points.u(), new Shape(points.u().length, 1)).toType(type, false);
        this.collocation = Matrices.of(data, points.collocation(), type);
    }

    /** The forward pass used by the trainer. */
    public Output forward(StepContext context) {
        NDArray conditionError = network.forward(tx).sub(u);
        Jet jet = network.jet(collocation, BurgersResidual.COORDINATES);
        return new Output(conditionError, BurgersResidual.of(jet, problem.nu()));
    }

    /** MSE_u + MSE_f with the given weights (the paper: 1 and 1). */
    public static Objective<Output> objective(double weightU, double weightF) {
        return Objective.<Output>builder()
                .add("mse_u", weightU, out -> out.conditionError().square().mean())
                .add("mse_f", weightF, out -> out.residual().square().mean())
                .build();
    }

    /** u at the given (t, x) rows, evaluated without gradients. */
    public double[] predict(double[][] points) {
        try (NDManager m = data.newSubManager(); ai.djl.ndarray.NDScope scope = new ai.djl.ndarray.NDScope()) {
            return network.forward(Matrices.of(m, points, tx.getDataType())).toType(DataType.FLOAT64, false).toDoubleArray();
        }
    }

    public Mlp network() {
        return network;
    }

    @Override
    public void close() {
        data.close();
    }
}
