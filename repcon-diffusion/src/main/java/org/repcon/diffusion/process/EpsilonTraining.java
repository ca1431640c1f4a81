package org.repcon.diffusion.process;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import org.repcon.diffusion.NoiseModel;
import org.repcon.nn.Scalars;

/**
 * One forward pass of DDPM training (Ho et al. 2020, algorithm 1): for a batch x_0 [N, ...], draw t ~ U{0..T-1} and
 * eps ~ N(0, I) per sample ({@link NoiseDraws}, seeded by the run's seed and the step), form
 * x_t = sqrt(alphaBar_t) x_0 + sqrt(1 - alphaBar_t) eps and predict eps_theta(x_t, t). The loss terms
 * ({@link EpsilonLoss}) read the returned {@link DiffusionOutput}.
 */
public final class EpsilonTraining {
    private final GaussianDiffusion diffusion;
    private final NoiseModel model;
    private final long seed;

    /** @param seed the run's seed: the draws of step s depend on (seed, s) only */
    public EpsilonTraining(GaussianDiffusion diffusion, NoiseModel model, long seed) {
        this.diffusion = diffusion;
        this.model = model;
        this.seed = seed;
    }

    /** The training output for batch {@code x0} (in the step's manager) at step {@code step}. */
    public DiffusionOutput forward(NDArray x0, long step) {
        Shape shape = x0.getShape();
        int n = Math.toIntExact(shape.get(0));
        int per = Math.toIntExact(shape.size() / Math.max(1, n));
        NoiseDraws draws = NoiseDraws.of(seed, step, n, per, diffusion.steps());
        NDArray eps = Scalars.owned(x0.getManager().create(draws.noise(), shape), x0.getDataType());
        NDArray xt = diffusion.qSample(x0, draws.timesteps(), eps);
        NDArray predicted = model.predictNoise(xt, GaussianDiffusion.timesteps(x0.getManager(), draws.timesteps()), true);
        return new DiffusionOutput(predicted, eps, draws.timesteps(), diffusion.steps());
    }
}
