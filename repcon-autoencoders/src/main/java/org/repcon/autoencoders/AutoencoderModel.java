package org.repcon.autoencoders;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import org.repcon.nn.Parameters;

/**
 * What the autoencoder family (AE, VAE, VQ-VAE) has in common. A model's arrays all live in one
 * {@link Parameters} (trainable arrays plus buffers such as batch-norm running statistics), so
 * {@link Parameters#write}/{@link Parameters#read} is its save format: reading into a freshly built model of the
 * same config restores it exactly.
 *
 * <p>Models never close arrays: whatever a forward pass creates belongs to the caller's step scope.
 */
public interface AutoencoderModel {
    /**
     * One forward pass.
     *
     * @param input images the encoder sees, {@code [B, C, H, W]} (possibly augmented)
     * @param target what the reconstruction is compared with (the clean images); null means {@code input}
     * @param training true in a training step (batch statistics, running-statistics updates, VAE sampling)
     */
    AutoencoderOutput forward(NDArray input, NDArray target, boolean training);

    /**
     * One forward pass at global step {@code step}: models that draw noise (the VAE) draw it from their seed and
     * this step, so a resumed run draws the same noise. Others ignore the step.
     */
    default AutoencoderOutput forward(NDArray input, NDArray target, boolean training, long step) {
        return forward(input, target, training);
    }

    /** The deterministic representation z of images x (what the decoder sees, without sampling noise). */
    NDArray encode(NDArray x, boolean training);

    /** Images in [0, 1], {@code [B, C, H, W]}, decoded from z. */
    NDArray decode(NDArray z, boolean training);

    /** Shape of z for a batch of {@code batch}. */
    Shape latentShape(long batch);

    /** The arrays of this model (shared with whatever else was built into the same {@link Parameters}). */
    Parameters parameters();
}
