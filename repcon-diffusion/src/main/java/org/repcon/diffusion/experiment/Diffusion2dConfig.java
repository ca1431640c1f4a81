package org.repcon.diffusion.experiment;

import java.util.ArrayList;
import java.util.List;
import org.repcon.diffusion.model.MlpSettings;
import org.repcon.diffusion.process.ModelVariance;
import org.repcon.diffusion.sampling.SamplerKind;
import org.repcon.diffusion.schedule.ScheduleKind;
import org.repcon.diffusion.toy.ToyDistribution;
import org.repcon.experiment.StageSettings;
import org.repcon.experiment.TrainingSettings;
import org.repcon.spec.Spec;

/**
 * The {@code diffusion-2d} experiment's config. Keys and defaults:
 * <pre>
 * data:
 *   datasets: [moons, ring]   # one model per dataset (moons | ring)
 *   train: 8000               # points per split, each split drawn independently (seeded)
 *   validation: 2000          # chooses the MMD bandwidth (median heuristic)
 *   test: 2000                # the reported distances
 *   noise: 0.05
 * model:
 *   hidden: 128               # MLP noise model: width, residual blocks, time-embedding size, activation
 *   blocks: 3
 *   embedding: 32
 *   input_embedding: 32       # Fourier features of x: sinusoidal embedding size per coordinate (0: none) ...
 *   input_scale: 25           # ... of input_scale * x_j
 *   activation: gelu
 *   residual: true
 *   schedule: linear          # linear | cosine
 *   timesteps: 1000           # T
 *   variance: fixed_large     # fixed_large | fixed_small (sigma_t^2 of the reverse process)
 * loss:
 *   eps_mse: 1.0              # weight of L_simple
 *   timestep_buckets: 10      # eps_mse per timestep range, logged (weight 0)
 * training:
 *   batch_size: 256
 *   ema_decay: 0.995          # EMA of the weights, used for sampling and saved as model-DATASET.bin
 *   ema_warmup: true
 *   clip_grad_norm: 1.0       # 0: no clipping
 *   dtype, log_every, checkpoint_every, keep_checkpoints, stages: as every experiment
 * sampling:
 *   sampler: ddpm             # ddpm | ddim: the samples the metrics are reported for
 *   ddim_steps: 50            # S of the DDIM samples (reported too)
 *   samples: 2000             # as many as test points by default (the sliced Wasserstein distance uses the first
 *                             # min(samples, test) of each)
 * evaluation:
 *   projections: 500          # directions of the sliced Wasserstein distance
 *   score_levels: [0.01, 0.05, 0.2, 0.5]   # t / T of the score-field plots
 *   grid: 21                  # arrows per axis
 * quick: false                # a shorter run for smoke tests: a quarter of the steps (and 1,000 test points when
 *                             # data.test is not given)
 * </pre>
 */
public record Diffusion2dConfig(List<ToyDistribution> datasets, int train, int validation, int test, double noise, MlpSettings mlp,
        ScheduleKind schedule, int timesteps,
        ModelVariance variance, double epsWeight, int buckets, int batchSize, double emaDecay, boolean emaWarmup, double clipNorm,
        TrainingSettings training, SamplerKind sampler, int ddimSteps, int samples, int projections, List<Double> scoreLevels,
        int grid, boolean quick) {

    /** The samplers ({@code sampling.sampler}). */

    static Diffusion2dConfig read(Spec spec) {
        boolean quick = spec.getBoolean("quick", false);
        Spec d = spec.getChildOrEmpty("data");
        List<ToyDistribution> datasets = new ArrayList<>();
        for (String name : d.getStringList("datasets", List.of("moons", "ring"))) {
            try {
                ToyDistribution t = ToyDistribution.valueOf(name.trim().toUpperCase(java.util.Locale.ROOT));
                if (datasets.contains(t)) {
                    throw d.error("datasets", "'" + name + "' is listed twice");
                }
                datasets.add(t);
            } catch (IllegalArgumentException e) {
                throw d.error("datasets", "unknown dataset '" + name + "' (expected moons or ring)");
            }
        }
        if (datasets.isEmpty()) {
            throw d.error("datasets", "at least one dataset is required (moons, ring)");
        }
        int train = d.getInt("train", 8000, 16, 10_000_000);
        int validation = d.getInt("validation", 2000, 2, 100_000);
        int test = d.getInt("test", quick ? 1000 : 2000, 2, 100_000);
        double noise = d.getDouble("noise", 0.05, 0, 1);

        Spec m = spec.getChildOrEmpty("model");
        MlpSettings mlp = MlpSettings.read(m, 128, 32, 32, 25);
        ScheduleKind schedule = m.getEnum("schedule", ScheduleKind.class, ScheduleKind.LINEAR);
        int timesteps = m.getInt("timesteps", 1000, schedule == ScheduleKind.LINEAR ? 21 : 2, 100_000);
        ModelVariance variance = m.getEnum("variance", ModelVariance.class, ModelVariance.FIXED_LARGE);

        Spec l = spec.getChildOrEmpty("loss");
        double epsWeight = l.getPositiveDouble("eps_mse", 1.0);
        int buckets = l.getInt("timestep_buckets", 10, 0, timesteps);

        Spec t = spec.getChild("training");
        int batch = t.getInt("batch_size", 256, 1, 1 << 20);
        double emaDecay = t.getDouble("ema_decay", 0.995, 0, 0.999999);
        boolean emaWarmup = t.getBoolean("ema_warmup", true);
        double clip = t.getDouble("clip_grad_norm", 1.0, 0, 1e12);
        TrainingSettings training = TrainingSettings.read(t);
        if (quick) {
            training = new TrainingSettings(training.dtype(), training.logEvery(), training.checkpointEvery(), training.keepCheckpoints(),
                    training.stages().stream().map(s -> s.withSteps(Math.max(1, s.steps() / 4))).toList());
        }

        Spec s = spec.getChildOrEmpty("sampling");
        SamplerKind sampler = s.getEnum("sampler", SamplerKind.class, SamplerKind.DDPM);
        int ddimSteps = s.getInt("ddim_steps", 50, 1, timesteps);
        int samples = s.getInt("samples", test, 2, 1_000_000);

        Spec e = spec.getChildOrEmpty("evaluation");
        int projections = e.getInt("projections", 500, 1, 1_000_000);
        List<Double> levels = e.getDoubleList("score_levels", List.of(0.01, 0.05, 0.2, 0.5));
        for (double level : levels) {
            if (!(level >= 0 && level < 1)) {
                throw e.error("score_levels", "each level is t / T in [0, 1), got " + level);
            }
        }
        int grid = e.getInt("grid", 21, 2, 200);
        return new Diffusion2dConfig(List.copyOf(datasets), train, validation, test, noise, mlp, schedule, timesteps, variance, epsWeight, buckets, batch, emaDecay, emaWarmup, clip, training, sampler, ddimSteps,
                samples, projections, List.copyOf(levels), grid, quick);
    }
}
