package org.repcon.diffusion.sampling;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.repcon.diffusion.NoiseModel;
import org.repcon.training.progress.TaskProgress;

/**
 * A reverse process that turns noise into samples with a trained {@link NoiseModel}. Seeded: the same seed gives the
 * same samples. Every step runs in its own scope; the state between steps is a plain array, so memory stays flat
 * however many steps are run.
 */
public interface Sampler {
    /**
     * Samples from x_{T-1} ~ N(0, I).
     *
     * @param manager where the arrays of each step are created (and freed after it)
     * @param shape [N, ...] of the samples
     * @param recordEvery record every this many steps in {@link Samples#trajectory()} (and the start and end); 0: none
     */
    default Samples sample(NoiseModel model, NDManager manager, Shape shape, long seed, int recordEvery) {
        return sample(model, manager, shape, seed, recordEvery, TaskProgress.NONE);
    }

    /** {@link #sample}, advancing {@code progress} by N after each step (model evaluation of the N samples). */
    default Samples sample(NoiseModel model, NDManager manager, Shape shape, long seed, int recordEvery, TaskProgress progress) {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(seed);
        double[] start = org.repcon.diffusion.process.NoiseDraws.gaussians(rng, Math.toIntExact(shape.size()));
        return run(model, manager, start, shape, lastTimestep(), rng.split(), recordEvery, progress);
    }

    /**
     * Runs the reverse process from the state {@code xt} at timestep {@code t} down to x_0.
     *
     * @param xt the state at t, row-major [N, ...]
     * @param rng the source of the process's noise (a deterministic sampler draws none)
     */
    default Samples run(NoiseModel model, NDManager manager, double[] xt, Shape shape, int t, java.util.SplittableRandom rng, int recordEvery) {
        return run(model, manager, xt, shape, t, rng, recordEvery, TaskProgress.NONE);
    }

    /** {@link #run}, advancing {@code progress} by N after each step. */
    Samples run(NoiseModel model, NDManager manager, double[] xt, Shape shape, int t, java.util.SplittableRandom rng, int recordEvery,
            TaskProgress progress);

    /** The model evaluations (steps) of running the process from timestep {@code t} to x_0. */
    int stepsFrom(int t);

    /** The timestep the process starts from when sampling from pure noise (T - 1). */
    int lastTimestep();
}
