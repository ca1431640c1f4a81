package org.repcon.diffusion.likelihood;

import org.repcon.likelihood.DiscretizedGaussian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.repcon.DjlTestCase;
import org.repcon.diffusion.OracleModels;
import org.repcon.diffusion.process.GaussianDiffusion;
import org.repcon.diffusion.process.ModelVariance;
import org.repcon.diffusion.schedule.NoiseSchedule;

/**
 * The discretised decoder is a distribution over the 256 bins; the Gaussian KL is 0 for equal Gaussians and matches
 * a numerical integral otherwise; the whole bound, for models whose noise prediction is known, equals a brute-force
 * plain-Java computation (numerical integration for the decoder's bin masses).
 */
class VariationalBoundTest extends DjlTestCase {

    @Test
    void theDecodersProbabilitiesSumToOneOverTheBins() {
        double[] centres = new double[256];
        for (int v = 0; v < 256; v++) {
            centres[v] = DiscretizedGaussian.binCentre(v);
        }
        for (double[] ms : new double[][] {{0.0, 0.01}, {0.3, 0.002}, {-0.99, 0.05}, {1.2, 0.3}, {0.1, 2.0}}) {
            NDArray x = array(centres, 256);
            NDArray mean = array(new double[256], 256).add(ms[0]);
            double[] logp = DiscretizedGaussian.logProbability(x, mean, manager.create(Math.log(ms[1]))).toDoubleArray();
            double sum = 0;
            for (int v = 0; v < 256; v++) {
                sum += Math.exp(logp[v]);
                // each bin against a numerical integral of the density
                double lo = v == 0 ? ms[0] - 12 * ms[1] : centres[v] - 1.0 / 255;
                double hi = v == 255 ? ms[0] + 12 * ms[1] : centres[v] + 1.0 / 255;
                double mass = Math.max(gaussianMass(lo, hi, ms[0], ms[1]), 1e-12);
                assertEquals(Math.log(mass), logp[v], 1e-6 + 1e-6 * Math.abs(Math.log(mass)), "bin " + v + " of N(" + ms[0] + ", " + ms[1] + "^2)");
            }
            assertEquals(1.0, sum, 1e-9, "mean " + ms[0] + ", sigma " + ms[1]);
        }
    }

    @Test
    void klOfEqualGaussiansIsZeroAndMatchesIntegration() {
        NDArray m = array(new double[] {0.3, -1.0, 2.0}, 3);
        NDArray lv = array(new double[] {-2.0, 0.0, 1.0}, 3);
        for (double k : GaussianKl.kl(m, lv, m, lv).toDoubleArray()) {
            assertEquals(0, k, 1e-15);
        }
        // KL(N(0.2, 0.5^2) || N(-0.1, 0.8^2)) by integrating p log(p / q)
        double mu1 = 0.2;
        double s1 = 0.5;
        double mu2 = -0.1;
        double s2 = 0.8;
        int steps = 200_000;
        double lo = mu1 - 12 * s1;
        double h = 24 * s1 / steps;
        double integral = 0;
        for (int i = 0; i <= steps; i++) {
            double x = lo + i * h;
            double w = i == 0 || i == steps ? 1 : i % 2 == 1 ? 4 : 2;
            double lp = -0.5 * Math.pow((x - mu1) / s1, 2) - Math.log(s1 * Math.sqrt(2 * Math.PI));
            double lq = -0.5 * Math.pow((x - mu2) / s2, 2) - Math.log(s2 * Math.sqrt(2 * Math.PI));
            integral += w * Math.exp(lp) * (lp - lq);
        }
        integral *= h / 3;
        double kl = GaussianKl.kl(array(new double[] {mu1}, 1), manager.create(2 * Math.log(s1)), array(new double[] {mu2}, 1),
                manager.create(2 * Math.log(s2))).toDoubleArray()[0];
        assertEquals(integral, kl, 1e-9);
        assertEquals(integral, GaussianKl.kl(mu1, 2 * Math.log(s1), mu2, 2 * Math.log(s2)), 1e-9);
    }

