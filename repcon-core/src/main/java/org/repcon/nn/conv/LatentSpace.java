package org.repcon.nn.conv;

import java.util.Locale;

/** The space the representation z lives in. */
public enum LatentSpace {
    /** One vector per image: z {@code [B, D]}. */
    VECTOR,
    /** A D-channel feature map per image: z {@code [B, D, H/2^n, W/2^n]} (n = number of stride-2 convolutions). */
    MATRIX;

    /** Parses {@code vector} or {@code matrix} (case-insensitive). */
    public static LatentSpace parse(String name) {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
    }
}
