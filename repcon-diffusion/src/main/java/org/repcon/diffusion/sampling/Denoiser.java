package org.repcon.diffusion.sampling;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import org.repcon.diffusion.NoiseModel;
import org.repcon.diffusion.schedule.NoiseSchedule;
import org.repcon.training.progress.TaskProgress;

/**
 * De-noising with a diffusion model (the lecture's "trained to de-noise samples"): data y = x_0 + sigma n, n ~ N(0, I),
 * scaled by sqrt(alphaBar_t), is distributed as x_t = sqrt(alphaBar_t) x_0 + sqrt(1 - alphaBar_t) n when
 * sqrt((1 - alphaBar_t) / alphaBar_t) = sigma. So: choose t with that ratio closest to sigma
 * ({@link NoiseSchedule#timestepForNoise}), set x_t = sqrt(alphaBar_t) y, and run the reverse process from t to 0.
 * Scale convention: sigma is in the units of the data (data in [-1, 1] for images).
 */
public final class Denoiser {
    private final NoiseSchedule schedule;
    private final Sampler sampler;

    /** @param sampler the reverse process (ancestral DDPM, or DDIM for a deterministic result) */
    public Denoiser(NoiseSchedule schedule, Sampler sampler) {
        this.schedule = schedule;
        this.sampler = sampler;
    }

    /** The timestep from which data with noise sigma is de-noised. */
    public int timestepFor(double sigma) {
        return schedule.timestepForNoise(sigma);
    }

    /**
     * The de-noised samples.
     *
     * @param noisy y = x_0 + sigma n, row-major [N, ...]
     * @param seed seeds the reverse process's own noise (DDPM)
     */
    public Samples denoise(NoiseModel model, NDManager manager, double[] noisy, Shape shape, double sigma, long seed, int recordEvery) {
        return denoise(model, manager, noisy, shape, sigma, seed, recordEvery, TaskProgress.NONE);
    }

    /** The model evaluations of de-noising one image at noise {@code sigma}. */
    public int stepsFor(double sigma) {
        return sampler.stepsFrom(timestepFor(sigma));
    }

    /** {@link #denoise}, advancing {@code progress} by N after each step. */
    public Samples denoise(NoiseModel model, NDManager manager, double[] noisy, Shape shape, double sigma, long seed, int recordEvery,
            TaskProgress progress) {
        int t = timestepFor(sigma);
        double scale = Math.sqrt(schedule.alphaBar(t));
        double[] xt = new double[noisy.length];
        for (int i = 0; i < xt.length; i++) {
            xt[i] = scale * noisy[i];
        }
        return sampler.run(model, manager, xt, shape, t, new SplittableRandom(seed), recordEvery, progress);
    }
}
