package org.repcon.conditions;

import org.repcon.DjlTestCase;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DistributionTest extends DjlTestCase {
    record Posterior(NDArray mu, NDArray logvar) {}

    /** KL(N(m, s^2) || N(0, 1)) = log(1/s) + (s^2 + m^2)/2 - 1/2, the textbook closed form, in plain Java. */
    static double klClosedForm(double m, double s) {
        return Math.log(1 / s) + (s * s + m * m) / 2 - 0.5;
    }

    @Test
    void closedFormAgreesWithNumericalIntegration() {
        // guards the reference itself: integral of p log(p / q) by the midpoint rule on [-12, 12]
        double m = 0.7;
        double s = 1.6;
        int n = 200_000;
        double h = 24.0 / n;
        double kl = 0;
        for (int i = 0; i < n; i++) {
            double x = -12 + (i + 0.5) * h;
            double logP = -0.5 * Math.log(2 * Math.PI * s * s) - (x - m) * (x - m) / (2 * s * s);
            double logQ = -0.5 * Math.log(2 * Math.PI) - x * x / 2;
            kl += Math.exp(logP) * (logP - logQ) * h;
        }
        assertEquals(klClosedForm(m, s), kl, 1e-9);
    }

    @Test
    void sumOverDimensionsMeanOverBatch() {
        double[][] mu = {{0.0, 1.0, -2.0}, {0.5, 0.0, 0.3}};
        double[][] sigma = {{1.0, 0.5, 2.0}, {0.1, 1.0, 3.0}};
        double expected = 0;
        double[] m = new double[6];
        double[] lv = new double[6];
        for (int b = 0; b < 2; b++) {
            for (int i = 0; i < 3; i++) {
                expected += klClosedForm(mu[b][i], sigma[b][i]) / 2;
                m[b * 3 + i] = mu[b][i];
                lv[b * 3 + i] = Math.log(sigma[b][i] * sigma[b][i]);
            }
        }
        Posterior q = new Posterior(array(m, 2, 3), array(lv, 2, 3));
        assertEquals(expected, value(Distribution.klToStandardNormal(q.mu(), q.logvar())), 1e-13);
        assertEquals(expected, value(Distribution.klToStandardNormal(Posterior::mu, Posterior::logvar).compute(q)), 1e-13);
        // a matrix latent [B, D, h, w] sums over D h w
        assertEquals(expected, value(Distribution.klToStandardNormal(array(m, 2, 1, 1, 3), array(lv, 2, 1, 1, 3))), 1e-13);
    }

    @Test
    void zeroAtThePrior() {
        assertEquals(0.0, value(Distribution.klToStandardNormal(array(new double[4], 2, 2), array(new double[4], 2, 2))));
    }

    @Test
    void gradients() {
        // dKL/dmu = mu / B, dKL/dlogvar = (exp(logvar) - 1) / (2 B)
        Random rng = new Random(1);
        NDArray mu = array(uniform(rng, 8, -1, 1), 4, 2);
        NDArray lv = array(uniform(rng, 8, -1, 1), 4, 2);
        double[] gm = gradient(mu, x -> Distribution.klToStandardNormal(x, lv));
        double[] gl = gradient(lv, x -> Distribution.klToStandardNormal(mu, x));
        double[] m = mu.toDoubleArray();
        double[] l = lv.toDoubleArray();
        for (int i = 0; i < 8; i++) {
            assertEquals(m[i] / 4, gm[i], 1e-15);
            assertEquals((Math.exp(l[i]) - 1) / 8, gl[i], 1e-15);
        }
        assertArrayEquals(finiteDifference(lv, x -> Distribution.klToStandardNormal(mu, x), 1e-6), gl, 1e-9);
    }

    @Test
    void shapesMustMatch() {
        assertThrows(IllegalArgumentException.class,
                () -> Distribution.klToStandardNormal(array(new double[4], 2, 2), array(new double[4], 4, 1)));
        assertThrows(IllegalArgumentException.class,
                () -> Distribution.klToStandardNormal(array(new double[4], 4), array(new double[4], 4)));
    }
}
