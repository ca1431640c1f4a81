package org.repcon.diffusion.experiment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.repcon.data.MiniBatches;
import org.repcon.diffusion.NoiseModel;
import org.repcon.diffusion.model.MlpNoiseModel;
import org.repcon.diffusion.process.DiffusionOutput;
import org.repcon.diffusion.process.EpsilonLoss;
import org.repcon.diffusion.process.EpsilonTraining;
import org.repcon.diffusion.process.GaussianDiffusion;
import org.repcon.diffusion.process.NoiseDraws;
import org.repcon.diffusion.sampling.DdimSampler;
import org.repcon.diffusion.sampling.DdpmSampler;
import org.repcon.diffusion.sampling.Sampler;
import org.repcon.diffusion.sampling.SamplerKind;
import org.repcon.diffusion.sampling.Samples;
import org.repcon.diffusion.schedule.NoiseSchedule;
import org.repcon.diffusion.toy.GaussianFit;
import org.repcon.diffusion.toy.ToyData;
import org.repcon.diffusion.toy.ToyDistribution;
import org.repcon.engine.Engines;
import org.repcon.experiment.Experiment;
import org.repcon.experiment.RunContext;
import org.repcon.io.ModelFile;
import org.repcon.nn.Parameters;
import org.repcon.nn.Scalars;
import org.repcon.objective.Objective;
import org.repcon.optim.GradientClipping;
import org.repcon.report.BarChart;
import org.repcon.report.LinePlot;
import org.repcon.report.QuiverPlot;
import org.repcon.spec.Spec;
import org.repcon.training.ExponentialMovingAverage;
import org.repcon.training.TrainingListener;

/**
 * The diffusion model's representation as a vector field, on generated 2-D data: a DDPM with an MLP noise model
 * learns each toy distribution ({@link ToyDistribution}); its samples are compared with the test points, as are
 * samples of a Gaussian fit of the training points (the baseline), by MMD^2 and the sliced Wasserstein distance.
 *
 * <p>Per dataset {@code D}: metrics {@code mmd2_D}, {@code sw_D} (the model's samples, with the spec's sampler),
 * {@code mmd2_ddim_D}, {@code sw_ddim_D} (DDIM with {@code sampling.ddim_steps}), {@code mmd2_gaussian_D},
 * {@code sw_gaussian_D} (the baseline), {@code mmd2_floor_D}, {@code sw_floor_D} (training points against test
 * points: what a perfect model would get), {@code mmd_bandwidth_D}, {@code test_eps_mse_D} (held-out L_simple),
 * {@code train_seconds_D}, {@code sample_seconds_D}; the EMA weights in {@code model-D.bin}. Plots: the learned score
 * -eps_theta(x, t) / sqrt(1 - alphaBar_t) as arrows over the data at several noise levels, samples over the data
 * (model and Gaussian), the noise-to-sample strip, the held-out loss per timestep bucket.
 */
public final class Diffusion2dExperiment implements Experiment<Diffusion2dConfig> {
    private static final Color DATA = new Color(0xB0B0B0);
    private static final Color MODEL = new Color(0x1F77B4);
    private static final Color GAUSSIAN = new Color(0xD62728);
    private static final double RANGE = 2.5;

    @Override
    public String name() {
        return "diffusion-2d";
    }

    @Override
    public String description() {
        return "DDPM on generated 2-D data (two moons, a ring) with an MLP noise model: the learned score field, samples, "
                + "and MMD / sliced Wasserstein distance to the test points against a Gaussian fit";
    }

    @Override
    public Diffusion2dConfig configure(Spec spec) {
        return Diffusion2dConfig.read(spec);
    }

