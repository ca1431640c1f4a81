package org.repcon.physics.burgers;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.repcon.physics.burgers.reference.BurgersReference;
import org.repcon.physics.burgers.reference.ReferenceGrid;
import org.repcon.engine.Engines;
import org.repcon.nn.Activation;
import org.repcon.nn.Initializer;
import org.repcon.nn.Mlp;
import org.repcon.nn.Parameters;
import org.repcon.optim.Adam;
import org.repcon.training.Trainer;
import org.repcon.training.TrainingStage;

/** The Burgers PINN learns: a few seconds of seeded Adam on tiny data lower its loss and its error against the reference. */
class BurgersPinnTest {
    @BeforeAll
    static void engine() {
        Engines.start(1);
    }

    /**
     * A small network (2 -> 3x20 tanh -> 1, float64, seeded) on 50 initial/boundary and 500 collocation points:
     * 400 Adam steps (about 2 s) lower MSE_u + MSE_f below 0.3x its start (measured: 0.333 -> 0.052, 0.16x) and
     * the relative L2 error against the Cole-Hopf reference on a 33 x 11 grid below 0.85x its start (measured:
     * 0.804 -> 0.566, 0.70x; it plateaus there for the first thousand steps, the shock takes far longer). Checked:
     * with the initial/boundary term's gradient cut ({@code network.forward(tx).stopGradient()} in
     * {@link BurgersPinn#forward}) the network only learns the residual and both assertions fail (loss 0.83x, error
     * 0.804 -> 0.950).
     */
    @Test
    void lossAndErrorAgainstTheReferenceFall() {
        BurgersProblem problem = BurgersProblem.standard();
        ReferenceGrid reference = BurgersReference.standard().grid(33, 11, 0.99);
        double[][] grid = new double[reference.t().length * reference.x().length][];
        int k = 0;
        for (double t : reference.t()) {
            for (double x : reference.x()) {
                grid[k++] = new double[] {t, x};
            }
        }
        try (NDManager root = NDManager.newBaseManager(); Parameters p = new Parameters(root, DataType.FLOAT64)) {
            Mlp network = Mlp.builder().setInputs(2).setOutputs(1).optHidden(20, 20, 20).optActivation(Activation.TANH)
                    .optInitializer(Initializer.XAVIER_NORMAL).optSeed(1)
                    .optInputRange(new double[] {BurgersProblem.T_MIN, BurgersProblem.X_MIN},
                            new double[] {BurgersProblem.T_MAX, BurgersProblem.X_MAX})
                    .build(p);
            try (BurgersPinn pinn = new BurgersPinn(problem, network, problem.sample(50, 500, 1), p)) {
                double errorBefore = reference.relativeL2Error(toGrid(pinn.predict(grid), reference));
                double[] loss = new double[STEPS];
                Trainer.<BurgersPinn.Output>builder().setParameters(p).setModel(pinn::forward)
                        .setObjective(BurgersPinn.objective(1, 1))
                        .addStage(new TrainingStage("adam", STEPS, s -> Adam.builder().setParameters(p).optLearningRate(1e-2).build()))
                        .addListener(new org.repcon.training.TrainingListener() {
                            @Override
                            public void onStep(long step, String stage, double lr, org.repcon.objective.LossValues values, double wall) {
                                loss[(int) step] = values.total();
                            }
                        })
                        .build().fit();
                double errorAfter = reference.relativeL2Error(toGrid(pinn.predict(grid), reference));
                String what = "loss " + loss[0] + " -> " + loss[STEPS - 1] + ", rel. L2 error " + errorBefore + " -> " + errorAfter;
                assertTrue(loss[STEPS - 1] < 0.3 * loss[0], what);
                assertTrue(errorAfter < 0.85 * errorBefore, what);
            }
        }
    }

    private static final int STEPS = 400;

    private static double[][] toGrid(double[] flat, ReferenceGrid g) {
        double[][] u = new double[g.t().length][g.x().length];
        for (int i = 0; i < g.t().length; i++) {
            System.arraycopy(flat, i * g.x().length, u[i], 0, g.x().length);
        }
        return u;
    }
}
