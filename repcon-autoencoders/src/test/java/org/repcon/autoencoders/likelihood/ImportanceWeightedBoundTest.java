package org.repcon.autoencoders.likelihood;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.repcon.autoencoders.AeConfig;
import org.repcon.autoencoders.VariationalAutoencoder;
import org.repcon.data.ImageSet;
import org.repcon.engine.Engines;
import org.repcon.likelihood.DiscretizedGaussian;
import org.repcon.nn.Parameters;

/**
 * The bound against the exact log-likelihood of a VAE with a one-dimensional latent, integrated numerically over z:
 * {@code p(x) = int p(x|z) N(z; 0, 1) dz} on a fine grid.
 */
class ImportanceWeightedBoundTest {
    private NDManager manager;
    private Parameters parameters;
    private VariationalAutoencoder vae;

    @BeforeEach
    void setUp() {
        Engines.start();
        manager = NDManager.newBaseManager();
        parameters = new Parameters(manager, DataType.FLOAT64);
        vae = VariationalAutoencoder.builder().setConfig(AeConfig.of(1, 4, 4, 1).withHiddenChannels(4, 4).withSeed(3)).build(parameters);
        // a posterior away from the prior (mean +0.5, sd 0.78), so that every part of the weights matters
        parameters.get("encoder.dense.bias").set(new double[] {0.5, -0.5});
    }

    @AfterEach
    void tearDown() {
        manager.close();
    }

    private static ImageSet images(int n, long seed) {
        Random r = new Random(seed);
        float[] p = new float[n * 16];
        for (int i = 0; i < p.length; i++) {
            p[i] = r.nextInt(256) / 255f;
        }
        return new ImageSet("random", 1, 4, 4, p, null, null);
    }

    /** Exact -log2 p(x) / D by the trapezoidal rule over z in [-9, 9]. */
    private double exactBitsPerDim(ImageSet images, int index, double logScale) {
        int points = 3601;
        double[] z = new double[points];
        for (int i = 0; i < points; i++) {
            z[i] = -9 + 18.0 * i / (points - 1);
        }
        NDArray decoded = vae.decode(manager.create(z).reshape(points, 1), false);
        double[] x = new double[16];
        for (int j = 0; j < 16; j++) {
            x[j] = 2 * images.pixels()[index * 16 + j] - 1;
        }
        // log p(x | z) of every grid point: the decoder (tested in core) on [points, 16]
        double[] logLik = DiscretizedGaussian.logProbability(manager.create(x).reshape(1, 16), decoded.reshape(points, 16).mul(2).sub(1),
                manager.create(logScale)).sum(new int[] {1}).toDoubleArray();
        double[] logTerms = new double[points];
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < points; i++) {
            logTerms[i] = logLik[i] - 0.5 * z[i] * z[i] - 0.5 * Math.log(2 * Math.PI);
            max = Math.max(max, logTerms[i]);
        }
        double h = 18.0 / (points - 1);
        double sum = 0;
        for (int i = 0; i < points; i++) {
            sum += (i == 0 || i == points - 1 ? 0.5 : 1) * Math.exp(logTerms[i] - max);
        }
        return -(max + Math.log(sum * h)) / (16 * Math.log(2));
    }

    @Test
    void manySamplesApproachTheExactLikelihoodFromAbove() {
        ImageSet x = images(6, 1);
        double logScale = Math.log(0.25);
        int copies = 2000; // the ELBO (k = 1) of each image as the mean over many single draws
        float[] repeated = new float[copies * x.pixels().length];
        for (int c = 0; c < copies; c++) {
            System.arraycopy(x.pixels(), 0, repeated, c * x.pixels().length, x.pixels().length);
        }
        double[] k1Draws = new ImportanceWeightedBound(vae, 1).bitsPerDim(new ImageSet("copies", 1, 4, 4, repeated, null, null), logScale, 5);
        double[] kMany = new ImportanceWeightedBound(vae, 20000).bitsPerDim(x, logScale, 5);
        double meanK1 = 0;
        double meanKMany = 0;
        double meanExact = 0;
        for (int i = 0; i < x.size(); i++) {
            double exact = exactBitsPerDim(x, i, logScale);
            assertEquals(exact, kMany[i], 2e-3, "image " + i);
            for (int c = 0; c < copies; c++) {
                meanK1 += k1Draws[c * x.size() + i] / (copies * x.size());
            }
            meanKMany += kMany[i] / x.size();
            meanExact += exact / x.size();
        }
        // the ELBO (k = 1) is looser than the k = 20,000 bound, and both lie above -log2 p(x) / D (on average)
        assertTrue(meanK1 > meanKMany + 1e-3, "k = 1 (the ELBO) is looser: " + meanK1 + " vs " + meanKMany);
        assertTrue(meanK1 > meanExact, "the ELBO lies above the exact value: " + meanK1 + " vs " + meanExact);
    }

    @Test
    void theChosenScaleIsTheBestOnTheGrid() {
        ImageSet validation = images(20, 2);
        ImportanceWeightedBound bound = new ImportanceWeightedBound(vae, 4);
        double chosen = bound.chooseLogScale(validation, 9);
        double atChosen = mean(bound.bitsPerDim(validation, chosen, 9));
        for (double other : new double[] {chosen - 0.5, chosen + 0.5, Math.log(0.01), Math.log(0.4)}) {
            assertTrue(atChosen <= mean(bound.bitsPerDim(validation, other, 9)) + 1e-9, "scale " + Math.exp(other));
        }
    }

    private static double mean(double[] v) {
        return java.util.Arrays.stream(v).average().orElseThrow();
    }
}