    @Override
    public void run(Diffusion2dConfig c, RunContext ctx) throws Exception {
        Engines.start();
        List<List<String>> rows = new ArrayList<>();
        try (NDManager root = NDManager.newBaseManager()) {
            for (int k = 0; k < c.datasets().size(); k++) {
                rows.add(runDataset(c, ctx, root, c.datasets().get(k), k));
            }
        }
        ctx.addReportSection(r -> r.addTable("Distance to the test points (lower is better; floor = training points vs test points)",
                List.of("dataset", "MMD^2 model", "MMD^2 Gaussian fit", "MMD^2 floor", "SW model", "SW Gaussian fit", "SW floor",
                        "SW DDIM", "train s", "sample s"), rows));
    }

    private List<String> runDataset(Diffusion2dConfig c, RunContext ctx, NDManager root, ToyDistribution dist, int k) throws IOException {
        String name = dist.key();
        long seed = ctx.seed() + k;
        ToyData data = ToyData.generate(dist, c.train(), c.validation(), c.test(), c.noise(), seed);
        ctx.provenance().putData(name, c.train() + " train / " + c.validation() + " validation / " + c.test() + " test points, noise "
                + c.noise() + ", seed " + seed);
        NoiseSchedule schedule = c.schedule().schedule(c.timesteps());
        GaussianDiffusion diffusion = new GaussianDiffusion(schedule);
        DataType type = c.training().dtype();
        try (Parameters parameters = new Parameters(root, type); Parameters averaged = new Parameters(root, type)) {
            MlpNoiseModel model = NoiseModelFactory.toy(c, seed, parameters); // as TrainedDiffusion rebuilds it
            MlpNoiseModel emaModel = NoiseModelFactory.toy(c, seed, averaged);
            double[] train = flatten(data.train());
            MiniBatches batches = new MiniBatches(c.train(), Math.min(c.batchSize(), c.train()), seed, true);
            EpsilonTraining training = new EpsilonTraining(diffusion, model, NoiseDraws.mix(seed, 1));
            Objective<DiffusionOutput> objective = EpsilonLoss.addTo(Objective.builder(), c.epsWeight(), c.buckets(), c.timesteps()).build();
            ExponentialMovingAverage ema = new ExponentialMovingAverage(parameters, c.emaDecay(), c.emaWarmup());
            GradientClipping clipping = c.clipNorm() > 0 ? new GradientClipping(parameters, c.clipNorm()) : null;
            List<TrainingListener> listeners = new ArrayList<>(List.of(ema));
            if (clipping != null) {
                listeners.add(clipping);
            }
            RunContext.TrainingOutcome outcome = ctx.train(name, parameters,
                    step -> training.forward(batch(step.manager(), train, batches.indices(step.step()), type), step.step()), objective,
                    c.training(), log -> {
                        if (clipping != null) {
                            log.addColumn("grad_norm", c.training().logEvery(), clipping::lastNorm);
                        }
                    }, listeners.toArray(TrainingListener[]::new));
            ema.copyTo(averaged);
            ModelFile.save(ctx.directory().file("model-" + name + ".bin"), averaged);
            ctx.putMetric("train_seconds_" + name, outcome.wallSeconds());
            ctx.putMetric("train_eps_mse_" + name, outcome.last() == null ? null : outcome.last().term(EpsilonLoss.NAME));

            long t0 = System.nanoTime();
            Sampler ddpm = DdpmSampler.builder().setDiffusion(diffusion).optVariance(c.variance()).optDataType(type).build();
            Sampler ddim = DdimSampler.builder().setDiffusion(diffusion).setSteps(c.ddimSteps()).optDataType(type).build();
            Sampler main = c.sampler() == SamplerKind.DDPM ? ddpm : ddim;
            Sampler other = main == ddpm ? ddim : ddpm;
            Shape shape = new Shape(c.samples(), 2);
            Samples samples = main.sample(emaModel, root, shape, NoiseDraws.mix(seed, 2), 1);
            double sampleSeconds = (System.nanoTime() - t0) / 1e9;
            Samples otherSamples = other.sample(emaModel, root, shape, NoiseDraws.mix(seed, 3), 0);
            double[][] gaussian = GaussianFit.fit(data.train()).sample(c.samples(), NoiseDraws.mix(seed, 4));
            double[][] floor = java.util.Arrays.copyOf(data.train(), Math.min(c.samples(), data.train().length));

            ToyEvaluation evaluation = ToyEvaluation.of(data.validation(), data.test(), c.projections(), NoiseDraws.mix(seed, 5));
            ToyEvaluation.Distances m = evaluation.distances(samples.rows());
            ToyEvaluation.Distances o = evaluation.distances(otherSamples.rows());
            ToyEvaluation.Distances g = evaluation.distances(gaussian);
            ToyEvaluation.Distances f = evaluation.distances(floor);
            ToyEvaluation.Distances ddimD = main == ddim ? m : o;
            ctx.putMetric("mmd2_" + name, m.mmd2());
            ctx.putMetric("sw_" + name, m.slicedWasserstein());
            ctx.putMetric("mmd2_gaussian_" + name, g.mmd2());
            ctx.putMetric("sw_gaussian_" + name, g.slicedWasserstein());
            ctx.putMetric("mmd2_floor_" + name, f.mmd2());
            ctx.putMetric("sw_floor_" + name, f.slicedWasserstein());
            ctx.putMetric("mmd2_" + (main == ddpm ? "ddim_" : "ddpm_") + name, o.mmd2());
            ctx.putMetric("sw_" + (main == ddpm ? "ddim_" : "ddpm_") + name, o.slicedWasserstein());
            ctx.putMetric("mmd_bandwidth_" + name, evaluation.bandwidth());
            ctx.putMetric("sample_seconds_" + name, sampleSeconds);
            double[] buckets = heldOutLossPerBucket(emaModel, diffusion, data.test(), Math.max(1, c.buckets()), type, root,
                    NoiseDraws.mix(seed, 6));
            double mean = java.util.Arrays.stream(buckets).average().orElse(Double.NaN);
            ctx.putMetric("test_eps_mse_" + name, mean);

            plotSamples(ctx, name, data, samples.rows(), gaussian, m, g);
            plotScore(ctx, name, c, emaModel, schedule, data, type, root);
            plotStrip(ctx, name, data, samples, c.sampler().name().toLowerCase(Locale.ROOT));
            plotBuckets(ctx, name, buckets, Math.max(1, c.buckets()), c.timesteps());
            return List.of(name, fmt(m.mmd2()), fmt(g.mmd2()), fmt(f.mmd2()), fmt(m.slicedWasserstein()),
                    fmt(g.slicedWasserstein()), fmt(f.slicedWasserstein()), fmt(ddimD.slicedWasserstein()),
                    String.format(Locale.ROOT, "%.1f", outcome.wallSeconds()), String.format(Locale.ROOT, "%.1f", sampleSeconds));
        }
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }

