package org.repcon.autoencoders;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.repcon.nn.Parameters;
import org.repcon.nn.Scalars;
import org.repcon.conditions.Distribution;
import org.repcon.nn.layers.Layer;
import org.repcon.objective.Objective;
import org.repcon.objective.WeightSchedule;

/**
 * Variational autoencoder (Kingma and Welling): the encoder outputs {@code 2D} features (or channels),
 * split along axis 1 into the posterior mean {@code mu} and log-variance {@code logvar} (each the shape of z);
 * in training {@code z = mu + exp(logvar / 2) * eps}, {@code eps ~ N(0, I)} (reparameterisation), in evaluation
 * and {@link #encode} {@code z = mu}. Extras {@link AutoencoderOutput.Extras#MU} and
 * {@link AutoencoderOutput.Extras#LOGVAR}; the KL term to N(0, I) reads them.
 *
 * <p>The noise is drawn in Java: for global step t, {@code eps} comes from a {@code java.util.Random} seeded by a
 * mix of the config's seed and t ({@link #noise}), row-major {@code nextGaussian()} values, so a resumed run
 * draws exactly the noise an uninterrupted run would. {@link #forward(NDArray, NDArray, boolean)} without a step
 * uses an internal counter (0, 1, 2, ... per training call), which is not checkpointed: training code should
 * pass the step.
 */
public final class VariationalAutoencoder implements AutoencoderModel {
    private final AeConfig config;
    private final Parameters parameters;
    private final Layer encoder;
    private final Layer decoder;
    private final long noiseSeed;
    private final AtomicLong calls = new AtomicLong();

    private VariationalAutoencoder(AeConfig config, Parameters parameters, Layer encoder, Layer decoder) {
        this.config = config;
        this.parameters = parameters;
        this.encoder = encoder;
        this.decoder = decoder;
        this.noiseSeed = Seeds.mix(config.seed(), 2);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A training forward pass draws the noise of the next internal call number (see the class comment). */
    @Override
    public AutoencoderOutput forward(NDArray input, NDArray target, boolean training) {
        return forward(input, target, training, training ? calls.getAndIncrement() : 0);
    }

    @Override
    public AutoencoderOutput forward(NDArray input, NDArray target, boolean training, long step) {
        NDArray[] posterior = posterior(input, training);
        NDArray mu = posterior[0];
        NDArray logvar = posterior[1];
        NDArray z = mu;
        if (training) {
            NDArray eps = noise(mu, step);
            z = mu.add(Scalars.times(logvar, 0.5).exp().mul(eps));
        }
        return new AutoencoderOutput(input, target == null ? input : target, z, decoder.forward(z, training),
                Map.of(AutoencoderOutput.Extras.MU, mu, AutoencoderOutput.Extras.LOGVAR, logvar));
    }

    /** {@code mu} and {@code logvar}, each of the latent shape. */
    public NDArray[] posterior(NDArray x, boolean training) {
        NDArray h = encoder.forward(x, training);
        Shape expected = config.latentShape(x.getShape().get(0));
        long[] doubled = expected.getShape().clone();
        doubled[1] *= 2;
        if (!h.getShape().equals(new Shape(doubled))) {
            throw new IllegalStateException("VAE encoder must output " + new Shape(doubled) + " (mu and logvar along axis 1), got "
                    + h.getShape());
        }
        NDList parts = h.split(2, 1);
        return new NDArray[] {parts.get(0), parts.get(1)};
    }

    /** z = mu (no sampling). */
    @Override
    public NDArray encode(NDArray x, boolean training) {
        return posterior(x, training)[0];
    }

    @Override
    public NDArray decode(NDArray z, boolean training) {
        return decoder.forward(z, training);
    }

    /**
     * The standard normal noise of global step {@code step}, shaped and typed like {@code like}, in its manager:
     * {@code new Random(mix(seed, step)).nextGaussian()} in row-major order.
     */
    public NDArray noise(NDArray like, long step) {
        return gaussian(like.getManager(), like.getShape(), like.getDataType(), Seeds.mix(noiseSeed, step));
    }

    /**
     * The distribution condition {@code kl} (weight {@code conditions.kl}, linearly warmed up over
     * {@code kl_warmup_steps} if > 0): the KL of the posterior to N(0, I). None at weight 0.
     */
    @Override
    public void addOwnTerms(Objective.Builder<AutoencoderOutput> objective, OwnTermWeights w) {
        if (w.kl() > 0) {
            WeightSchedule kl = w.klWarmupSteps() > 0 ? WeightSchedule.linear(0, w.kl(), 0, w.klWarmupSteps())
                    : WeightSchedule.constant(w.kl());
            objective.add("kl", kl, Distribution.klToStandardNormal(o -> o.extra(AutoencoderOutput.Extras.MU),
                    o -> o.extra(AutoencoderOutput.Extras.LOGVAR)));
        }
    }

    /** The posterior mean mu of the forward pass. */
    @Override
    public NDArray representation(AutoencoderOutput o) {
        return o.extra(AutoencoderOutput.Extras.MU);
    }

    /** The posterior mean mu of images x. */
    @Override
    public NDArray representation(NDArray x, boolean training) {
        return posterior(x, training)[0];
    }

    /** z = mu and the posterior log-variance. */
    @Override
    public Encoded encodeForEvaluation(NDArray x) {
        NDArray[] post = posterior(x, false);
        return new Encoded(post[0], post[1], null);
    }

    /** Decoded prior samples ({@link #samplePrior}). */
    @Override
    public Optional<Samples> sample(int n, long seed, NDManager manager) {
        return Optional.of(new Samples("Samples from the prior z ~ N(0, I)", samplePrior(n, seed, manager)));
    }

    /** Decodes {@code n} samples {@code z ~ N(0, I)} drawn from {@code new Random(seed)} (evaluation mode). */
    public NDArray samplePrior(int n, long seed, NDManager manager) {
        NDArray z = gaussian(manager, config.latentShape(n), parameters.dataType(), seed);
        return decoder.forward(z, false);
    }

    private static NDArray gaussian(NDManager manager, Shape shape, DataType type, long seed) {
        Random rng = new Random(seed);
        int n = Math.toIntExact(shape.size());
        if (type == DataType.FLOAT64) {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = rng.nextGaussian();
            }
            return manager.create(v, shape);
        }
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) rng.nextGaussian();
        }
        return manager.create(v, shape).toType(type, false);
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
     * Builder: {@code setConfig} required; {@code opt*} optional ({@link ModelBuilder}); the encoder outputs mu and
     * logvar concatenated along axis 1 ({@code [B, 2D]} or {@code [B, 2D, h, w]}).
     */
    public static final class Builder extends ModelBuilder<AeConfig, Builder> {
        @Override
        protected Builder self() {
            return this;
        }

        public VariationalAutoencoder build(Parameters parameters) {
            AeConfig c = requireConfig();
            return new VariationalAutoencoder(c, parameters, encoderOr(c, 2, parameters), decoderOr(c, parameters));
        }
    }
}
