package org.repcon.autoencoders;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Optional;
import org.repcon.nn.Parameters;
import org.repcon.objective.Objective;

/**
 * What the autoencoder family (AE, VAE, VQ-VAE) has in common. A model's arrays all live in one
 * {@link Parameters} (trainable arrays plus buffers such as batch-norm running statistics), so
 * {@link Parameters#write}/{@link Parameters#read} is its save format: reading into a freshly built model of the
 * same config restores it exactly.
 *
 * <p>Models never close arrays: whatever a forward pass creates belongs to the caller's step scope.
 *
 * <p>As in pythae, a model owns what only it knows: its own loss terms ({@link #addOwnTerms}: the VAE's KL, the
 * VQ-VAE's codebook and commitment terms), the representation invariance is asked of ({@link #representation})
 * and the images it can generate without an input ({@link #sample}). Callers ask the model instead of testing
 * its class.
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

    /**
     * Weights of the model's own terms, as the spec's {@code conditions} gives them: the VAE's KL weight and its
     * linear warm-up, the VQ-VAE's commitment beta. A model ignores the weights that are not its own.
     */
    record OwnTermWeights(double kl, long klWarmupSteps, double commitment) {}

    /**
     * Adds this model's own named, weighted loss terms to {@code objective} (after the reconstruction terms, before
     * the conditions). The plain AE has none.
     */
    default void addOwnTerms(Objective.Builder<AutoencoderOutput> objective, OwnTermWeights weights) {}

    /**
     * The deterministic representation in a training forward pass {@code o} of this model, the one invariance is
     * asked of: z here; the VAE's posterior mean; the VQ-VAE's continuous encoder output.
     */
    default NDArray representation(AutoencoderOutput o) {
        return o.z();
    }

    /** The same representation of images {@code x}, differentiable when {@code training}. */
    default NDArray representation(NDArray x, boolean training) {
        return encode(x, training);
    }

    /** Images a model generates without an input, with the caption of their plot. */
    record Samples(String caption, NDArray images) {}

    /**
     * {@code n} images generated from {@code new Random(seed)} in evaluation mode, in {@code manager} (the VAE:
     * decoded prior samples; the VQ-VAE: decoded random codes), or empty for a model without a generative side.
     */
    default Optional<Samples> sample(int n, long seed, NDManager manager) {
        return Optional.empty();
    }

    /**
     * What evaluation reads of a batch: the deterministic latent z (what {@link #decode} reconstructs from) and,
     * where the model has them, the VAE's posterior log-variance and the VQ-VAE's codes (int64); null otherwise.
     */
    record Encoded(NDArray z, NDArray logvar, NDArray codes) {}

    /** {@link Encoded} of images x in evaluation mode: here z = {@link #encode} and nothing else. */
    default Encoded encodeForEvaluation(NDArray x) {
        return new Encoded(encode(x, false), null, null);
    }

    /** The number of codes K of a quantised latent (the VQ-VAE), 0 for a continuous one. */
    default int codebookSize() {
        return 0;
    }
}
