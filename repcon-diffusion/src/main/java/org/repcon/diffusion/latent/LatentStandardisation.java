package org.repcon.diffusion.latent;

import ai.djl.ndarray.types.Shape;
import org.repcon.nn.Parameters;

/**
 * Per-coordinate standardisation of autoencoder latents, so that the diffusion process (whose prior is N(0, I))
 * sees data of unit scale whatever the autoencoder: {@code u_j = (z_j - m_j) / s_j}, with m and s the mean and
 * (maximum-likelihood) standard deviation of coordinate j over the training latents, s floored at 1e-8. The diffusion
 * model is trained on u; its samples are mapped back by {@code z_j = m_j + s_j u_j} before decoding. Saved with the
 * model as the buffers {@code latent.mean} and {@code latent.std} [D] (in the model's data type).
 */
public record LatentStandardisation(double[] mean, double[] std) {
    /** Buffer names in the model file. */
    public static final String MEAN = "latent.mean";
    public static final String STD = "latent.std";
    private static final double MIN_STD = 1e-8;

    /** Fits the training latents [n][D] (n >= 1). */
    public static LatentStandardisation fit(double[][] latents) {
        if (latents.length < 1) {
            throw new IllegalArgumentException("no latents to standardise");
        }
        int d = latents[0].length;
        double[] mean = new double[d];
        for (double[] z : latents) {
            for (int j = 0; j < d; j++) {
                mean[j] += z[j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= latents.length;
        }
        double[] std = new double[d];
        for (double[] z : latents) {
            for (int j = 0; j < d; j++) {
                std[j] += (z[j] - mean[j]) * (z[j] - mean[j]);
            }
        }
        for (int j = 0; j < d; j++) {
            std[j] = Math.max(MIN_STD, Math.sqrt(std[j] / latents.length));
        }
        return new LatentStandardisation(mean, std);
    }

    /** D. */
    public int dimensions() {
        return mean.length;
    }

    /** (z - m) / s per row. */
    public double[][] standardise(double[][] latents) {
        double[][] out = new double[latents.length][];
        for (int i = 0; i < latents.length; i++) {
            out[i] = new double[mean.length];
            for (int j = 0; j < mean.length; j++) {
                out[i][j] = (latents[i][j] - mean[j]) / std[j];
            }
        }
        return out;
    }

    /** m + s u per row. */
    public double[][] restore(double[][] standardised) {
        double[][] out = new double[standardised.length][];
        for (int i = 0; i < standardised.length; i++) {
            out[i] = new double[mean.length];
            for (int j = 0; j < mean.length; j++) {
                out[i][j] = mean[j] + std[j] * standardised[i][j];
            }
        }
        return out;
    }

    /** Adds the mean and std as buffers of {@code parameters} (saved with them). */
    public void addTo(Parameters parameters) {
        parameters.addBuffer(MEAN, new Shape(mean.length), mean);
        parameters.addBuffer(STD, new Shape(std.length), std);
    }

    /** Reads the buffers written by {@link #addTo} (after the parameters were loaded). */
    public static LatentStandardisation from(Parameters parameters) {
        return new LatentStandardisation(parameters.buffer(MEAN).toType(ai.djl.ndarray.types.DataType.FLOAT64, false).toDoubleArray(),
                parameters.buffer(STD).toType(ai.djl.ndarray.types.DataType.FLOAT64, false).toDoubleArray());
    }
}
