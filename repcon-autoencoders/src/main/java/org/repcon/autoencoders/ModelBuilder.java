package org.repcon.autoencoders;

import org.repcon.nn.Parameters;
import org.repcon.nn.conv.ConvDecoder;
import org.repcon.nn.conv.ConvEncoder;
import org.repcon.nn.layers.Layer;

/**
 * What the autoencoder builders share: the config ({@code setConfig}, required), an injectable encoder and decoder
 * ({@code optEncoder}, {@code optDecoder}; default: the config's {@link ConvEncoder} / {@link ConvDecoder}) and a
 * parameter-name prefix ({@code optName}). Subclasses add their own options and {@code build}.
 *
 * @param <C> the model's config
 * @param <B> the concrete builder (for fluent calls)
 */
public abstract class ModelBuilder<C, B extends ModelBuilder<C, B>> {
    protected C config;
    protected Layer encoder;
    protected Layer decoder;
    protected String name = "";

    protected abstract B self();

    public B setConfig(C config) {
        this.config = config;
        return self();
    }

    /** Replaces the default {@link ConvEncoder}; it must output what the model's encoder outputs (see the model). */
    public B optEncoder(Layer encoder) {
        this.encoder = encoder;
        return self();
    }

    /** Replaces the default {@link ConvDecoder}; it must map z to images in [0, 1]. */
    public B optDecoder(Layer decoder) {
        this.decoder = decoder;
        return self();
    }

    /** Prefix of the parameter names ({@code <name>.encoder.*}); default none ({@code encoder.*}). */
    public B optName(String name) {
        this.name = name;
        return self();
    }

    /** The config; IllegalStateException when {@code setConfig} was not called. */
    protected C requireConfig() {
        if (config == null) {
            throw new IllegalStateException("setConfig is required");
        }
        return config;
    }

    /** The injected encoder, or the architecture's ConvEncoder (seed mix(seed, 0)) with {@code outputs} x D outputs. */
    protected Layer encoderOr(AeConfig a, int outputs, Parameters parameters) {
        return encoder != null ? encoder : a.encoder().optOutputMultiplier(outputs).optName(Seeds.name(name, "encoder"))
                .optSeed(Seeds.mix(a.seed(), 0)).build(parameters);
    }

    /** The injected decoder, or the architecture's ConvDecoder (seed mix(seed, 1)). */
    protected Layer decoderOr(AeConfig a, Parameters parameters) {
        return decoder != null ? decoder : a.decoder().optName(Seeds.name(name, "decoder"))
                .optSeed(Seeds.mix(a.seed(), 1)).build(parameters);
    }
}
