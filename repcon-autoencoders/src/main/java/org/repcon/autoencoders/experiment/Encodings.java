package org.repcon.autoencoders.experiment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.repcon.autoencoders.AutoencoderModel;
import org.repcon.autoencoders.VqVae;
import org.repcon.data.ImageSet;
import org.repcon.transformations.augment.Augmentation;

/**
 * A trained model applied to a whole image set in evaluation mode, batch by batch: the deterministic latents
 * (flattened to one row per image), the reconstructions and, where the model has them, the VAE posterior
 * log-variances and the VQ-VAE code counts. Arrays are freed batch by batch; the results are plain Java arrays.
 *
 * @param z [N][values of z] (AE: z after any projection; VAE: the posterior mean; VQ-VAE: the quantised z_q)
 * @param reconstructions decoder outputs, channel-first like {@link ImageSet#pixels()}, or null if not asked for
 * @param logvar VAE posterior log-variances [N][D], else null
 * @param codeCounts VQ-VAE code usage counts [K], else null
 */
public record Encodings(double[][] z, float[] reconstructions, double[][] logvar, long[] codeCounts) {

    /** Encodes {@code images} (and reconstructs them if asked), {@code batch} images at a time. */
    public static Encodings of(AutoencoderModel model, ImageSet images, DataType type, int batch, boolean reconstruct,
            NDManager parent) {
        int n = images.size();
        double[][] z = new double[n][];
        float[] rec = reconstruct ? new float[images.pixels().length] : null;
        double[][] logvar = null;
        long[] counts = null;
        int per = images.imageSize();
        for (int from = 0; from < n; from += batch) {
            int to = Math.min(n, from + batch);
            try (NDManager m = parent.newSubManager(); NDScope scope = new NDScope()) {
                NDArray x = images.batch(m, from, to, type);
                AutoencoderModel.Encoded enc = model.encodeForEvaluation(x);
                NDArray zb = enc.z();
                if (enc.logvar() != null) {
                    logvar = logvar == null ? new double[n][] : logvar;
                    copyRows(enc.logvar(), logvar, from);
                }
                if (enc.codes() != null) {
                    counts = counts == null ? new long[model.codebookSize()] : counts;
                    long[] c = VqVae.codeCounts(enc.codes(), counts.length);
                    for (int k = 0; k < counts.length; k++) {
                        counts[k] += c[k];
                    }
                }
                copyRows(zb, z, from);
                if (reconstruct) {
                    float[] r = model.decode(zb, false).toType(DataType.FLOAT32, false).toFloatArray();
                    System.arraycopy(r, 0, rec, from * per, r.length);
                }
            }
        }
        return new Encodings(z, rec, logvar, counts);
    }

    /** Latents of transformed images T(x) (same order as {@code images}), T drawn per image from {@code seed}. */
    public static double[][] transformed(AutoencoderModel model, ImageSet images, Augmentation t, long seed, DataType type, int batch,
            NDManager parent) {
        int n = images.size();
        double[][] z = new double[n][];
        Random rng = new Random(seed);
        for (int from = 0; from < n; from += batch) {
            int to = Math.min(n, from + batch);
            try (NDManager m = parent.newSubManager(); NDScope scope = new NDScope()) {
                NDArray x = t.apply(images.batch(m, from, to, type), rng);
                copyRows(model.encode(x, false), z, from);
            }
        }
        return z;
    }

    /** Decodes rows of flattened latents to images (evaluation mode). */
    public static float[] decode(AutoencoderModel model, double[][] z, DataType type, int batch, NDManager parent) {
        Shape one = model.latentShape(1);
        int values = Math.toIntExact(one.size());
        float[] out = null;
        int per = 0;
        for (int from = 0; from < z.length; from += batch) {
            int to = Math.min(z.length, from + batch);
            try (NDManager m = parent.newSubManager(); NDScope scope = new NDScope()) {
                double[] flat = new double[(to - from) * values];
                for (int i = from; i < to; i++) {
                    if (z[i].length != values) {
                        throw new IllegalArgumentException("latent row " + i + " has " + z[i].length + " values; the model's latent has " + values);
                    }
                    System.arraycopy(z[i], 0, flat, (i - from) * values, values);
                }
                NDArray zb = m.create(flat, model.latentShape(to - from)).toType(type, false);
                float[] r = model.decode(zb, false).toType(DataType.FLOAT32, false).toFloatArray();
                if (out == null) {
                    per = r.length / (to - from);
                    out = new float[z.length * per];
                }
                System.arraycopy(r, 0, out, from * per, r.length);
            }
        }
        return out;
    }

    private static void copyRows(NDArray a, double[][] into, int from) {
        int b = Math.toIntExact(a.getShape().get(0));
        double[] flat = a.toType(DataType.FLOAT64, false).toDoubleArray();
        int per = flat.length / b;
        for (int i = 0; i < b; i++) {
            into[from + i] = java.util.Arrays.copyOfRange(flat, i * per, (i + 1) * per);
        }
    }
}