    static double[] flatten(double[][] rows) {
        int d = rows[0].length;
        double[] flat = new double[rows.length * d];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, flat, i * d, d);
        }
        return flat;
    }

    /** Rows {@code indices} of the flat [N, 2] points as an array of the step. */
    static NDArray batch(NDManager manager, double[] flat, int[] indices, DataType type) {
        double[] b = new double[indices.length * 2];
        for (int i = 0; i < indices.length; i++) {
            b[2 * i] = flat[2 * indices[i]];
            b[2 * i + 1] = flat[2 * indices[i] + 1];
        }
        return Scalars.owned(manager.create(b, new Shape(indices.length, 2)), type);
    }

    /** L_simple of the model on the test points per timestep bucket, t uniform within the bucket (seeded). */
    static double[] heldOutLossPerBucket(NoiseModel model, GaussianDiffusion diffusion, double[][] points, int buckets, DataType type,
            NDManager root, long seed) {
        int steps = diffusion.steps();
        double[] result = new double[buckets];
        SplittableRandom rng = new SplittableRandom(seed);
        double[] flat = flatten(points);
        for (int k = 0; k < buckets; k++) {
            int lo = EpsilonLoss.bucketStart(k, buckets, steps);
            int hi = EpsilonLoss.bucketStart(k + 1, buckets, steps);
            int[] t = new int[points.length];
            for (int i = 0; i < t.length; i++) {
                t[i] = lo + rng.nextInt(Math.max(1, hi - lo));
            }
            double[] eps = NoiseDraws.gaussians(rng, flat.length);
            try (NDScope scope = new NDScope(); NDManager m = root.newSubManager()) {
                NDArray x0 = m.create(flat, new Shape(points.length, 2)).toType(type, false);
                NDArray noise = m.create(eps, new Shape(points.length, 2)).toType(type, false);
                NDArray xt = diffusion.qSample(x0, t, noise);
                NDArray predicted = model.predictNoise(xt, GaussianDiffusion.timesteps(m, t), false);
                result[k] = predicted.sub(noise).square().mean().toType(DataType.FLOAT64, false).getDouble();
            }
        }
        return result;
    }

    private static double[] column(double[][] rows, int j) {
        double[] c = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            c[i] = rows[i][j];
        }
        return c;
    }

    private static BufferedImage scatter(String title, double[][] data, String name, double[][] points, Color color) {
        LinePlot plot = new LinePlot().title(title).xLabel("x1").yLabel("x2").size(560, 520)
                .addScatter("test data", column(data, 0), column(data, 1), DATA);
        if (points != null) {
            plot.addScatter(name, column(points, 0), column(points, 1), color);
        }
        return plot.render();
    }

    private static void plotSamples(RunContext ctx, String name, ToyData data, double[][] samples, double[][] gaussian,
            ToyEvaluation.Distances m, ToyEvaluation.Distances g) throws IOException {
        BufferedImage image = Panels.row(List.of(
                scatter(String.format(Locale.ROOT, "diffusion samples (SW %.3f)", m.slicedWasserstein()), data.test(), "samples", samples, MODEL),
                scatter(String.format(Locale.ROOT, "Gaussian fit (SW %.3f)", g.slicedWasserstein()), data.test(), "Gaussian samples", gaussian,
                        GAUSSIAN)));
        Path png = ctx.plot("samples-" + name + ".png");
        Png.write(image, png);
        ctx.addPlot(name + ": samples over the test points, the diffusion model's (left) and the Gaussian fit's (right)", png);
    }

    /** The learned score s(x, t) = -eps_theta(x, t) / sqrt(1 - alphaBar_t) on a grid, at each level t / T. */
    private static void plotScore(RunContext ctx, String name, Diffusion2dConfig c, NoiseModel model, NoiseSchedule schedule,
            ToyData data, DataType type, NDManager root) throws IOException {
        int n = c.grid();
        double[] gx = new double[n * n];
        double[] gy = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                gx[i * n + j] = -RANGE + 2 * RANGE * j / (n - 1);
                gy[i * n + j] = -RANGE + 2 * RANGE * i / (n - 1);
            }
        }
        double[] grid = new double[2 * n * n];
        for (int p = 0; p < n * n; p++) {
            grid[2 * p] = gx[p];
            grid[2 * p + 1] = gy[p];
        }
        List<BufferedImage> panels = new ArrayList<>();
        for (double level : c.scoreLevels()) {
            int t = Math.min(schedule.steps() - 1, (int) Math.round(level * schedule.steps()));
            double[] eps;
            try (NDScope scope = new NDScope(); NDManager m = root.newSubManager()) {
                int[] ts = new int[n * n];
                java.util.Arrays.fill(ts, t);
                NDArray x = m.create(grid, new Shape(n * n, 2)).toType(type, false);
                eps = model.predictNoise(x, GaussianDiffusion.timesteps(m, ts), false).toType(DataType.FLOAT64, false).toDoubleArray();
            }
            double scale = -1 / Math.sqrt(1 - schedule.alphaBar(t));
            double[] u = new double[n * n];
            double[] v = new double[n * n];
            for (int p = 0; p < n * n; p++) {
                u[p] = scale * eps[2 * p];
                v[p] = scale * eps[2 * p + 1];
            }
            panels.add(new QuiverPlot().title(String.format(Locale.ROOT, "t = %d (noise/signal %.2f)", t, schedule.noiseToSignal(t)))
                    .xRange(-RANGE, RANGE).yRange(-RANGE, RANGE).size(460, 500).clipQuantile(0.9).arrowLength(0.05)
                    .addPoints("test data", column(data.test(), 0), column(data.test(), 1), DATA).arrows(gx, gy, u, v).render());
        }
        Path png = ctx.plot("score-" + name + ".png");
        Png.write(Panels.row(panels), png);
        ctx.addPlot(name + ": the learned score -eps_theta(x, t) / sqrt(1 - alphaBar_t) (EMA weights) over the test points, at "
                + "several noise levels (arrow length relative within a panel, the longest 10% cut)", png);
    }

    private static void plotStrip(RunContext ctx, String name, ToyData data, Samples samples, String sampler) throws IOException {
        List<BufferedImage> panels = new ArrayList<>();
        for (Samples.Frame frame : stripFrames(samples.trajectory())) {
            String title = frame.timestep() < 0 ? "x_0 (samples)" : "x_t, t = " + frame.timestep();
            panels.add(new QuiverPlot().title(title).xRange(-3.5, 3.5).yRange(-3.5, 3.5).size(330, 360)
                    .addPoints("", column(data.test(), 0), column(data.test(), 1), DATA)
                    .addPoints("", column(samples.rows(frame.values()), 0), column(samples.rows(frame.values()), 1), MODEL).render());
        }
        Path png = ctx.plot("strip-" + name + ".png");
        Png.write(Panels.row(panels), png);
        ctx.addPlot(name + ": from noise to samples (" + sampler + "), the test points in grey", png);
    }

    /**
     * The frames of the strip: the start, the states nearest to 1/2, 1/4, 1/10 and 1/20 of the first timestep (where
     * the shape appears), and the end.
     */
    static List<Samples.Frame> stripFrames(List<Samples.Frame> trajectory) {
        if (trajectory.size() <= 2) {
            return trajectory;
        }
        int first = trajectory.get(0).timestep();
        List<Samples.Frame> picked = new ArrayList<>(List.of(trajectory.get(0)));
        for (double fraction : new double[] {0.5, 0.25, 0.1, 0.05}) {
            Samples.Frame best = null;
            for (Samples.Frame f : trajectory) {
                if (f.timestep() >= 0 && (best == null
                        || Math.abs(f.timestep() - fraction * first) < Math.abs(best.timestep() - fraction * first))) {
                    best = f;
                }
            }
            if (best != null && !picked.contains(best)) {
                picked.add(best);
            }
        }
        picked.add(trajectory.get(trajectory.size() - 1));
        return picked;
    }

    private static void plotBuckets(RunContext ctx, String name, double[] values, int buckets, int steps) throws IOException {
        String[] labels = new String[buckets];
        for (int k = 0; k < buckets; k++) {
            labels[k] = EpsilonLoss.bucketStart(k, buckets, steps) + "-" + (EpsilonLoss.bucketStart(k + 1, buckets, steps) - 1);
        }
        Path png = ctx.plot("buckets-" + name + ".png");
        new BarChart().categories(labels).addSeries("test eps_mse", values).title(name + ": held-out L_simple per timestep bucket")
                .xLabel("timesteps t").yLabel("mean (eps_theta - eps)^2").savePng(png);
        ctx.addPlot(name + ": held-out eps_mse per timestep bucket (EMA weights, t uniform within the bucket); the training values "
                + "per bucket are the eps_mse_t* columns of metrics-" + name + ".csv and the loss curves", png);
    }
}
