package org.repcon.autoencoders.likelihood;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.repcon.autoencoders.VariationalAutoencoder;
import org.repcon.data.ImageSet;
import org.repcon.likelihood.DiscretizedGaussian;

/**
 * The importance-weighted bound on a VAE's log-likelihood of 8-bit images (Burda et al. 2016), in bits per
 * dimension, so that it compares with a diffusion model's variational bound on the same images:
 * <pre>
 * z_i = mu(x) + exp(logvar(x) / 2) eps_i,   eps_i ~ N(0, I),  i = 1..k
 * log w_i = log p(x | z_i) + log N(z_i; 0, I) - log N(z_i; mu, diag exp(logvar))
 * log p(x) >= L_k = logsumexp_i(log w_i) - log k          (L_1 is the ELBO; L_k rises to log p(x) as k grows)
 * bits/dim = -L_k / (D ln 2),  D = C H W
 * </pre>
 * The decoder p(x|z) is the discretised Gaussian of {@link DiscretizedGaussian} on [-1, 1]: mean
 * {@code 2 d(z) - 1} with {@code d} the decoder's [0, 1] output, one standard deviation {@code exp(logScale)}
 * for all pixels, chosen by {@link #chooseLogScale} on validation images (the decoder was trained with a pixel loss
 * that fixes its mean, not its scale). Pixels must be 8-bit values {@code k/255} (Fashion-MNIST's are).
 * Evaluation only: no gradients; the likelihood is computed in float64; the noise comes from {@code new Random(seed)}.
 */
public final class ImportanceWeightedBound {

    private final VariationalAutoencoder vae;
    private final int samples;

    /**
     * @param vae the trained model
     * @param samples k >= 1 importance samples per image
     */
    public ImportanceWeightedBound(VariationalAutoencoder vae, int samples) {
        if (samples < 1) {
            throw new IllegalArgumentException("importance samples k must be >= 1, got " + samples);
        }
        this.vae = vae;
        this.samples = samples;
    }

    /** The bound per image in bits/dim, for one decoder scale. */
    public double[] bitsPerDim(ImageSet images, double logScale, long seed) {
        return bitsPerDim(images, new double[] {logScale}, seed)[0];
    }

    /** The bound per image in bits/dim for each of {@code logScales} ({@code [scale][image]}), on the same z draws. */
    public double[][] bitsPerDim(ImageSet images, double[] logScales, long seed) {
        int n = images.size();
        int dims = images.imageSize();
        double[][] out = new double[logScales.length][n];
        Random rng = new Random(seed);
        int batch = Math.max(1, 2048 / samples);
        NDManager base = vae.parameters().manager();
        for (int from = 0; from < n; from += batch) {
            int to = Math.min(n, from + batch);
            int b = to - from;
            try (NDScope scope = new NDScope(); NDManager m = base.newSubManager()) {
                NDArray x01 = images.batch(m, from, to, vae.parameters().dataType());
                NDArray[] posterior = vae.posterior(x01, false);
                Shape latent = posterior[0].getShape();
                long perImage = latent.size() / b;
                // repeat every image's posterior k times: [b, ...] -> [b k, ...]
                NDArray mu = repeatRows(posterior[0], b);
                NDArray logvar = repeatRows(posterior[1], b);
                NDArray eps = gaussian(m, mu.getShape(), rng).toType(mu.getDataType(), false);
                NDArray z = mu.add(logvar.mul(0.5).exp().mul(eps));
                NDArray decoded = vae.decode(z, false).toType(DataType.FLOAT64, false);
                NDArray mean = decoded.mul(2).sub(1);
                NDArray x = repeatRows(x01.toType(DataType.FLOAT64, false), b).mul(2).sub(1);
                NDArray z64 = z.toType(DataType.FLOAT64, false);
                NDArray eps64 = eps.toType(DataType.FLOAT64, false);
                NDArray logvar64 = logvar.toType(DataType.FLOAT64, false);
                // log N(z; 0, I) - log N(z; mu, sigma^2) = sum(-z^2/2 + eps^2/2 + logvar/2)
                double[] prior = z64.mul(z64).mul(-0.5).add(eps64.mul(eps64).mul(0.5)).add(logvar64.mul(0.5))
                        .reshape(b * samples, perImage).sum(new int[] {1}).toDoubleArray();
                for (int s = 0; s < logScales.length; s++) {
                    double[] logLik;
                    try (NDScope perScale = new NDScope()) { // frees each scale's [b k, D] float64 temporaries before the next
                        logLik = DiscretizedGaussian.logProbability(x, mean, m.create(logScales[s]))
                                .reshape(b * samples, dims).sum(new int[] {1}).toDoubleArray();
                    }
                    for (int i = 0; i < b; i++) {
                        double max = Double.NEGATIVE_INFINITY;
                        double[] logW = new double[samples];
                        for (int j = 0; j < samples; j++) {
                            logW[j] = logLik[i * samples + j] + prior[i * samples + j];
                            max = Math.max(max, logW[j]);
                        }
                        double sum = 0;
                        for (double w : logW) {
                            sum += Math.exp(w - max);
                        }
                        double bound = max + Math.log(sum) - Math.log(samples);
                        out[s][from + i] = -bound / (dims * Math.log(2));
                    }
                }
            }
        }
        return out;
    }

    /**
     * The decoder's log standard deviation that minimises the mean bound on {@code validation}, from a grid of
     * {@code exp(logScale)} in [0.005, 0.5] (steps of 2^(1/4)), refined once around the best.
     */
    public double chooseLogScale(ImageSet validation, long seed) {
        double[] grid = new double[27];
        for (int i = 0; i < grid.length; i++) {
            grid[i] = Math.log(0.005) + i * Math.log(2) / 4;
        }
        double best = argmin(validation, grid, seed);
        double[] fine = new double[9];
        for (int i = 0; i < fine.length; i++) {
            fine[i] = best + (i - 4) * Math.log(2) / 16;
        }
        return argmin(validation, fine, seed);
    }

    private double argmin(ImageSet images, double[] grid, long seed) {
        double[][] bpd = bitsPerDim(images, grid, seed);
        int best = 0;
        double bestMean = Double.POSITIVE_INFINITY;
        for (int s = 0; s < grid.length; s++) {
            double mean = java.util.Arrays.stream(bpd[s]).average().orElse(Double.NaN);
            if (mean < bestMean) {
                bestMean = mean;
                best = s;
            }
        }
        return grid[best];
    }

    /** [b, ...] -> [b k, ...] with every row repeated k times in a row. */
    private NDArray repeatRows(NDArray a, int b) {
        long[] shape = a.getShape().getShape();
        long[] expanded = new long[shape.length + 1];
        expanded[0] = b;
        expanded[1] = 1;
        System.arraycopy(shape, 1, expanded, 2, shape.length - 1);
        long[] target = expanded.clone();
        target[1] = samples;
        long[] flat = shape.clone();
        flat[0] = (long) b * samples;
        return a.reshape(new Shape(expanded)).broadcast(new Shape(target)).reshape(new Shape(flat));
    }

    private static NDArray gaussian(NDManager m, Shape shape, Random rng) {
        double[] v = new double[Math.toIntExact(shape.size())];
        for (int i = 0; i < v.length; i++) {
            v[i] = rng.nextGaussian();
        }
        return m.create(v, shape);
    }
}
