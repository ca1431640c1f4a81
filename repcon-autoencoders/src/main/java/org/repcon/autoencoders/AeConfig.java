package org.repcon.autoencoders;

import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.repcon.nn.conv.ConvDecoder;
import org.repcon.nn.conv.ConvEncoder;
import org.repcon.nn.conv.ConvShape;
import org.repcon.nn.conv.LatentSpace;
import org.repcon.nn.conv.Normalization;

/**
 * The architecture of a convolutional autoencoder (pythae's {@code AEConfig}), adapted to the general
 * {@link ConvEncoder}/{@link ConvDecoder} builders by {@link #encoder()} and {@link #decoder()}: images {@code [C, H, W]}, latent
 * size D, hidden convolution widths (default 32, 64; each halves the image), normalisation, latent space and
 * the seed every initial weight (and a VAE's noise) is drawn from. Used by {@link Autoencoder} and
 * {@link VariationalAutoencoder}; {@link VqVaeConfig} adds the codebook size.
 *
 * <p>H and W must be divisible by {@code 2^n}, n = number of hidden widths (4 for the default two).
 *
 * <pre>{@code
 * AeConfig config = AeConfig.of(1, 28, 28, 32).withNormalization(Normalization.BATCH).withSeed(7);
 * }</pre>
 */
public record AeConfig(int channels, int height, int width, int latentSize, List<Integer> hiddenChannels,
        Normalization normalization, LatentSpace latentSpace, long seed) {

    public AeConfig {
        hiddenChannels = List.copyOf(hiddenChannels);
        ConvShape.validate(channels, height, width, latentSize, hiddenChannels, normalization, latentSpace);
    }

    /** The reference architecture: hidden 32, 64, no normalisation, vector latent, seed 0. */
    public static AeConfig of(int channels, int height, int width, int latentSize) {
        return new AeConfig(channels, height, width, latentSize, List.of(32, 64), Normalization.NONE, LatentSpace.VECTOR, 0);
    }

    public AeConfig withHiddenChannels(Integer... widths) {
        return new AeConfig(channels, height, width, latentSize, List.of(widths), normalization, latentSpace, seed);
    }

    public AeConfig withNormalization(Normalization n) {
        return new AeConfig(channels, height, width, latentSize, hiddenChannels, n, latentSpace, seed);
    }

    public AeConfig withLatentSpace(LatentSpace s) {
        return new AeConfig(channels, height, width, latentSize, hiddenChannels, normalization, s, seed);
    }

    public AeConfig withSeed(long s) {
        return new AeConfig(channels, height, width, latentSize, hiddenChannels, normalization, latentSpace, s);
    }

    /** Height of the smallest feature map, {@code H / 2^n}. */
    public int latentHeight() {
        return height >> hiddenChannels.size();
    }

    /** Width of the smallest feature map, {@code W / 2^n}. */
    public int latentWidth() {
        return width >> hiddenChannels.size();
    }

    /** Shape of z for a batch of {@code batch}: {@code [B, D]} or {@code [B, D, H/2^n, W/2^n]}. */
    public Shape latentShape(long batch) {
        return latentSpace == LatentSpace.VECTOR ? new Shape(batch, latentSize)
                : new Shape(batch, latentSize, latentHeight(), latentWidth());
    }

    /** Shape of an image batch {@code [B, C, H, W]}. */
    public Shape imageShape(long batch) {
        return new Shape(batch, channels, height, width);
    }

    /** An encoder builder set up from this config (name and seed still to choose). */
    public ConvEncoder.Builder encoder() {
        return ConvEncoder.builder().setImageShape(channels, height, width).setLatentSize(latentSize)
                .optHiddenChannels(hiddenChannels.stream().mapToInt(Integer::intValue).toArray())
                .optNormalization(normalization).optLatentSpace(latentSpace);
    }

    /** A decoder builder set up from this config (name and seed still to choose). */
    public ConvDecoder.Builder decoder() {
        return ConvDecoder.builder().setImageShape(channels, height, width).setLatentSize(latentSize)
                .optHiddenChannels(hiddenChannels.stream().mapToInt(Integer::intValue).toArray())
                .optNormalization(normalization).optLatentSpace(latentSpace);
    }
}
