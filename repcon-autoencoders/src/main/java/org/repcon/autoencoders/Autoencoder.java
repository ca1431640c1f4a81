package org.repcon.autoencoders;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.Map;
import org.repcon.nn.Parameters;
import org.repcon.nn.conv.ConvDecoder;
import org.repcon.nn.conv.ConvEncoder;
import org.repcon.nn.layers.Layer;

/**
 * Deterministic autoencoder (AE): {@code z = P(E(x))}, {@code x_hat = D(z)}, with E, D the encoder and decoder
 * ({@link ConvEncoder}/{@link ConvDecoder} from an {@link AeConfig} unless injected) and P an optional latent
 * projection (identity by default): a hard constraint such as projection onto the unit sphere, applied by
 * {@link #forward} and {@link #encode} alike. The output has no extras.
 *
 * <pre>{@code
 * Autoencoder ae = Autoencoder.builder().setConfig(AeConfig.of(1, 28, 28, 32).withSeed(1))
 *         .optLatentProjection(new UnitSphereProjection()).build(parameters);
 * AutoencoderOutput out = ae.forward(images, images, true);   // out.z() [B, 32], out.reconstruction() [B, 1, 28, 28]
 * }</pre>
 */
public final class Autoencoder implements AutoencoderModel {
    private final AeConfig config;
    private final Parameters parameters;
    private final Layer encoder;
    private final Layer decoder;
    private final Layer projection;

    private Autoencoder(AeConfig config, Parameters parameters, Layer encoder, Layer decoder, Layer projection) {
        this.config = config;
        this.parameters = parameters;
        this.encoder = encoder;
        this.decoder = decoder;
        this.projection = projection;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public AutoencoderOutput forward(NDArray input, NDArray target, boolean training) {
        NDArray z = encode(input, training);
        return new AutoencoderOutput(input, target == null ? input : target, z, decoder.forward(z, training), Map.of());
    }

    @Override
    public NDArray encode(NDArray x, boolean training) {
        NDArray z = encoder.forward(x, training);
        return projection == null ? z : projection.forward(z, training);
    }

    @Override
    public NDArray decode(NDArray z, boolean training) {
        return decoder.forward(z, training);
    }

    @Override
    public Shape latentShape(long batch) {
        return config.latentShape(batch);
    }

    @Override
    public Parameters parameters() {
        return parameters;
    }

    public AeConfig config() {
        return config;
    }

    /**
     * Builder: {@code setConfig} required; {@code opt*} optional ({@link ModelBuilder}); the encoder maps images to
     * z of {@link AeConfig#latentShape}.
     */
    public static final class Builder extends ModelBuilder<AeConfig, Builder> {
        private Layer projection;

        @Override
        protected Builder self() {
            return this;
        }

        /** A map applied to z before decoding (and by {@link #encode}), e.g. a unit-sphere projection. */
        public Builder optLatentProjection(Layer projection) {
            this.projection = projection;
            return this;
        }

        public Autoencoder build(Parameters parameters) {
            AeConfig c = requireConfig();
            return new Autoencoder(c, parameters, encoderOr(c, 1, parameters), decoderOr(c, parameters), projection);
        }
    }
}
