package org.repcon.diffusion.toy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The toy distributions have their shape, splits are independent and seeded; the Gaussian fit recovers moments. */
class ToyDataTest {

    @Test
    void ringPointsLieOnTheUnitCircleWithTheirNoise() {
        double[][] p = ToyDistribution.RING.sample(4000, 0.05, 1);
        double sum = 0;
        double sq = 0;
        for (double[] x : p) {
            double r = Math.hypot(x[0], x[1]);
            sum += r;
            sq += (r - 1) * (r - 1);
        }
        assertEquals(1, sum / p.length, 0.005);
        assertEquals(0.05, Math.sqrt(sq / p.length), 0.003);
    }

    @Test
    void moonsAreTwoHalfCirclesScaled() {
        double[][] p = ToyDistribution.MOONS.sample(4000, 0, 2);
        for (double[] x : p) { // back to make_moons' coordinates: on one of the two unit half circles
            double u = 0.8 * x[0] + 0.5;
            double v = 0.8 * x[1] + 0.25;
            double upper = Math.abs(Math.hypot(u, v) - 1);
            double lower = Math.abs(Math.hypot(u - 1, v - 0.5) - 1);
            assertTrue(Math.min(upper, lower) < 1e-12, "point " + u + ", " + v);
        }
    }

    @Test
    void splitsAreSeededAndIndependent() {
        ToyData a = ToyData.generate(ToyDistribution.MOONS, 100, 50, 50, 0.05, 3);
        ToyData b = ToyData.generate(ToyDistribution.MOONS, 100, 50, 50, 0.05, 3);
        assertArrayEquals(a.test()[7], b.test()[7], 0);
        assertTrue(a.train()[0][0] != a.test()[0][0] && a.validation()[0][0] != a.test()[0][0]);
        assertEquals(100, a.train().length);
    }

    @Test
    void gaussianFitRecoversMeanAndCovariance() {
        double[][] p = ToyDistribution.MOONS.sample(20000, 0.05, 4);
        GaussianFit fit = GaussianFit.fit(p);
        double[][] q = fit.sample(20000, 5);
        GaussianFit refit = GaussianFit.fit(q);
        for (int i = 0; i < 2; i++) {
            assertEquals(fit.mean()[i], refit.mean()[i], 0.02);
            for (int j = 0; j < 2; j++) {
                assertEquals(fit.covariance()[i][j], refit.covariance()[i][j], 0.03 * fit.covariance()[i][i]);
            }
        }
        double mx = 0;
        for (double[] x : p) {
            mx += x[0] / p.length;
        }
        assertEquals(mx, fit.mean()[0], 1e-12);
    }
}
