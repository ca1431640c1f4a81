package org.repcon.physics.hamiltonian;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.repcon.physics.hamiltonian.systems.EnergyEvaluation;
import org.repcon.physics.hamiltonian.systems.HamiltonianSystem;
import org.repcon.physics.hamiltonian.systems.IdealPendulum;
import org.repcon.physics.hamiltonian.systems.IdealSpring;
import org.repcon.physics.hamiltonian.systems.RolloutGrid;
import org.repcon.physics.hamiltonian.systems.TrajectoryDataset;
import org.repcon.engine.Engines;
import org.repcon.experiment.Experiment;
import org.repcon.experiment.RunContext;
import org.repcon.nn.Matrices;
import org.repcon.nn.Mlp;
import org.repcon.nn.Parameters;
import org.repcon.objective.Objective;
import org.repcon.report.LinePlot;
import org.repcon.spec.Spec;

/**
 * Hamiltonian neural network vs baseline (Greydanus, Dzamba, Yosinski 2019). Both networks see the same
 * noisy states and clean time derivatives; the baseline predicts (dq/dt, dp/dt), the HNN predicts H and
 * obtains them from Hamilton's equations ({@link HamiltonianField}). Both are rolled out with RK4 from the
 * chosen initial states and their energy is compared with the truth.
 *
 * <p>Metrics: {@code train_loss_*}, {@code test_loss_*} (MSE of the time derivative on the test rows),
 * {@code energy_mse_*}, {@code state_mse_*} for {@code baseline} and {@code hnn}, and
 * {@code energy_mse_ratio} (baseline / HNN).
 */
public final class HnnExperiment implements Experiment<HnnConfig> {
    /** Named output of a forward pass: predicted and target time derivatives, [N, 2] each. */
    public record Output(NDArray predicted, NDArray target) {}

    @Override
    public String name() {
        return "hnn";
    }

    @Override
    public String description() {
        return "Hamiltonian neural network vs baseline MLP on an ideal spring or pendulum (Greydanus et al. 2019): "
                + "energy conservation over RK4 rollouts";
    }

    @Override
    public HnnConfig configure(Spec spec) {
        return HnnConfig.read(spec);
    }

    static HamiltonianSystem system(HnnConfig.SystemKind kind) {
        return switch (kind) {
            case SPRING -> new IdealSpring();
            case PENDULUM -> new IdealPendulum();
        };
    }

    @Override
    public void run(HnnConfig c, RunContext ctx) throws Exception {
        HamiltonianSystem system = system(c.system());
        TrajectoryDataset data = TrajectoryDataset.generate(system, system.paperProtocol().withNoiseStd(c.noiseStd()),
                c.trajectories(), c.trainFraction(), ctx.seed());
        ctx.provenance().putData("system", system.name());
        ctx.provenance().putData("trajectories", c.trajectories() + " (" + data.train().trajectoryCount() + " train, "
                + data.test().trajectoryCount() + " test), " + data.observationsPerTrajectory() + " observations each, noise std "
                + c.noiseStd() + " on the observed states (targets are clean), seed " + ctx.seed());
        double[][] initial = c.initialStates() == HnnConfig.InitialStates.TEST ? data.testInitialStates()
                : EnergyEvaluation.paperInitialStates(15, ctx.seed());
        RolloutGrid grid = new RolloutGrid(0, c.rolloutEnd(), c.rolloutSteps(), c.stride());
        Engines.start();
        try (NDManager root = NDManager.newBaseManager()) {
            EnergyEvaluation.Result baseline = trainAndEvaluate("baseline", false, c, ctx, root, data, system, initial, grid);
            EnergyEvaluation.Result hnn = trainAndEvaluate("hnn", true, c, ctx, root, data, system, initial, grid);
            ctx.putMetric("energy_mse_ratio", baseline.meanEnergyMse() / hnn.meanEnergyMse());
            plots(ctx, data, baseline, hnn);
        }
    }

