package org.repcon.likelihood;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;
import org.repcon.engine.Engines;

/** Against the Gaussian density integrated over each bin by Simpson's rule (an independent reference). */
class DiscretizedGaussianTest {

    private static double density(double x, double mean, double sd) {
        double u = (x - mean) / sd;
        return Math.exp(-0.5 * u * u) / (sd * Math.sqrt(2 * Math.PI));
    }

    private static double integral(double a, double b, double mean, double sd) {
        int n = 4000;
        double h = (b - a) / n;
        double sum = density(a, mean, sd) + density(b, mean, sd);
        for (int i = 1; i < n; i++) {
            sum += (i % 2 == 1 ? 4 : 2) * density(a + i * h, mean, sd);
        }
        return sum * h / 3;
    }

    /** The bin's mass, edge bins to +-12 sd (the rest is below 1e-30). */
    private static double reference(int v, double mean, double sd) {
        double x = DiscretizedGaussian.binCentre(v);
        double lo = v == 0 ? Math.min(x, mean) - 12 * sd : x - DiscretizedGaussian.HALF_BIN;
        double hi = v == 255 ? Math.max(x, mean) + 12 * sd : x + DiscretizedGaussian.HALF_BIN;
        return Math.max(integral(lo, hi, mean, sd), 1e-12);
    }

    @Test
    void everyBinMatchesTheIntegratedDensityAndTheBinsSumToOne() {
        Engines.start();
        try (NDManager m = NDManager.newBaseManager()) {
            double[] centres = new double[256];
            for (int v = 0; v < 256; v++) {
                centres[v] = DiscretizedGaussian.binCentre(v);
            }
            for (double mean : new double[] {-1.2, -0.3, 0.0123, 0.77, 1}) {
                for (double sd : new double[] {0.003, 0.05, 0.4, 1.5}) {
                    double[] mu = new double[256];
                    java.util.Arrays.fill(mu, mean);
                    double[] logp = DiscretizedGaussian.logProbability(m.create(centres), m.create(mu), m.create(Math.log(sd)))
                            .toDoubleArray();
                    double total = 0;
                    for (int v = 0; v < 256; v++) {
                        double ref = reference(v, mean, sd);
                        total += Math.exp(logp[v]);
                        if (ref > 1e-10) {
                            assertEquals(Math.log(ref), logp[v], 1e-6, "mean " + mean + " sd " + sd + " value " + v);
                        }
                    }
                    assertEquals(1, total, 1e-9, "mean " + mean + " sd " + sd);
                }
            }
        }
    }

    @Test
    void binCentresAreTheEightBitGrid() {
        assertEquals(-1, DiscretizedGaussian.binCentre(0), 0);
        assertEquals(1, DiscretizedGaussian.binCentre(255), 1e-15);
        assertEquals(2 * DiscretizedGaussian.HALF_BIN, DiscretizedGaussian.binCentre(1) - DiscretizedGaussian.binCentre(0), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> DiscretizedGaussian.binCentre(256));
    }
}
