package org.repcon.diffusion.sampling;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.repcon.diffusion.NoiseModel;
import org.repcon.diffusion.process.GaussianDiffusion;
import org.repcon.training.progress.TaskProgress;

/** The loop the samplers share: one scope per step, the state carried as a Java array, frames recorded on request. */
final class ReverseStep {
    private ReverseStep() {}

    /** One update x_t -> x_{next}, given the model's noise prediction, in the step's scope. */
    interface Update {
        NDArray apply(NDArray x, NDArray epsHat, int t, int next);
    }

    /**
     * Runs the updates along {@code timesteps} (descending; x_t goes to x_{timesteps[i+1]}, the last to x_0, written as
     * next = -1).
     */
    static Samples loop(NoiseModel model, NDManager manager, double[] start, Shape shape, int[] timesteps, DataType type,
            int recordEvery, TaskProgress progress, Update update) {
        if (start.length != shape.size()) {
            throw new IllegalArgumentException(start.length + " values for samples of shape " + shape);
        }
        int n = Math.toIntExact(shape.get(0));
        double[] x = start.clone();
        List<Samples.Frame> frames = new ArrayList<>();
        if (recordEvery > 0) {
            frames.add(new Samples.Frame(timesteps.length == 0 ? -1 : timesteps[0], x.clone()));
        }
        for (int i = 0; i < timesteps.length; i++) {
            int t = timesteps[i];
            int next = i + 1 < timesteps.length ? timesteps[i + 1] : -1;
            try (NDScope scope = new NDScope(); NDManager step = manager.newSubManager()) {
                NDArray xt = step.create(x, shape).toType(type, false);
                int[] ts = new int[n];
                Arrays.fill(ts, t);
                NDArray eps = model.predictNoise(xt, GaussianDiffusion.timesteps(step, ts), false);
                x = update.apply(xt, eps, t, next).toType(DataType.FLOAT64, false).toDoubleArray();
            }
            progress.advance(n);
            if (recordEvery > 0 && (next == -1 || (i + 1) % recordEvery == 0)) {
                frames.add(new Samples.Frame(next, x.clone()));
            }
        }
        return new Samples(shape, x, List.copyOf(frames));
    }

    /** {@code t} repeated for every sample of {@code x}. */
    static int[] same(NDArray x, int t) {
        int[] ts = new int[Math.toIntExact(x.getShape().get(0))];
        Arrays.fill(ts, t);
        return ts;
    }
}
