package org.repcon.diffusion.process;

import ai.djl.ndarray.NDArray;

/**
 * The named output of a diffusion training step (the input of its loss terms).
 *
 * @param predicted the noise model's prediction eps_theta(x_t, t), [N, ...]
 * @param noise the noise eps that made x_t from x_0, [N, ...]
 * @param timesteps the timestep of each sample, 0-based in [0, T)
 * @param steps T, the number of timesteps of the schedule
 */
public record DiffusionOutput(NDArray predicted, NDArray noise, int[] timesteps, int steps) {}
