package org.repcon.diffusion;

import ai.djl.ndarray.NDArray;

/**
 * The network of a diffusion model: predicts the noise epsilon that was added to a sample at timestep t
 * (Ho et al. 2020, epsilon parameterisation). The learned score is {@code -eps / sqrt(1 - alphaBar_t)}.
 *
 * <p>Implementations: an MLP for vectors (2-D toy data, autoencoder latents) and a U-Net for images. They never
 * close arrays: everything a forward pass creates belongs to the caller's step scope.
 */
@FunctionalInterface
public interface NoiseModel {
    /**
     * @param xt noisy samples, [N, D] (vectors) or [N, C, H, W] (images)
     * @param t timesteps in [0, T), [N] (int or float; the model embeds them)
     * @param training true inside a training step
     * @return predicted noise, the shape of {@code xt}
     */
    NDArray predictNoise(NDArray xt, NDArray t, boolean training);
}
