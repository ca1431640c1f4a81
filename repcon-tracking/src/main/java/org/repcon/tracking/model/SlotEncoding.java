package org.repcon.tracking.model;

import ai.djl.ndarray.NDArray;

/**
 * What the tracker's encoder produced for a batch.
 *
 * @param slots z = E(I), [B, K, 5] ({@link Slots})
 * @param residuals the image each slot was read from, [B, K, H, W]: I with the lines of the slots before it erased
 *     (slot 0 sees I), for the sequential encoder; null otherwise
 * @param proposals the proposal encoder's lines [B, G, 4] (u, v, px, py), one per grid cell; null otherwise
 */
public record SlotEncoding(NDArray slots, NDArray residuals, NDArray proposals) {}
