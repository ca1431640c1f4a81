package org.repcon.tracking.model;

import ai.djl.ndarray.NDArray;

/**
 * One training step's arrays.
 *
 * @param slots z = E(I), [B, K, 5]
 * @param transformedSlots T_tr(z | xi), [B, K, 5]
 * @param reconstruction D(T_tr(z | xi)), [B, 1, H, W]
 * @param target T_im(I | xi), [B, 1, H, W]
 * @param slotsOfTarget E(T_im(I | xi)), or null when the latent equivariance term is off
 * @param warpedDecoded T_im(D(z) | xi), or null when the decoder equivariance term is off
 */
public record TrackerOutput(NDArray slots, NDArray transformedSlots, NDArray reconstruction, NDArray target,
        NDArray slotsOfTarget, NDArray warpedDecoded) {}
