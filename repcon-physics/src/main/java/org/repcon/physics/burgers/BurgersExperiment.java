package org.repcon.physics.burgers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.repcon.physics.burgers.reference.BurgersReference;
import org.repcon.physics.burgers.reference.ReferenceGrid;
import org.repcon.engine.Engines;
import org.repcon.experiment.Experiment;
import org.repcon.experiment.RunContext;
import org.repcon.experiment.RunDirectory;
import org.repcon.nn.Mlp;
import org.repcon.nn.Parameters;
import org.repcon.report.HeatMap;
import org.repcon.report.LinePlot;
import org.repcon.report.MetricsCsv;
import org.repcon.spec.Spec;

/**
 * The lecture's physics-informed network: Burgers' equation solved by a PINN (Raissi et al. 2017), scored
 * against repcon's own Cole-Hopf reference on the standard 256 x 100 grid.
 *
 * <p>Writes {@code prediction.csv} (t,x,u_pred,u_ref), {@code training_points.csv} and
 * {@code initial_parameters.json} (for the PyTorch benchmark), heat maps and slices, and metrics
 * {@code rel_l2_error}, {@code max_abs_error}, {@code wall_seconds}, {@code steps}, {@code ms_per_adam_step},
 * {@code seconds_to_target}.
 */
public final class BurgersExperiment implements Experiment<BurgersConfig> {
    @Override
    public String name() {
        return "burgers-pinn";
    }

    @Override
    public String description() {
        return "Physics-informed network for Burgers' equation u_t + u u_x - (0.01/pi) u_xx = 0 (Raissi et al. 2017), "
                + "scored against an exact Cole-Hopf reference";
    }

    @Override
    public BurgersConfig configure(Spec spec) {
        return BurgersConfig.read(spec);
    }

    @Override
    public void run(BurgersConfig c, RunContext ctx) throws Exception {
        BurgersProblem problem = new BurgersProblem(c.viscosity());
        BurgersProblem.TrainingPoints points = problem.sample(c.nU(), c.nF(), ctx.seed());
        ReferenceGrid reference = BurgersReference.withViscosity(c.viscosity()).grid(256, 100, 0.99);
        double[][] gridPoints = gridPoints(reference);
        ctx.provenance().putData("training_points", "N_u = " + c.nU() + " of the grid's initial/boundary points, N_f = " + c.nF()
                + " Latin-hypercube points (+ the N_u points), seed " + ctx.seed());
        ctx.provenance().putData("reference", "Cole-Hopf quadrature, 256 x in [-1,1] by 100 t in [0,0.99], nu = " + c.viscosity());
        Engines.start();
        try (NDManager root = NDManager.newBaseManager(); Parameters parameters = new Parameters(root, c.training().dtype())) {
            Mlp network = Mlp.builder().setInputs(2).setOutputs(1).optHidden(c.hidden().stream().mapToInt(Integer::intValue).toArray())
                    .optActivation(c.activation()).optInitializer(c.initializer()).optSeed(ctx.seed())
                    .optInputRange(new double[] {BurgersProblem.T_MIN, BurgersProblem.X_MIN}, new double[] {BurgersProblem.T_MAX, BurgersProblem.X_MAX})
                    .build(parameters);
            if (!ctx.resuming()) {
                writeTrainingPoints(ctx.directory().file("training_points.csv"), points);
                writeInitialParameters(ctx.directory().file("initial_parameters.json"), parameters, c);
            }
            try (BurgersPinn pinn = new BurgersPinn(problem, network, points, parameters)) {
                RunContext.TrainingOutcome outcome = ctx.train(null, parameters, pinn::forward,
                        BurgersPinn.objective(c.weightU(), c.weightF()), c.training(),
                        log -> log.addColumn("rel_l2_error", c.evalEvery(), () -> reference.relativeL2Error(toGrid(pinn.predict(gridPoints), reference))));
                double[][] predicted = toGrid(pinn.predict(gridPoints), reference);
                writePrediction(ctx.directory().file("prediction.csv"), reference, predicted);
                double error = reference.relativeL2Error(predicted);
                ctx.putMetric("rel_l2_error", error);
                ctx.putMetric("max_abs_error", reference.maxAbsError(predicted));
                ctx.putMetric("wall_seconds", outcome.wallSeconds());
                ctx.putMetric("steps", outcome.steps());
                ctx.putMetric("final_loss", outcome.last() == null ? null : outcome.last().total());
                Map<String, double[]> metrics = MetricsCsv.read(ctx.directory().metricsCsv(null));
                ctx.putMetric("ms_per_adam_step", msPerStage(ctx.directory().metricsCsv(null), "adam"));
                ctx.putMetric("seconds_to_target", secondsToTarget(metrics, c.target()));
                ctx.putMetric("target", c.target());
                plots(ctx, reference, predicted, points);
            }
        }
    }

