package org.repcon.autoencoders;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.repcon.nn.Parameters;
import org.repcon.nn.Scalars;
import org.repcon.nn.layers.Init;
import org.repcon.nn.layers.Layer;
import org.repcon.nn.layers.ParameterViews;
import org.repcon.objective.LossTerm;
import org.repcon.objective.Objective;

/**
 * Vector-quantised VAE (van den Oord et al., 2017). The encoder gives {@code z_e} ({@code [B, D]} or
 * {@code [B, D, h, w]}); each latent vector (per sample, or per spatial position of a matrix latent) is replaced
 * by its nearest code of the trainable codebook {@code e [K, D]}:
 * {@code k* = argmin_k ||z_e - e_k||^2}, {@code z_q = e_{k*}}. The decoder sees the straight-through
 * {@code z = z_e + sg(z_q - z_e)}: its value is z_q, its gradient passes to z_e unchanged.
 * Extras {@link AutoencoderOutput.Extras#Z_E}, {@link AutoencoderOutput.Extras#Z_Q} (differentiable with respect
 * to the codebook) and {@link AutoencoderOutput.Extras#CODES} (int64, {@code [B]} or {@code [B, h, w]}).
 *
 * <p>Its own terms ({@link #addOwnTerms}) are {@link #codebookLoss()} (weight 1) and {@link #commitmentLoss()}
 * (weight beta = 0.25 by default), added to the reconstruction. The codebook {@code <name>.codebook} starts from {@code U(-1/K, 1/K)}, as in the paper's
 * code.
 */
public final class VqVae implements AutoencoderModel {
    private final VqVaeConfig config;
    private final Parameters parameters;
    private final Layer encoder;
    private final Layer decoder;
    private final NDArray codebook;

