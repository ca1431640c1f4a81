package org.repcon.diffusion;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.repcon.diffusion.likelihood.VariationalBound;
import org.repcon.diffusion.process.EpsilonLoss;
import org.repcon.diffusion.process.GaussianDiffusion;
import org.repcon.diffusion.process.ModelVariance;
import org.repcon.diffusion.process.NoiseDraws;
import org.repcon.diffusion.sampling.Denoiser;
import org.repcon.diffusion.sampling.SamplerKind;
import org.repcon.diffusion.sampling.Samples;
import org.repcon.training.progress.TaskProgress;

/**
 * A trained noise model with its process: what the {@code diffusion} experiments evaluate and what
 * {@link TrainedDiffusion} offers, so that a loaded model gives the run's numbers. All values are in the model's data
 * space (images in [-1, 1]), row-major {@code [N, ...shape]}; work is split into chunks of at most {@link #chunk}
 * samples, each seeded by {@code NoiseDraws.mix(seed, chunkIndex)}, so results do not depend on how many are asked
 * for at once beyond that.
 *
 * @param model eps_theta (the EMA weights)
 * @param diffusion the noise schedule and process
 * @param variance sigma_t^2 of the reverse process (DDPM sampling, the bound)
 * @param shape one sample's shape, e.g. {@code [1, 28, 28]} or {@code [2]}
 * @param clip x0_hat clipped to [-clip, clip] while sampling and de-noising (1 for images; 0: none)
 * @param type the model's data type
 * @param chunk samples per model evaluation batch
 */
