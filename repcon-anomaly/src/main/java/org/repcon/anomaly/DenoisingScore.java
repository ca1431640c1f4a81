package org.repcon.anomaly;

import java.util.List;
import org.repcon.data.ImageSet;
import org.repcon.diffusion.TrainedDiffusion;

/**
 * {@code diff_denoise_mse} (after DDPM-OOD, Graham et al. 2023): an image is noised at L levels, de-noised by the
 * diffusion model from each, and compared with itself; the L errors e_l (mean squared difference in the [-1, 1] units,
 * {@link TrainedDiffusion#denoisingErrors}) are standardised by their mean m_l and standard deviation s_l over the
 * validation images of the normal data and averaged:
 * <pre>
 * score(x) = (1 / L) sum_l (e_l(x) - m_l) / s_l
 * </pre>
 * so that no level dominates by its scale. The noise and the reverse process are drawn from {@code seed}.
 *
 * @param sigmas the noise levels (in the [-1, 1] units of the model)
 * @param mean m_l
 * @param sd s_l (sample standard deviation; a level with s_l = 0 is left out by setting it to +infinity)
 * @param seed the draws
 */
public record DenoisingScore(List<Double> sigmas, double[] mean, double[] sd, long seed) {

    /** Fits the standardisation on {@code validation}. */
    public static DenoisingScore fit(TrainedDiffusion d, ImageSet validation, List<Double> sigmas, long seed) {
        return fit(d.denoisingErrors(validation, unbox(sigmas), seed), sigmas, seed);
    }

    /** Fits the standardisation on validation errors [N][L] (N >= 2). */
    public static DenoisingScore fit(double[][] validationErrors, List<Double> sigmas, long seed) {
        int n = validationErrors.length;
        int levels = sigmas.size();
        if (n < 2) {
            throw new IllegalArgumentException("standardising the de-noising errors needs at least 2 validation images, got " + n);
        }
        double[] m = new double[levels];
        double[] s = new double[levels];
        for (double[] e : validationErrors) {
            if (e.length != levels) {
                throw new IllegalArgumentException("expected " + levels + " errors per image, got " + e.length);
            }
            for (int l = 0; l < levels; l++) {
                m[l] += e[l] / n;
            }
        }
        for (double[] e : validationErrors) {
            for (int l = 0; l < levels; l++) {
                s[l] += (e[l] - m[l]) * (e[l] - m[l]) / (n - 1);
            }
        }
        for (int l = 0; l < levels; l++) {
            s[l] = s[l] > 0 ? Math.sqrt(s[l]) : Double.POSITIVE_INFINITY;
        }
        return new DenoisingScore(List.copyOf(sigmas), m, s, seed);
    }

    /** The score of every image; [N]. */
    public double[] score(TrainedDiffusion d, ImageSet images) {
        return score(d.denoisingErrors(images, unbox(sigmas), seed));
    }

    /** The score from errors [N][L]. */
    public double[] score(double[][] errors) {
        double[] out = new double[errors.length];
        for (int i = 0; i < errors.length; i++) {
            double z = 0;
            for (int l = 0; l < mean.length; l++) {
                z += (errors[i][l] - mean[l]) / sd[l];
            }
            out[i] = z / mean.length;
        }
        return out;
    }

    static double[] unbox(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