    private EnergyEvaluation.Result trainAndEvaluate(String name, boolean hamiltonian, HnnConfig c, RunContext ctx, NDManager root,
            TrajectoryDataset data, HamiltonianSystem system, double[][] initial, RolloutGrid grid) throws IOException {
        DataType type = c.training().dtype();
        try (Parameters parameters = new Parameters(root, type); NDManager arrays = root.newSubManager()) {
            Mlp network = Mlp.builder().setInputs(2).setOutputs(hamiltonian ? 1 : 2)
                    .optHidden(c.hidden().stream().mapToInt(Integer::intValue).toArray()).optActivation(c.activation())
                    .optInitializer(c.initializer()).optOutputBias(false).optSeed(ctx.seed()).optName(name).build(parameters);
            Dynamics dynamics = hamiltonian ? Dynamics.hamiltonian(network) : Dynamics.direct(network);
            NDArray x = Matrices.of(arrays, data.train().x(), type);
            NDArray dx = Matrices.of(arrays, data.train().dx(), type);
            Objective<Output> objective = Objective.<Output>builder()
                    .add("mse", 1.0, out -> out.predicted().sub(out.target()).square().mean()).build();
            RunContext.TrainingOutcome outcome = ctx.train(name, parameters, step -> new Output(dynamics.timeDerivative(x), dx),
                    objective, c.training(), null);
            ctx.putMetric("train_loss_" + name, outcome.last() == null ? null : outcome.last().total());
            ctx.putMetric("test_loss_" + name, testLoss(dynamics, arrays, data, type));
            EnergyEvaluation.Result result = EnergyEvaluation.evaluate(system, dynamics.asVectorField(arrays, type), initial, grid);
            ctx.putMetric("energy_mse_" + name, result.meanEnergyMse());
            ctx.putMetric("state_mse_" + name, result.meanStateMse());
            ctx.putMetric("wall_seconds_" + name, outcome.wallSeconds());
            return result;
        }
    }

    private static double testLoss(Dynamics dynamics, NDManager arrays, TrajectoryDataset data, DataType type) {
        try (NDScope scope = new NDScope()) {
            NDArray x = Matrices.of(arrays, data.test().x(), type);
            NDArray dx = Matrices.of(arrays, data.test().dx(), type);
            return dynamics.timeDerivative(x).sub(dx).square().mean().toType(DataType.FLOAT64, false).getDouble();
        }
    }

    private static void plots(RunContext ctx, TrajectoryDataset data, EnergyEvaluation.Result baseline, EnergyEvaluation.Result hnn)
            throws IOException {
        double[][] truth = baseline.truePath(0);
        double[][] base = baseline.modelPath(0);
        double[][] ham = hnn.modelPath(0);
        Path phase = ctx.plot("phase_portrait.png");
        LinePlot plot = new LinePlot().title("Phase portrait, first rollout (t in [0, " + (float) baseline.times()[baseline.times().length - 1] + "])")
                .xLabel("q").yLabel("p").size(700, 600);
        List<Integer> rows = trajectoryRows(data, 0);
        double[] tq = new double[rows.size()];
        double[] tp = new double[rows.size()];
        for (int k = 0; k < rows.size(); k++) {
            tq[k] = data.test().x()[rows.get(k)][0];
            tp[k] = data.test().x()[rows.get(k)][1];
        }
        plot.addScatter("noisy observations", tq, tp, Color.GRAY).addLine("ground truth", col(truth, 0), col(truth, 1), Color.BLACK)
                .addLine("baseline", col(base, 0), col(base, 1), new Color(0xD62728)).addLine("HNN", col(ham, 0), col(ham, 1), new Color(0x1F77B4))
                .savePng(phase);
        ctx.addPlot("Phase portrait: truth vs baseline vs HNN rollout from the first initial state", phase);
        Path energy = ctx.plot("energy.png");
        new LinePlot().title("Total energy along the rollouts (mean over initial states)").xLabel("t").yLabel("H (true Hamiltonian)")
                .addLine("ground truth", baseline.times(), meanOver(baseline.trueEnergy()), Color.BLACK)
                .addLine("baseline", baseline.times(), meanOver(baseline.modelEnergy()), new Color(0xD62728))
                .addLine("HNN", hnn.times(), meanOver(hnn.modelEnergy()), new Color(0x1F77B4)).savePng(energy);
        ctx.addPlot("Energy vs time", energy);
    }

    private static List<Integer> trajectoryRows(TrajectoryDataset data, int which) {
        int id = data.test().trajectoryIds()[which];
        List<Integer> rows = new java.util.ArrayList<>();
        for (int i = 0; i < data.test().size(); i++) {
            if (data.test().trajectory()[i] == id) {
                rows.add(i);
            }
        }
        return rows;
    }

    private static double[] col(double[][] a, int j) {
        double[] c = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i][j];
        }
        return c;
    }

    private static double[] meanOver(double[][] values) {
        double[] m = new double[values.length];
        for (int k = 0; k < values.length; k++) {
            double s = 0;
            for (double v : values[k]) {
                s += v;
            }
            m[k] = s / values[k].length;
        }
        return m;
    }
}
