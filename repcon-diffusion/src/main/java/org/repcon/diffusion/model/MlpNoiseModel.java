package org.repcon.diffusion.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import java.util.ArrayList;
import java.util.List;
import org.repcon.diffusion.NoiseModel;
import org.repcon.nn.Activation;
import org.repcon.nn.Parameters;
import org.repcon.nn.layers.Dense;
import org.repcon.nn.layers.SinusoidalEmbedding;

/**
 * A noise model for vectors (2-D toy data, autoencoder latents): an MLP on x_t and the sinusoidal embedding of t.
 * <pre>
 * h_0 = f(W_in [x_t, g(x_t), e(t)] + b_in)                 x_t [N, D], e(t) [N, E]  ->  h [N, H]
 * h_k = h_{k-1} + f(W_k h_{k-1} + b_k),  k = 1 .. B        (residual; plain: h_k = f(W_k h_{k-1} + b_k))
 * eps = W_out h_B + b_out                                   [N, D]
 * </pre>
 * with f the activation (GELU by default), e the {@link SinusoidalEmbedding} (max period 10,000) of t and g the optional
 * Fourier features of the input, the same embedding of {@code scale * x_{t,j}} for each coordinate j ([N, D * G];
 * as tiny-diffusion's input embedding, scale 25: low-dimensional inputs then give the MLP the sharp functions of x
 * that small noise levels need; none by default). Parameters
 * {@code <name>.in}, {@code <name>.block<k>}, {@code <name>.out} ({@link Dense}, PyTorch's default initialisation),
 * seeded.
 */
public final class MlpNoiseModel implements NoiseModel {
    private final int dimensions;
    private final SinusoidalEmbedding embedding;
    private final SinusoidalEmbedding inputEmbedding;
    private final double inputScale;
    private final Dense input;
    private final List<Dense> blocks;
    private final Dense output;
    private final Activation activation;
    private final boolean residual;

    private MlpNoiseModel(Builder b, Parameters parameters) {
        this.dimensions = b.dimensions;
        this.embedding = new SinusoidalEmbedding(b.embedding, 10_000);
        this.inputEmbedding = b.inputEmbedding > 0 ? new SinusoidalEmbedding(b.inputEmbedding, 10_000) : null;
        this.inputScale = b.inputScale;
        int inputs = b.dimensions + b.embedding + b.dimensions * b.inputEmbedding;
        this.activation = b.activation;
        this.residual = b.residual;
        long seed = b.seed;
        this.input = Dense.builder().setName(b.name + ".in").setUnits(inputs, b.hidden).optSeed(seed).build(parameters);
        this.blocks = new ArrayList<>();
        for (int k = 1; k <= b.blocks; k++) {
            blocks.add(Dense.builder().setName(b.name + ".block" + k).setUnits(b.hidden, b.hidden).optSeed(seed + k).build(parameters));
        }
        this.output = Dense.builder().setName(b.name + ".out").setUnits(b.hidden, b.dimensions).optSeed(seed + b.blocks + 1).build(parameters);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** D. */
    public int dimensions() {
        return dimensions;
    }

    @Override
    public NDArray predictNoise(NDArray xt, NDArray t, boolean training) {
        if (xt.getShape().dimension() != 2 || xt.getShape().get(1) != dimensions) {
            throw new IllegalArgumentException("the MLP noise model expects x_t of shape [N, " + dimensions + "], got " + xt.getShape());
        }
        NDArray e = embedding.embed(t, xt.getDataType());
        NDList features = new NDList(xt);
        if (inputEmbedding != null) {
            for (int j = 0; j < dimensions; j++) {
                NDArray column = xt.get(":, " + j);
                features.add(inputEmbedding.embed(org.repcon.nn.Scalars.times(column, inputScale), xt.getDataType()));
            }
        }
        features.add(e);
        NDArray h = activation.apply(input.forward(NDArrays.concat(features, 1), training));
        for (Dense block : blocks) {
            NDArray f = activation.apply(block.forward(h, training));
            h = residual ? h.add(f) : f;
        }
        return output.forward(h, training);
    }

    /** Builder: {@code setDimensions} required; {@code opt*} optional. */
    public static final class Builder {
        private int dimensions;
        private int hidden = 128;
        private int blocks = 3;
        private int embedding = 32;
        private int inputEmbedding;
        private double inputScale = 25;
        private Activation activation = Activation.GELU;
        private boolean residual = true;
        private long seed;
        private String name = "noise_model";

        /** D, the size of a sample. */
        public Builder setDimensions(int dimensions) {
            this.dimensions = dimensions;
            return this;
        }

        /** H, the hidden width (default 128). */
        public Builder optHidden(int hidden) {
            this.hidden = hidden;
            return this;
        }

        /** B, the number of hidden blocks after the input layer (default 3). */
        public Builder optBlocks(int blocks) {
            this.blocks = blocks;
            return this;
        }

        /** E, the size of the time embedding (even, >= 4; default 32). */
        public Builder optEmbedding(int embedding) {
            this.embedding = embedding;
            return this;
        }

        /**
         * Fourier features of the input: a sinusoidal embedding of size {@code size} (even, >= 4; 0: none, the default)
         * of {@code scale * x_j} for each coordinate.
         */
        public Builder optInputEmbedding(int size, double scale) {
            if (size != 0 && (size < 4 || size % 2 != 0)) {
                throw new IllegalArgumentException("input embedding size must be 0 or even and >= 4, got " + size);
            }
            if (!(scale > 0)) {
                throw new IllegalArgumentException("input embedding scale must be > 0, got " + scale);
            }
            this.inputEmbedding = size;
            this.inputScale = scale;
            return this;
        }

        /** f (default GELU). */
        public Builder optActivation(Activation activation) {
            this.activation = activation;
            return this;
        }

        /** Residual blocks h + f(W h + b) (default) or plain f(W h + b). */
        public Builder optResidual(boolean residual) {
            this.residual = residual;
            return this;
        }

        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Parameter name prefix (default {@code noise_model}). */
        public Builder optName(String name) {
            this.name = name;
            return this;
        }

        public MlpNoiseModel build(Parameters parameters) {
            if (dimensions < 1) {
                throw new IllegalStateException("setDimensions is required (>= 1), got " + dimensions);
            }
            if (hidden < 1 || blocks < 0) {
                throw new IllegalArgumentException("hidden width must be >= 1 and blocks >= 0, got " + hidden + " and " + blocks);
            }
            if (embedding < 4 || embedding % 2 != 0) {
                throw new IllegalArgumentException("time embedding size must be even and >= 4, got " + embedding);
            }
            return new MlpNoiseModel(this, parameters);
        }
    }
}
