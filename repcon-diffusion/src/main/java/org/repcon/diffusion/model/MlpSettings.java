package org.repcon.diffusion.model;

import org.repcon.nn.Activation;
import org.repcon.spec.Spec;

/**
 * The {@code model:} keys of an {@link MlpNoiseModel}, read the same way by every experiment that uses one (the 2-D toy,
 * latent diffusion); only the defaults differ:
 * <pre>
 * hidden: 128            # units per layer
 * blocks: 3              # hidden blocks
 * embedding: 32          # sinusoidal timestep embedding size (even)
 * input_embedding: 32    # Fourier features of x (0: none; else even and >= 4)
 * input_scale: 25        # their frequency scale
 * activation: gelu
 * residual: true
 * </pre>
 */
public record MlpSettings(int hidden, int blocks, int embedding, int inputEmbedding, double inputScale, Activation activation,
        boolean residual) {

    /** Reads the keys from {@code m}; the arguments are the experiment's defaults. */
    public static MlpSettings read(Spec m, int hidden, int embedding, int inputEmbedding, double inputScale) {
        int h = m.getInt("hidden", hidden, 1, 1 << 16);
        int blocks = m.getInt("blocks", 3, 0, 100);
        int e = m.getInt("embedding", embedding, 4, 4096);
        if (e % 2 != 0) {
            throw m.error("embedding", "must be even, got " + e);
        }
        int input = m.getInt("input_embedding", inputEmbedding, 0, 4096);
        if (input != 0 && (input < 4 || input % 2 != 0)) {
            throw m.error("input_embedding", "must be 0 (none) or even and >= 4, got " + input);
        }
        double scale = m.getPositiveDouble("input_scale", inputScale);
        Activation activation = m.getEnum("activation", Activation.class, Activation.GELU);
        return new MlpSettings(h, blocks, e, input, scale, activation, m.getBoolean("residual", true));
    }

    /** A builder of this architecture over {@code dimensions} inputs, seeded. */
    public MlpNoiseModel.Builder builder(int dimensions, long seed) {
        return MlpNoiseModel.builder().setDimensions(dimensions).optHidden(hidden).optBlocks(blocks).optEmbedding(embedding)
                .optInputEmbedding(inputEmbedding, inputScale).optActivation(activation).optResidual(residual).optSeed(seed);
    }
}