    private static double[][] gridPoints(ReferenceGrid g) {
        double[][] p = new double[g.t().length * g.x().length][];
        int k = 0;
        for (double t : g.t()) {
            for (double x : g.x()) {
                p[k++] = new double[] {t, x};
            }
        }
        return p;
    }

    private static double[][] toGrid(double[] flat, ReferenceGrid g) {
        double[][] u = new double[g.t().length][g.x().length];
        for (int i = 0; i < g.t().length; i++) {
            System.arraycopy(flat, i * g.x().length, u[i], 0, g.x().length);
        }
        return u;
    }

    /** Mean milliseconds per step of a stage, from the metrics.csv rows of that stage (first row excluded: warm-up). */
    static Double msPerStage(Path csv, String stage) throws IOException {
        Map<String, double[]> rows = MetricsCsv.read(csv, stage);
        double[] steps = rows.get("step");
        double[] wall = rows.get("wall_seconds");
        int last = steps == null ? 0 : steps.length - 1;
        if (last < 1) {
            return null;
        }
        return 1000 * (wall[last] - wall[0]) / (steps[last] - steps[0]);
    }

    /** First training wall time at which rel_l2_error <= target, or null. */
    static Double secondsToTarget(Map<String, double[]> metrics, double target) {
        double[] error = metrics.get("rel_l2_error");
        double[] wall = metrics.get("wall_seconds");
        for (int i = 0; i < error.length; i++) {
            if (error[i] <= target) {
                return wall[i];
            }
        }
        return null;
    }

    private static void plots(RunContext ctx, ReferenceGrid ref, double[][] predicted, BurgersProblem.TrainingPoints points) throws IOException {
        double[][] error = new double[predicted.length][predicted[0].length];
        for (int i = 0; i < predicted.length; i++) {
            for (int j = 0; j < predicted[0].length; j++) {
                error[i][j] = Math.abs(predicted[i][j] - ref.u()[i][j]);
            }
        }
        double[] pt = new double[points.tx().length];
        double[] px = new double[points.tx().length];
        for (int k = 0; k < pt.length; k++) {
            pt[k] = points.tx()[k][0];
            px[k] = points.tx()[k][1];
        }
        double tMax = ref.t()[ref.t().length - 1];
        Path pred = ctx.plot("u_predicted.png");
        heat(predicted, tMax, "u(t, x) predicted by the PINN (x: the N_u training points)").limits(-1, 1).addPoints(pt, px).savePng(pred);
        ctx.addPlot("Predicted u(t, x)", pred);
        Path exact = ctx.plot("u_reference.png");
        heat(ref.u(), tMax, "u(t, x) reference (Cole-Hopf)").limits(-1, 1).savePng(exact);
        ctx.addPlot("Reference u(t, x)", exact);
        Path err = ctx.plot("u_abs_error.png");
        heat(error, tMax, "|u_pred - u_ref|").colormap(org.repcon.report.Colormap.VIRIDIS).symmetric(false).savePng(err);
        ctx.addPlot("Absolute error", err);
        for (double t : new double[] {0.25, 0.50, 0.75}) {
            int i = nearest(ref.t(), t);
            Path slice = ctx.plot(String.format(Locale.ROOT, "slice_t%.2f.png", t));
            new LinePlot().title(String.format(Locale.ROOT, "u(t = %.2f, x)", ref.t()[i])).xLabel("x").yLabel("u")
                    .addLine("reference", ref.x(), ref.u()[i]).addLine("PINN", ref.x(), predicted[i]).size(640, 400).savePng(slice);
            ctx.addPlot(String.format(Locale.ROOT, "Slice at t = %.2f", ref.t()[i]), slice);
        }
    }