public record DiffusionModel(NoiseModel model, GaussianDiffusion diffusion, ModelVariance variance, Shape shape, double clip,
        DataType type, int chunk) {

    public DiffusionModel {
        if (chunk < 1) {
            throw new IllegalArgumentException("chunk must be positive, got " + chunk);
        }
    }

    /** Values per sample. */
    public int size() {
        return Math.toIntExact(shape.size());
    }

    private Shape batchShape(int n) {
        long[] dims = new long[shape.dimension() + 1];
        dims[0] = n;
        System.arraycopy(shape.getShape(), 0, dims, 1, shape.dimension());
        return new Shape(dims);
    }

    /**
     * {@code n} samples from noise.
     *
     * @param steps S of DDIM (ignored by DDPM)
     * @param recordEvery states recorded every this many steps in the first chunk's trajectory (0: none)
     * @return the samples, row-major [n, ...]; the trajectory of the first chunk only
     */
    public Samples sample(NDManager manager, int n, SamplerKind kind, int steps, long seed, int recordEvery) {
        return sample(manager, n, kind, steps, seed, recordEvery, TaskProgress.NONE);
    }

    /** The model evaluations (of one sample each) that {@link #sample} of {@code n} samples takes. */
    public long sampleCost(int n, SamplerKind kind, int steps) {
        var sampler = kind.build(diffusion, variance, steps, clip, type);
        return (long) n * sampler.stepsFrom(sampler.lastTimestep());
    }

    /** {@link #sample}, advancing {@code progress} by the samples of each step ({@link #sampleCost} in all). */
    public Samples sample(NDManager manager, int n, SamplerKind kind, int steps, long seed, int recordEvery, TaskProgress progress) {
        requirePositive(n, "sample count");
        var sampler = kind.build(diffusion, variance, steps, clip, type);
        double[] out = new double[n * size()];
        List<Samples.Frame> trajectory = new ArrayList<>();
        for (int from = 0, k = 0; from < n; from += chunk, k++) {
            int m = Math.min(chunk, n - from);
            Samples s = sampler.sample(model, manager, batchShape(m), NoiseDraws.mix(seed, k), k == 0 ? recordEvery : 0, progress);
            System.arraycopy(s.values(), 0, out, from * size(), s.values().length);
            if (k == 0) {
                trajectory.addAll(s.trajectory());
            }
        }
        return new Samples(batchShape(n), out, trajectory);
    }

    /**
     * Noisy copies y = x_0 + sigma n of {@code clean} (n ~ N(0, I) drawn from {@code seed}) and their de-noised
     * versions ({@link Denoiser}: the reverse process from the t whose noise-to-signal ratio is closest to sigma),
     * clipped to [-clip, clip] if clip > 0.
     */
    public Denoised denoise(NDManager manager, double[] clean, double sigma, SamplerKind kind, int steps, long seed) {
        return denoise(manager, clean, sigma, kind, steps, seed, TaskProgress.NONE);
    }

    /** The model evaluations (of one image each) that {@link #denoise} of {@code n} images at {@code sigma} takes. */
    public long denoiseCost(int n, double sigma, SamplerKind kind, int steps) {
        return (long) n * new Denoiser(diffusion.schedule(), kind.build(diffusion, variance, steps, clip, type)).stepsFor(sigma);
    }

    /** {@link #denoise}, advancing {@code progress} by the images of each step ({@link #denoiseCost} in all). */
    public Denoised denoise(NDManager manager, double[] clean, double sigma, SamplerKind kind, int steps, long seed, TaskProgress progress) {
        int n = count(clean);
        if (!(sigma > 0) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException("sigma must be positive and finite, got " + sigma);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        double[] noise = NoiseDraws.gaussians(rng, clean.length);
        double[] noisy = new double[clean.length];
        for (int i = 0; i < noisy.length; i++) {
            noisy[i] = clean[i] + sigma * noise[i];
        }
        Denoiser denoiser = new Denoiser(diffusion.schedule(), kind.build(diffusion, variance, steps, clip, type));
        double[] out = new double[clean.length];
        for (int from = 0, k = 0; from < n; from += chunk, k++) {
            int m = Math.min(chunk, n - from);
            double[] part = Arrays.copyOfRange(noisy, from * size(), (from + m) * size());
            Samples s = denoiser.denoise(model, manager, part, batchShape(m), sigma, NoiseDraws.mix(seed, k + 1), 0, progress);
            System.arraycopy(s.values(), 0, out, from * size(), s.values().length);
        }
        if (clip > 0) {
            for (int i = 0; i < out.length; i++) {
                out[i] = Math.max(-clip, Math.min(clip, out[i]));
            }
        }
        return new Denoised(sigma, denoiser.timestepFor(sigma), noisy, out);
    }

    /**
     * {@link #denoise} at each of {@code sigmas}, the i-th seeded by {@code NoiseDraws.mix(seed, i)} (so one sigma's
     * result does not depend on the others).
     */
    public List<Denoised> denoise(NDManager manager, double[] clean, List<Double> sigmas, SamplerKind kind, int steps, long seed) {
        return denoise(manager, clean, sigmas, kind, steps, seed, TaskProgress.NONE);
    }

    /** The model evaluations (of one image each) that {@link #denoise} of {@code n} images at {@code sigmas} takes. */
    public long denoiseCost(int n, List<Double> sigmas, SamplerKind kind, int steps) {
        long cost = 0;
        for (double sigma : sigmas) {
            cost += denoiseCost(n, sigma, kind, steps);
        }
        return cost;
    }

    /** {@link #denoise} at each sigma, advancing {@code progress} by the images of each step. */
    public List<Denoised> denoise(NDManager manager, double[] clean, List<Double> sigmas, SamplerKind kind, int steps, long seed,
            TaskProgress progress) {
        List<Denoised> out = new ArrayList<>();
        for (int i = 0; i < sigmas.size(); i++) {
            out.add(denoise(manager, clean, sigmas.get(i), kind, steps, NoiseDraws.mix(seed, i), progress));
        }
        return out;
    }

    /**
     * The result of {@link #denoise}.
     *
     * @param timestep the t the reverse process started from
     * @param noisy y = x_0 + sigma n (not clipped)
     * @param denoised the reverse process's x_0
     */
    public record Denoised(double sigma, int timestep, double[] noisy, double[] denoised) {}

    /**
     * The variational bound in bits per dimension of each of {@code x0} (values on the 8-bit grid of [-1, 1]), all T
     * terms ({@link VariationalBound}); [n].
     */
    public double[] bitsPerDim(NDManager manager, double[] x0, long seed) {
        return bitsPerDim(manager, x0, seed, TaskProgress.NONE);
    }

    /** {@link #bitsPerDim}, advancing {@code progress} by the images of each timestep (N T in all). */
    public double[] bitsPerDim(NDManager manager, double[] x0, long seed, TaskProgress progress) {
        int n = count(x0);
        VariationalBound bound = VariationalBound.builder().setDiffusion(diffusion).optVariance(variance).optDataType(type).build();
        double[] out = new double[n];
        for (int from = 0, k = 0; from < n; from += chunk, k++) {
            int m = Math.min(chunk, n - from);
            double[] part = Arrays.copyOfRange(x0, from * size(), (from + m) * size());
            System.arraycopy(bound.evaluate(model, manager, part, batchShape(m), NoiseDraws.mix(seed, k), progress).bitsPerDim(), 0, out, from, m);
        }
        return out;
    }

    /**
     * L_simple on {@code x0} per timestep bucket: mean (eps_theta(x_t, t) - eps)^2 with t uniform within the bucket
     * ({@link EpsilonLoss#bucketStart}) and eps ~ N(0, I), both drawn from {@code seed}; [buckets].
     */
    public double[] epsMsePerBucket(NDManager manager, double[] x0, int buckets, long seed) {
        int n = count(x0);
        int steps = diffusion.steps();
        double[] sums = new double[buckets];
        SplittableRandom rng = new SplittableRandom(seed);
        for (int k = 0; k < buckets; k++) {
            int lo = EpsilonLoss.bucketStart(k, buckets, steps);
            int hi = EpsilonLoss.bucketStart(k + 1, buckets, steps);
            for (int from = 0; from < n; from += chunk) {
                int m = Math.min(chunk, n - from);
                int[] t = new int[m];
                for (int i = 0; i < m; i++) {
                    t[i] = lo + rng.nextInt(Math.max(1, hi - lo));
                }
                double[] eps = NoiseDraws.gaussians(rng, m * size());
                try (NDScope scope = new NDScope(); NDManager sub = manager.newSubManager()) {
                    NDArray x = sub.create(Arrays.copyOfRange(x0, from * size(), (from + m) * size()), batchShape(m)).toType(type, false);
                    NDArray noise = sub.create(eps, batchShape(m)).toType(type, false);
                    NDArray predicted = model.predictNoise(diffusion.qSample(x, t, noise), GaussianDiffusion.timesteps(sub, t), false);
                    sums[k] += predicted.sub(noise).square().sum().toType(DataType.FLOAT64, false).getDouble();
                }
            }
            sums[k] /= (double) n * size();
        }
        return sums;
    }

    private int count(double[] values) {
        if (values.length == 0 || values.length % size() != 0) {
            throw new IllegalArgumentException("expected a positive multiple of " + size() + " values (samples of shape " + shape
                    + "), got " + values.length);
        }
        return values.length / size();
    }

    private static void requirePositive(int n, String what) {
        if (n < 1) {
            throw new IllegalArgumentException(what + " must be positive, got " + n);
        }
    }
}
