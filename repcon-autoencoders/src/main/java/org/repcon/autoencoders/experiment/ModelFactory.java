package org.repcon.autoencoders.experiment;

import org.repcon.autoencoders.AeConfig;
import org.repcon.autoencoders.Autoencoder;
import org.repcon.autoencoders.AutoencoderModel;
import org.repcon.autoencoders.VariationalAutoencoder;
import org.repcon.autoencoders.VqVae;
import org.repcon.autoencoders.VqVaeConfig;
import org.repcon.constraints.projection.SimplexProjection;
import org.repcon.constraints.projection.UnitSphereProjection;
import org.repcon.nn.Parameters;
import org.repcon.nn.layers.Layer;

/** Builds the model an autoencoder config names. */
public final class ModelFactory {
    private ModelFactory() {}

    /** The architecture for images {@code channels x height x width}. */
    public static AeConfig architecture(AutoencoderConfig.ModelSettings m, int channels, int height, int width, long seed) {
        return new AeConfig(channels, height, width, m.latentSize(), m.channels(), m.normalization(),
                m.latentSpace(), seed);
    }

    /**
     * A freshly initialised model (seeded) whose arrays live in {@code parameters}. {@link AutoencoderConfig#read}
     * has rejected a projection on a VAE or VQ-VAE.
     */
    public static AutoencoderModel build(AutoencoderConfig.ModelSettings m, int channels, int height, int width, long seed,
            Parameters parameters) {
        if (m.type() != AutoencoderConfig.ModelType.AE && m.projection() != AutoencoderConfig.Projection.NONE) {
            throw new IllegalArgumentException(AutoencoderConfig.projectionConflict(m.type(), m.projection()));
        }
        AeConfig architecture = architecture(m, channels, height, width, seed);
        return switch (m.type()) {
            case AE -> Autoencoder.builder().setConfig(architecture).optLatentProjection(projection(m.projection())).build(parameters);
            case VAE -> VariationalAutoencoder.builder().setConfig(architecture).build(parameters);
            case VQVAE -> VqVae.builder().setConfig(new VqVaeConfig(architecture, m.codebookSize())).build(parameters);
        };
    }

    /** The hard-constraint layer for {@code model.projection}, or null. */
    static Layer projection(AutoencoderConfig.Projection p) {
        return switch (p) {
            case NONE -> null;
            case UNIT_SPHERE -> new UnitSphereProjection();
            case SIMPLEX_SOFTMAX -> SimplexProjection.softmax();
            case SIMPLEX_EUCLIDEAN -> SimplexProjection.euclidean();
        };
    }
}