    private static HeatMap heat(double[][] values, double tMax, String title) {
        return new HeatMap(values).xRange(0, tMax).yRange(-1, 1).xLabel("t").yLabel("x").title(title).colorbarLabel("u")
                .colormap(org.repcon.report.Colormap.BLUE_WHITE_RED);
    }

    private static int nearest(double[] values, double v) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (Math.abs(values[i] - v) < Math.abs(values[best] - v)) {
                best = i;
            }
        }
        return best;
    }

    private static void writePrediction(Path file, ReferenceGrid g, double[][] predicted) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            w.write("t,x,u_pred,u_ref\n");
            for (int i = 0; i < g.t().length; i++) {
                for (int j = 0; j < g.x().length; j++) {
                    w.write(String.format(Locale.ROOT, "%.6f,%.9f,%.9g,%.9g%n", g.t()[i], g.x()[j], predicted[i][j], g.u()[i][j]));
                }
            }
        }
    }

    private static void writeTrainingPoints(Path file, BurgersProblem.TrainingPoints p) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            w.write("kind,t,x,u\n");
            for (int k = 0; k < p.tx().length; k++) {
                w.write(String.format(Locale.ROOT, "u,%.17g,%.17g,%.17g%n", p.tx()[k][0], p.tx()[k][1], p.u()[k]));
            }
            for (double[] f : p.collocation()) {
                w.write(String.format(Locale.ROOT, "f,%.17g,%.17g,%n", f[0], f[1]));
            }
        }
    }

    /** The initial network as JSON (weights [fanIn][fanOut], used as {@code h @ W + b}), for the PyTorch benchmark. */
    private static void writeInitialParameters(Path file, Parameters parameters, BurgersConfig c) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("dtype", parameters.dataType().name().toLowerCase(Locale.ROOT));
        json.put("input_lower", List.of(BurgersProblem.T_MIN, BurgersProblem.X_MIN));
        json.put("input_upper", List.of(BurgersProblem.T_MAX, BurgersProblem.X_MAX));
        json.put("activation", c.activation().name().toLowerCase(Locale.ROOT));
        List<Object> layers = new ArrayList<>();
        for (int i = 0; i <= c.hidden().size(); i++) {
            NDArray w = parameters.get("mlp.layer" + i + ".weight");
            NDArray b = parameters.get("mlp.layer" + i + ".bias");
            int fanIn = (int) w.getShape().get(0);
            int fanOut = (int) w.getShape().get(1);
            double[] wv = toDoubles(w);
            List<double[]> rows = new ArrayList<>();
            for (int r = 0; r < fanIn; r++) {
                rows.add(java.util.Arrays.copyOfRange(wv, r * fanOut, (r + 1) * fanOut));
            }
            Map<String, Object> layer = new LinkedHashMap<>();
            layer.put("weight", rows);
            layer.put("bias", toDoubles(b));
            layers.add(layer);
        }
        json.put("layers", layers);
        RunDirectory.writeJson(file, json);
    }

    private static double[] toDoubles(NDArray a) {
        try (NDArray d = a.toType(ai.djl.ndarray.types.DataType.FLOAT64, true)) { // a copy: closing it must not close a
            return d.toDoubleArray();
        }
    }
}
