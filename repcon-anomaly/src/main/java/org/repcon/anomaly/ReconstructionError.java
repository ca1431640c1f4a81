package org.repcon.anomaly;

import org.repcon.autoencoders.experiment.TrainedAutoencoder;
import org.repcon.data.ImageSet;

/**
 * {@code ae_recon_mse}: an autoencoder's reconstruction error per image, {@code (1 / D) sum_d (x_d - xhat_d)^2} on the
 * [0, 1] pixel scale, with {@code xhat} the deterministic reconstruction ({@link TrainedAutoencoder#reconstruct}) and
 * D = C H W.
 */
public final class ReconstructionError {
    private ReconstructionError() {}

    /** The error of every image; [N]. */
    public static double[] of(TrainedAutoencoder ae, ImageSet images) {
        return perImage(images.pixels(), ae.reconstruct(images).pixels(), images.imageSize());
    }

    /** Mean squared difference per image of two equally long arrays of images of {@code per} values each. */
    static double[] perImage(float[] x, float[] y, int per) {
        if (x.length != y.length || x.length % per != 0) {
            throw new IllegalArgumentException("expected two equal arrays of images of " + per + " values, got " + x.length + " and " + y.length);
        }
        double[] out = new double[x.length / per];
        for (int i = 0; i < out.length; i++) {
            double s = 0;
            for (int k = i * per; k < (i + 1) * per; k++) {
                double d = x[k] - y[k];
                s += d * d;
            }
            out[i] = s / per;
        }
        return out;
    }
}
