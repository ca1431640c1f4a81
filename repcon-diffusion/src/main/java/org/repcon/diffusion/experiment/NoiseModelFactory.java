package org.repcon.diffusion.experiment;

import org.repcon.diffusion.NoiseModel;
import org.repcon.diffusion.process.GaussianDiffusion;
import org.repcon.experiment.TrainedRun;
import org.repcon.diffusion.model.MlpNoiseModel;
import org.repcon.nn.Parameters;

/**
 * The one place where a spec's {@code model:} section becomes a {@link NoiseModel}: the experiments build their models
 * here and {@link org.repcon.diffusion.TrainedDiffusion} rebuilds them here before loading the saved weights, so the
 * two cannot disagree on the architecture or the parameter names.
 */
public final class NoiseModelFactory {
    private NoiseModelFactory() {}

    /** The {@code diffusion} experiment's forward process (schedule and T of the {@code model} section). */
    public static GaussianDiffusion process(DiffusionConfig c) {
        return new GaussianDiffusion(c.schedule().schedule(c.timesteps()));
    }

    /** The {@code diffusion-2d} experiment's forward process. */
    public static GaussianDiffusion process(Diffusion2dConfig c) {
        return new GaussianDiffusion(c.schedule().schedule(c.timesteps()));
    }

    /** Loads {@code diffusion} runs: the U-Net with the EMA weights of {@code model.bin}. */
    public static final TrainedRun.Family<DiffusionConfig, NoiseModel> PIXEL = new TrainedRun.Family<>("diffusion",
            "a pixel-space diffusion model", DiffusionConfig::read, c -> c.training().dtype(), NoiseModelFactory::pixel);

    /** Loads {@code diffusion-2d} runs: one MLP per dataset, {@code model-<dataset>.bin}. */
    public static final TrainedRun.Family<Diffusion2dConfig, NoiseModel> TOY = new TrainedRun.Family<>("diffusion-2d",
            "a 2-D diffusion model", Diffusion2dConfig::read, c -> c.training().dtype(), NoiseModelFactory::toy);

    /** The {@code diffusion} experiment's U-Net for images of {@code channels} channels. */
    public static NoiseModel pixel(DiffusionConfig c, long seed, Parameters parameters) {
        return c.unet().build(c.channels(), seed, parameters);
    }

    /** The {@code diffusion-2d} experiment's MLP for one dataset ({@code seed} = the run's seed + the dataset's index). */
    public static MlpNoiseModel toy(Diffusion2dConfig c, long seed, Parameters parameters) {
        return c.mlp().builder(2, seed).build(parameters);
    }
}
