package org.repcon.training;

import org.repcon.nn.Scalars;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import org.repcon.derivatives.Coordinates;
import org.repcon.derivatives.Jet;
import org.repcon.engine.Engines;
import org.repcon.nn.Activation;
import org.repcon.nn.Mlp;
import org.repcon.nn.Parameters;
import org.repcon.objective.LossValues;
import org.repcon.objective.Objective;
import org.repcon.optim.Adam;

/**
 * Memory benchmark (not a unit test): trains a Burgers PINN (2 -> 8x20 tanh -> 1, 10,000 collocation points,
 * u, u_t, u_x, u_xx by jets) with Adam through the {@link Trainer} and prints the resident set size
 * (VmRSS from /proc/self/status) every 1,000 steps and the ratio RSS(last) / RSS(first report).
 *
 * <p>The collocation points deliberately live in a long-lived manager (as a user would keep a data set): the
 * trainer, not the user, must make sure that nothing computed from them outlives a step.
 *
 * <p>Arguments (all optional): {@code steps} (10000), {@code every} (1000), {@code threads} (1; libtorch with 2
 * threads slows down badly when other processes share the cores),
 * {@code float32|float64} (float32), {@code points} (10000). Exit status 1 if the ratio exceeds 1.10.
 * Run with {@code benchmarks/memory/run.sh}.
 */
public final class MemoryBenchmark {
    private MemoryBenchmark() {}

    /** Model output of one step: the PDE residual and the initial/boundary errors. */
    record BurgersOutput(NDArray residual, NDArray initialError, NDArray boundaryValue) {}

    public static void main(String[] args) throws IOException {
        long steps = args.length > 0 ? Long.parseLong(args[0]) : 10_000;
        long every = args.length > 1 ? Long.parseLong(args[1]) : 1_000;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        DataType type = args.length > 3 && args[3].equalsIgnoreCase("float64") ? DataType.FLOAT64 : DataType.FLOAT32;
        int points = args.length > 4 ? Integer.parseInt(args[4]) : 10_000;

        Engines.start(threads);
        System.out.printf(Locale.ROOT, "MemoryBenchmark: Burgers jets, 2 -> 8x20 tanh -> 1, %d points, %s, Adam %d steps,"
                + " %d threads (PyTorch %s)%n", points, type, steps, Engines.threads(), Engines.pytorchVersion());
        System.out.printf(Locale.ROOT, "RSS at start: %.1f MB%n", rssMb());

        try (NDManager base = NDManager.newBaseManager(); Parameters parameters = new Parameters(base, type)) {
            Mlp net = Mlp.builder().setInputs(2).setOutputs(1).optHidden(20, 8).optActivation(Activation.TANH)
                    .optInputRange(new double[] {0, -1}, new double[] {1, 1}).optSeed(1234).build(parameters);
            Coordinates coords = Coordinates.of("t", "x").withSecond("x", "x");
            Random rng = new Random(42);
            // long-lived inputs (base manager), on purpose
            NDArray collocation = points(base, type, points, rng, false);
            NDArray initial = points(base, type, 256, rng, true);
            NDArray initialTarget = initial.get(":, 1:2").mul(Math.PI).sin().neg();
            NDArray boundary = boundaryPoints(base, type, 256, rng);
            double nu = 0.01 / Math.PI;

            Objective<BurgersOutput> objective = Objective.<BurgersOutput>builder()
                    .add("mse_f", 1.0, o -> o.residual().square().mean())
                    .add("mse_0", 1.0, o -> o.initialError().square().mean())
                    .add("mse_b", 1.0, o -> o.boundaryValue().square().mean())
                    .build();

            long[] t0 = {System.nanoTime()};
            double[] firstRss = {Double.NaN};
            double[] lastRss = {Double.NaN};
            TrainingListener report = new TrainingListener() {
                @Override
                public void onStep(long step, String stage, double lr, LossValues values, double wall) {
                    long done = step + 1;
                    if (done % every == 0) {
                        double rss = rssMb();
                        if (Double.isNaN(firstRss[0])) {
                            firstRss[0] = rss;
                        }
                        lastRss[0] = rss;
                        double ms = (System.nanoTime() - t0[0]) / 1e6 / every;
                        t0[0] = System.nanoTime();
                        Runtime rt = Runtime.getRuntime();
                        System.out.printf(Locale.ROOT,
                                "step %6d  RSS %8.1f MB  (Java heap %6.1f MB used of %6.1f MB committed)  loss %.4e"
                                        + "  %.1f ms/step%n",
                                done, rss, (rt.totalMemory() - rt.freeMemory()) / 1048576.0,
                                rt.totalMemory() / 1048576.0, values.total(), ms);
                    }
                }
            };
            Trainer<BurgersOutput> trainer = Trainer.<BurgersOutput>builder()
                    .setParameters(parameters)
                    .setModel(ctx -> {
                        Jet jet = net.jet(collocation, coords);
                        NDArray u = jet.value();
                        NDArray residual = jet.d("t").add(u.mul(jet.d("x"))).sub(jet.d2("x", "x").mul(Scalars.constant(u, nu)));
                        NDArray u0 = net.forward(initial).sub(initialTarget);
                        NDArray ub = net.forward(boundary);
                        return new BurgersOutput(residual, u0, ub);
                    })
                    .setObjective(objective)
                    .addStage(new TrainingStage("adam", steps, start -> Adam.builder().setParameters(parameters)
                            .optLearningRate(1e-3).optStepOffset(start).build()))
                    .addListener(report)
                    .build();
            trainer.fit();
            double ratio = lastRss[0] / firstRss[0];
            System.out.printf(Locale.ROOT, "RSS ratio (step %d / step %d): %.3f (target <= 1.10)%n", steps, every, ratio);
            if (!(ratio <= 1.10)) {
                System.out.println("FAIL: memory grew more than 10%");
                System.exit(1);
            }
        }
    }

    private static NDArray points(NDManager m, DataType type, int n, Random rng, boolean atTimeZero) {
        double[] v = new double[2 * n];
        for (int i = 0; i < n; i++) {
            v[2 * i] = atTimeZero ? 0 : rng.nextDouble();
            v[2 * i + 1] = 2 * rng.nextDouble() - 1;
        }
        return m.create(v, new Shape(n, 2)).toType(type, false);
    }

    private static NDArray boundaryPoints(NDManager m, DataType type, int n, Random rng) {
        double[] v = new double[2 * n];
        for (int i = 0; i < n; i++) {
            v[2 * i] = rng.nextDouble();
            v[2 * i + 1] = i % 2 == 0 ? -1 : 1;
        }
        return m.create(v, new Shape(n, 2)).toType(type, false);
    }

    /** VmRSS of this process in MB (NaN if /proc is not available). */
    static double rssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    String[] parts = line.trim().split("\\s+");
                    return Long.parseLong(parts[1]) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }

}
