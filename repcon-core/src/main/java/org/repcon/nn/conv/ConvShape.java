package org.repcon.nn.conv;

import java.util.List;

/**
 * Shape rules shared by {@link ConvEncoder} and {@link ConvDecoder} (and any config that describes them): images
 * {@code [C, H, W]}, latent size D and hidden widths {@code c_0 .. c_{n-1}}, each a stride-2 convolution, so H and
 * W must be divisible by {@code 2^n}.
 */
public final class ConvShape {
    private ConvShape() {}

    /** Throws {@link IllegalArgumentException} naming the first rule the arguments break. */
    public static void validate(int channels, int height, int width, int latentSize, List<Integer> hiddenChannels,
            Normalization normalization, LatentSpace latentSpace) {
        if (channels <= 0 || height <= 0 || width <= 0 || latentSize <= 0) {
            throw new IllegalArgumentException("channels, height, width and latent size must be positive, got "
                    + channels + ", " + height + ", " + width + ", " + latentSize);
        }
        if (hiddenChannels.isEmpty() || hiddenChannels.stream().anyMatch(c -> c <= 0)) {
            throw new IllegalArgumentException("hidden channels must be a non-empty list of positive widths, got " + hiddenChannels);
        }
        int factor = 1 << hiddenChannels.size();
        if (height % factor != 0 || width % factor != 0) {
            throw new IllegalArgumentException("image size " + height + "x" + width + " must be divisible by " + factor
                    + " (" + hiddenChannels.size() + " stride-2 convolutions)");
        }
        if (normalization == null || latentSpace == null) {
            throw new IllegalArgumentException("normalization and latent space are required");
        }
    }

    /** {@code hidden} as a list, for {@link #validate}. */
    static List<Integer> widths(int[] hidden) {
        return java.util.Arrays.stream(hidden).boxed().toList();
    }
}