    /**
     * A tiny data set (3 images of 2x2 8-bit values) and models that predict the true noise, exactly or offset by a
     * constant delta: then x0_hat = x_0 - delta sqrt(1/abar - 1) does not depend on the draw, and every term has a
     * closed form that a plain loop computes (the decoder by numerical integration of the bin's mass).
     */
    @Test
    void theBoundOfAKnownModelEqualsABruteForceComputation() {
        NoiseSchedule s = NoiseSchedule.linear(100);
        GaussianDiffusion d = new GaussianDiffusion(s);
        int[][] pixels = {{0, 255, 128, 17}, {3, 90, 200, 254}, {127, 127, 1, 60}};
        int n = pixels.length;
        double[] x0 = new double[n * 4];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 4; j++) {
                x0[4 * i + j] = DiscretizedGaussian.binCentre(pixels[i][j]);
            }
        }
        Shape shape = new Shape(n, 1, 2, 2);
        for (ModelVariance variance : ModelVariance.values()) {
            for (double delta : new double[] {0.0, 0.05}) {
                VariationalBound bound = VariationalBound.builder().setDiffusion(d).optVariance(variance).optDataType(DataType.FLOAT64).build();
                VariationalBound.Result r = bound.evaluate(OracleModels.trueNoise(s, x0, delta), manager, x0, shape, 9);
                double[] expected = bruteForce(s, x0, n, variance, delta);
                for (int i = 0; i < n; i++) {
                    assertEquals(expected[i], r.bitsPerDim()[i], 1e-6, variance + ", delta " + delta + ", image " + i);
                }
                if (delta == 0 && variance == ModelVariance.FIXED_SMALL) {
                    for (int t = 1; t < s.steps(); t++) {
                        assertEquals(0, r.terms()[0][t], 1e-9, "the true noise and the posterior variance: KL 0 at t = " + t);
                    }
                }
            }
        }
    }

    private static double[] bruteForce(NoiseSchedule s, double[] x0, int n, ModelVariance variance, double delta) {
        int per = x0.length / n;
        int steps = s.steps();
        double[] bpd = new double[n];
        for (int i = 0; i < n; i++) {
            double nats = 0;
            for (int j = 0; j < per; j++) {
                double x = x0[i * per + j];
                for (int t = 0; t < steps; t++) {
                    double x0hat = Math.max(-1, Math.min(1, x - delta * Math.sqrt(1 / s.alphaBar(t) - 1)));
                    double logVar = t == 0 ? (variance == ModelVariance.FIXED_LARGE ? Math.log(s.posteriorVariance(1))
                            : Math.log(s.posteriorVariance(1))) : variance == ModelVariance.FIXED_LARGE ? Math.log(s.beta(t))
                            : Math.log(s.posteriorVariance(t));
                    if (t == 0) { // mean = x0hat (c1_0 = 1, c2_0 = 0)
                        double sd = Math.exp(0.5 * logVar);
                        double lo = x < -0.999 ? x0hat - 40 * sd : x - 1.0 / 255;
                        double hi = x > 0.999 ? x0hat + 40 * sd : x + 1.0 / 255;
                        nats -= Math.log(Math.max(gaussianMass(lo, hi, x0hat, sd), 1e-12));
                    } else { // the means differ by c1_t (x0hat - x_0) whatever x_t is
                        double diff = s.posteriorMeanCoef1(t) * (x0hat - x);
                        double lq = Math.log(s.posteriorVariance(t));
                        nats += 0.5 * (-1 + logVar - lq + Math.exp(lq - logVar) + diff * diff * Math.exp(-logVar));
                    }
                }
                double abar = s.alphaBar(steps - 1);
                double m = Math.sqrt(abar) * x;
                double v = 1 - abar;
                nats += 0.5 * (-1 - Math.log(v) + v + m * m);
            }
            bpd[i] = nats / per / Math.log(2);
        }
        return bpd;
    }

    /** The mass of N(mu, sd^2) on [lo, hi] by Simpson's rule (20,000 intervals). */
    static double gaussianMass(double lo, double hi, double mu, double sd) {
        int steps = 20_000;
        double h = (hi - lo) / steps;
        double sum = 0;
        for (int i = 0; i <= steps; i++) {
            double z = (lo + i * h - mu) / sd;
            double w = i == 0 || i == steps ? 1 : i % 2 == 1 ? 4 : 2;
            sum += w * Math.exp(-0.5 * z * z);
        }
        return sum * h / 3 / (sd * Math.sqrt(2 * Math.PI));
    }

    @Test
    void imagesOutsideTheRangeOrOffTheGridAreRefused() {
        NoiseSchedule s = NoiseSchedule.linear(100);
        VariationalBound bound = VariationalBound.builder().setDiffusion(new GaussianDiffusion(s)).build();
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> bound.evaluate((xt, t, tr) -> xt, manager, new double[] {1.0, 1.5}, new Shape(1, 2), 1));
        assertTrue(e.getMessage().contains("[-1, 1]"), e.getMessage());
        IllegalArgumentException off = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> bound.evaluate((xt, t, tr) -> xt, manager, new double[] {1.0, 0.5}, new Shape(1, 2), 1));
        assertTrue(off.getMessage().contains("8-bit levels"), off.getMessage());
    }
}
