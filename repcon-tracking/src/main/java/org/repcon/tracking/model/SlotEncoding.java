package org.repcon.tracking.model;

import ai.djl.ndarray.NDArray;

/**
 * What the tracker's encoder produced for a batch.
 *
 * @param slots z = E(I), [B, K, 5] ({@link Slots})
 * @param proposals the encoder's lines [B, G, 4] (u, v, px, py), one per grid cell, that the slots were chosen from
 */
public record SlotEncoding(NDArray slots, NDArray proposals) {}
