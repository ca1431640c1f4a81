package org.repcon.tracking.model;

import ai.djl.ndarray.NDArray;

/**
 * One training step's arrays.
 *
 * @param image the batch I, [B, 1, H, W]
 * @param encoding what the encoder produced: z = E(I) [B, K, 5] and what the slots were read from
 * @param transformedSlots T_tr(z | xi), [B, K, 5]
 * @param reconstruction D(T_tr(z | xi)), [B, 1, H, W]
 * @param target T_im(I | xi), [B, 1, H, W]
 * @param slotsOfTarget E(T_im(I | xi)), or null when the latent equivariance term is off
 * @param warpedDecoded T_im(D(z) | xi), or null when the decoder equivariance term is off
 */
public record TrackerOutput(NDArray image, SlotEncoding encoding, NDArray transformedSlots, NDArray reconstruction,
        NDArray target, NDArray slotsOfTarget, NDArray warpedDecoded) {
    /** z = E(I), [B, K, 5]. */
    public NDArray slots() {
        return encoding.slots();
    }
}
