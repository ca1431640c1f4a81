package org.repcon.experiment;

import org.repcon.spec.Spec;

/** The top-level {@code seed} and {@code threads} of a spec, with their defaults in one place. */
public final class RunSettings {
    private RunSettings() {}

    /** {@code seed}, default 1234. */
    public static long seed(Spec spec) {
        return spec.getLong("seed", 1234);
    }

    /** {@code threads} in [0, 1024], default 0 (libtorch's own choice). */
    public static int threads(Spec spec) {
        return spec.getInt("threads", 0, 0, 1024);
    }
}
