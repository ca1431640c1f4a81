package org.repcon.diffusion.process;

import ai.djl.ndarray.types.DataType;

/**
 * What every builder of a reverse process (the samplers, the variational bound) takes: the process
 * ({@code setDiffusion}, required), how x0_hat is clipped ({@code optClip}) and the model's data type
 * ({@code optDataType}, default float32); the reverse variance for those that draw or score with it ({@link #variance},
 * set by a subclass's {@code optVariance}; default {@link ModelVariance#FIXED_LARGE}).
 *
 * @param <B> the concrete builder, returned by the setters
 */
public abstract class ReverseProcessBuilder<B extends ReverseProcessBuilder<B>> {
    private GaussianDiffusion diffusion;
    private ModelVariance variance = ModelVariance.FIXED_LARGE;
    private double clip;
    private DataType type = DataType.FLOAT32;

    /** @param defaultClip the clip used when {@code optClip} is not called */
    protected ReverseProcessBuilder(double defaultClip) {
        this.clip = defaultClip;
    }

    /** This builder as its concrete type. */
    protected abstract B self();

    public B setDiffusion(GaussianDiffusion diffusion) {
        this.diffusion = diffusion;
        return self();
    }

    /** Clip x0_hat to [-clip, clip] (1 for data in [-1, 1]); 0: no clipping. The default is the builder's. */
    public B optClip(double clip) {
        if (clip < 0) {
            throw new IllegalArgumentException("clip must be >= 0, got " + clip);
        }
        this.clip = clip;
        return self();
    }

    /** The model's data type (default float32). */
    public B optDataType(DataType type) {
        this.type = type;
        return self();
    }

    /** For a subclass's {@code optVariance}: sigma_t^2 of the reverse process. */
    protected B variance(ModelVariance variance) {
        this.variance = variance;
        return self();
    }

    /**
     * The process, checked to be set.
     *
     * @throws IllegalStateException if {@code setDiffusion} was not called
     */
    public GaussianDiffusion diffusion() {
        if (diffusion == null) {
            throw new IllegalStateException("setDiffusion is required");
        }
        return diffusion;
    }

    public ModelVariance variance() {
        return variance;
    }

    public double clip() {
        return clip;
    }

    public DataType type() {
        return type;
    }
}