    private VqVae(VqVaeConfig config, Parameters parameters, Layer encoder, Layer decoder, NDArray codebook) {
        this.config = config;
        this.parameters = parameters;
        this.encoder = encoder;
        this.decoder = decoder;
        this.codebook = codebook;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public AutoencoderOutput forward(NDArray input, NDArray target, boolean training) {
        NDArray zE = encoder.forward(input, training);
        Quantized q = quantize(zE);
        NDArray z = zE.add(q.zQ().sub(zE).stopGradient());
        return new AutoencoderOutput(input, target == null ? input : target, z, decoder.forward(z, training),
                Map.of(AutoencoderOutput.Extras.Z_E, zE, AutoencoderOutput.Extras.Z_Q, q.zQ(),
                        AutoencoderOutput.Extras.CODES, q.codes()));
    }

    /** Codes and their codebook vectors: {@code codes} int64 {@code [B]} or {@code [B, h, w]}, {@code zQ} as z. */
    public record Quantized(NDArray codes, NDArray zQ) {}

    /** The nearest code of each latent vector of {@code zE} and its codebook vector (differentiable in the codebook). */
    public Quantized quantize(NDArray zE) {
        Shape s = zE.getShape();
        int d = config.architecture().latentSize();
        if (s.dimension() < 2 || s.get(1) != d) {
            throw new IllegalArgumentException("VQ-VAE latent must be [B, " + d + ", ...], got " + s);
        }
        NDArray flat = toRows(zE); // [N, D]
        NDArray e = ParameterViews.transpose(codebook, flat).stopGradient(); // [D, K], no graph for the search
        NDArray distances = flat.stopGradient().square().sum(new int[] {1}, true)
                .sub(Scalars.times(flat.stopGradient().matMul(e), 2))
                .add(e.square().sum(new int[] {0}, true)); // [N, K]
        NDArray codes = distances.argMin(1); // [N]
        NDArray zQ = fromRows(lookupRows(codes), s);
        return new Quantized(s.dimension() == 2 ? codes : codes.reshape(codeShape(s)), zQ);
    }

    /** The codebook vectors of {@code codes} (int64 {@code [B]} or {@code [B, h, w]}) as z ({@code [B, D]} or {@code [B, D, h, w]}). */
    public NDArray lookup(NDArray codes) {
        Shape cs = codes.getShape();
        NDArray rows = lookupRows(codes.reshape(-1));
        if (cs.dimension() == 1) {
            return rows;
        }
        return fromRows(rows, new Shape(cs.get(0), config.architecture().latentSize(), cs.get(1), cs.get(2)));
    }

    /** Decodes the codebook vectors of {@code codes} (e.g. random codes, for samples). */
    public NDArray decodeCodes(NDArray codes, boolean training) {
        return decoder.forward(lookup(codes), training);
    }

    /** {@code codebook} (weight 1) and {@code commitment} (weight beta = {@code conditions.commitment}). */
    @Override
    public void addOwnTerms(Objective.Builder<AutoencoderOutput> objective, OwnTermWeights w) {
        objective.add("codebook", 1.0, codebookLoss());
        objective.add("commitment", w.commitment(), commitmentLoss());
    }

    /** The continuous encoder output z_e of the forward pass. */
    @Override
    public NDArray representation(AutoencoderOutput o) {
        return o.extra(AutoencoderOutput.Extras.Z_E);
    }

    /** The continuous encoder output z_e of images x. */
    @Override
    public NDArray representation(NDArray x, boolean training) {
        return encodeContinuous(x, training);
    }

    /** z = z_q and the codes. */
    @Override
    public Encoded encodeForEvaluation(NDArray x) {
        Quantized q = quantize(encodeContinuous(x, false));
        return new Encoded(q.zQ(), null, q.codes());
    }

    /** K. */
    @Override
    public int codebookSize() {
        return config.codebookSize();
    }

    /** Decoded random codes ({@link #sampleCodes}). */
    @Override
    public Optional<Samples> sample(int n, long seed, NDManager manager) {
        return Optional.of(new Samples("Decoded random codes (uniform over the codebook)", sampleCodes(n, seed, manager)));
    }

    /** {@code n} images from codes drawn uniformly from {@code new Random(seed)} (evaluation mode). */
    public NDArray sampleCodes(int n, long seed, NDManager manager) {
        Shape latent = latentShape(n);
        Shape cs = latent.dimension() == 2 ? new Shape(n) : codeShape(latent);
        long[] codes = new long[Math.toIntExact(cs.size())];
        Random rng = new Random(seed);
        for (int i = 0; i < codes.length; i++) {
            codes[i] = rng.nextInt(config.codebookSize());
        }
        return decodeCodes(manager.create(codes, cs), false);
    }

    /** Rows {@code [N, K]} one-hot of {@code codes [N]} times the codebook: {@code [N, D]}, differentiable in it. */
    private NDArray lookupRows(NDArray codes) {
        int k = config.codebookSize();
        NDArray ids = codes.getManager().arange(0, k, 1, DataType.INT64);
        NDArray oneHot = codes.toType(DataType.INT64, false).expandDims(1).eq(ids).toType(codebook.getDataType(), false);
        return oneHot.matMul(codebook);
    }

    /** {@code [B, D]} as is; {@code [B, D, h, w] -> [B h w, D]} (channels last). */
    private static NDArray toRows(NDArray z) {
        Shape s = z.getShape();
        return s.dimension() == 2 ? z : z.transpose(0, 2, 3, 1).reshape(-1, s.get(1));
    }

    /** Inverse of {@link #toRows} for latent shape {@code s}. */
    private static NDArray fromRows(NDArray rows, Shape s) {
        return s.dimension() == 2 ? rows : rows.reshape(s.get(0), s.get(2), s.get(3), s.get(1)).transpose(0, 3, 1, 2);
    }

    private static Shape codeShape(Shape latent) {
        return new Shape(latent.get(0), latent.get(2), latent.get(3));
    }

    /** The quantised representation z_q of images x. */
    @Override
    public NDArray encode(NDArray x, boolean training) {
        return quantize(encoder.forward(x, training)).zQ();
    }

    /** The continuous encoder output z_e of images x (before quantisation). */
    public NDArray encodeContinuous(NDArray x, boolean training) {
        return encoder.forward(x, training);
    }

    @Override
    public NDArray decode(NDArray z, boolean training) {
        return decoder.forward(z, training);
    }

    @Override
    public Shape latentShape(long batch) {
        return config.architecture().latentShape(batch);
    }

    @Override
    public Parameters parameters() {
        return parameters;
    }

    public VqVaeConfig config() {
        return config;
    }

    /** The codebook {@code [K, D]} (a trainable parameter). */
    public NDArray codebook() {
        return codebook;
    }

    /**
     * Codebook loss {@code mean (sg(z_e) - z_q)^2} over all elements (PyTorch's {@code mse_loss}, i.e.
     * {@code ||sg(z_e) - z_q||^2 / (N D)} over N latent vectors): moves the codes towards the encoder outputs.
     */
    public static LossTerm<AutoencoderOutput> codebookLoss() {
        return out -> out.extra(AutoencoderOutput.Extras.Z_E).stopGradient()
                .sub(out.extra(AutoencoderOutput.Extras.Z_Q)).square().mean();
    }

    /**
     * Commitment loss {@code mean (z_e - sg(z_q))^2} over all elements: keeps the encoder close to its codes (the
     * objective weights it with beta, 0.25 in the paper).
     */
    public static LossTerm<AutoencoderOutput> commitmentLoss() {
        return out -> out.extra(AutoencoderOutput.Extras.Z_E)
                .sub(out.extra(AutoencoderOutput.Extras.Z_Q).stopGradient()).square().mean();
    }

    /** How often each of {@code k} codes occurs in {@code codes} (any shape, int64). */
    public static long[] codeCounts(NDArray codes, int k) {
        long[] counts = new long[k];
        for (long c : codes.toType(DataType.INT64, false).toLongArray()) {
            counts[Math.toIntExact(c)]++;
        }
        return counts;
    }

    /**
     * Codebook perplexity {@code exp(-sum_k p_k ln p_k)}, {@code p_k = c_k / sum c} (0 ln 0 = 0): the effective
     * number of codes in use, from 1 (one code) to K (uniform use).
     */
    public static double perplexity(long[] codeCounts) {
        return org.repcon.evaluation.LatentStatistics.perplexity(codeCounts);
    }

    /**
     * Builder: {@code setConfig} required; {@code opt*} optional ({@link ModelBuilder}); the encoder outputs z_e of
     * the architecture's latent shape; the codebook is {@code <name>.vq.codebook}.
     */
    public static final class Builder extends ModelBuilder<VqVaeConfig, Builder> {
        @Override
        protected Builder self() {
            return this;
        }

        public VqVae build(Parameters parameters) {
            VqVaeConfig c = requireConfig();
            AeConfig a = c.architecture();
            int k = c.codebookSize();
            int dim = a.latentSize();
            Layer e = encoderOr(a, 1, parameters);
            Layer d = decoderOr(a, parameters);
            NDArray codebook = parameters.add(Seeds.name(name, "vq.codebook"), new Shape(k, dim),
                    Init.uniform(k * dim, 1.0 / k, new Random(Seeds.mix(a.seed(), 3))));
            return new VqVae(c, parameters, e, d, codebook);
        }
    }
}
