package org.repcon.experiment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import org.repcon.engine.Engines;
import org.repcon.nn.Activation;
import org.repcon.nn.Mlp;
import org.repcon.nn.Parameters;
import org.repcon.objective.LossValues;
import org.repcon.objective.Objective;
import org.repcon.spec.Spec;
import org.repcon.training.TrainingListener;

/**
 * A seconds-long experiment for the runner's tests ({@code toy-fit}): a small MLP fits sin(pi x) on 32 points under
 * a {@code training} section, and reports {@code final_loss}, {@code steps}, {@code wall_seconds} and {@code fit_error}
 * (of the final weights), as the real experiments do, and saves the model ({@link TrainedRun#save}, {@link #LOADER}). {@link #hook} is called after each step with the steps done.
 */
public final class ToyExperiment implements Experiment<TrainingSettings> {
    /** Called after each training step with the number of steps done (tests: simulate a signal, a second process). */
    static volatile LongConsumer hook = s -> {};

    record Out(NDArray prediction, NDArray target) {}

    /** The toy's model, as {@link #run} builds it. */
    static Mlp network(long seed, Parameters parameters) {
        return Mlp.builder().setInputs(1).setOutputs(1).optHidden(8).optActivation(Activation.TANH).optSeed(seed).build(parameters);
    }

    /** Loads a toy run's model. */
    static final TrainedRun.Family<TrainingSettings, Mlp> LOADER = new TrainedRun.Family<>("toy-fit", "the toy fit",
            spec -> TrainingSettings.read(spec.getChild("training")), TrainingSettings::dtype,
            (training, seed, parameters) -> network(seed, parameters));

    @Override
    public String name() {
        return "toy-fit";
    }

    @Override
    public String description() {
        return "test experiment: an MLP fits sin(pi x)";
    }

    @Override
    public TrainingSettings configure(Spec spec) {
        return TrainingSettings.read(spec.getChild("training"));
    }

    @Override
    public void run(TrainingSettings training, RunContext ctx) throws Exception {
        Engines.start();
        try (NDManager root = NDManager.newBaseManager(); Parameters parameters = new Parameters(root, training.dtype())) {
            Mlp net = network(ctx.seed(), parameters);
            double[] xs = new double[32];
            double[] ys = new double[32];
            for (int i = 0; i < xs.length; i++) {
                xs[i] = -1 + 2.0 * i / (xs.length - 1);
                ys[i] = Math.sin(Math.PI * xs[i]);
            }
            NDArray x = root.create(xs, new Shape(32, 1)).toType(training.dtype(), false);
            NDArray y = root.create(ys, new Shape(32, 1)).toType(training.dtype(), false);
            Objective<Out> objective = Objective.<Out>builder()
                    .add("mse", 1.0, o -> o.prediction().sub(o.target()).square().mean())
                    .add("l2", 1e-4, o -> o.prediction().square().mean()).build();
            RunContext.TrainingOutcome outcome = ctx.train(null, parameters, s -> new Out(net.forward(x), y), objective, training, null,
                    new TrainingListener() {
                        @Override
                        public void onStep(long step, String stage, double lr, LossValues values, double wall) {
                            hook.accept(step + 1);
                        }
                    });
            TrainedRun.save(ctx, parameters);
            ctx.putMetric("final_loss", outcome.last() == null ? null : outcome.last().total());
            ctx.putMetric("steps", outcome.steps());
            ctx.putMetric("wall_seconds", outcome.wallSeconds());
            ctx.putMetric("fit_error", net.forward(x).sub(y).square().mean().toType(DataType.FLOAT64, false).getDouble());
        }
    }

    /**
     * {@code toy-suite}: nested {@code toy-fit} runs named by {@code variants}, with the {@code training} section, compared
     * ({@link Comparison}) by final loss, steps and fit error.
     */
    public static final class Suite implements Experiment<Map<String, Map<String, Object>>> {
        @Override
        public String name() {
            return "toy-suite";
        }

        @Override
        public String description() {
            return "test experiment: nested toy-fit runs";
        }

        @Override
        public Map<String, Map<String, Object>> configure(Spec spec) {
            Spec training = spec.getChild("training");
            Map<String, Object> tree = training.copyTree();
            training.ignore(training.keys().toArray(String[]::new));
            long seed = RunSettings.seed(spec);
            Map<String, Map<String, Object>> variants = new LinkedHashMap<>();
            for (String name : spec.getStringList("variants")) {
                variants.put(name, new LinkedHashMap<>(Map.of("experiment", "toy-fit", "seed", seed, "threads", 1, "training", tree)));
            }
            return variants;
        }

        @Override
        public void run(Map<String, Map<String, Object>> variants, RunContext ctx) throws Exception {
            Comparison c = new Comparison("comparison.csv", "Toy comparison").columns(List.of("final_loss", "steps", "fit_error"))
                    .parentMetrics(List.of("final_loss"));
            c.run(ctx, variants);
            ctx.putMetric("variants", variants.size());
            c.requireAllSucceeded(ctx);
        }
    }
}
