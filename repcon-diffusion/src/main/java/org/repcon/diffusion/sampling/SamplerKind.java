package org.repcon.diffusion.sampling;

import ai.djl.ndarray.types.DataType;
import java.util.Locale;
import org.repcon.diffusion.process.GaussianDiffusion;
import org.repcon.diffusion.process.ModelVariance;

/** The reverse processes by name ({@code ddpm | ddim}), as specs and the command line give them. */
public enum SamplerKind {
    /** Ancestral DDPM sampling, every timestep ({@link DdpmSampler}). */
    DDPM,
    /** Deterministic DDIM sampling (eta = 0) on S of the T timesteps ({@link DdimSampler}). */
    DDIM;

    /**
     * The sampler.
     *
     * @param steps S of DDIM (ignored by DDPM), in [1, T] (else {@link DdimSampler.Builder#build} refuses it)
     * @param clip x0_hat is clipped to [-clip, clip] (0: not clipped; 1 for images in [-1, 1])
     */
    public Sampler build(GaussianDiffusion diffusion, ModelVariance variance, int steps, double clip, DataType type) {
        if (this == DDPM) {
            return DdpmSampler.builder().setDiffusion(diffusion).optVariance(variance).optClip(clip).optDataType(type).build();
        }
        return DdimSampler.builder().setDiffusion(diffusion).setSteps(steps).optClip(clip).optDataType(type).build();
    }

    /** Parses {@code ddpm} or {@code ddim} (case-insensitive), with a message naming both otherwise. */
    public static SamplerKind parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown sampler '" + name + "' (expected ddpm or ddim)");
        }
    }
}
