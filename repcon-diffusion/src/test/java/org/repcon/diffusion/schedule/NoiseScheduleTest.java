package org.repcon.diffusion.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The schedules against their closed forms, and the posterior coefficients against Gaussian conditioning. */
class NoiseScheduleTest {

    @Test
    void linearScheduleIsHoEtAlsScaledToT() {
        NoiseSchedule s = NoiseSchedule.linear(1000);
        assertEquals(1e-4, s.beta(0), 1e-15);
        assertEquals(0.02, s.beta(999), 1e-15);
        assertEquals(1e-4 + (0.02 - 1e-4) * 500 / 999, s.beta(500), 1e-15);
        NoiseSchedule short100 = NoiseSchedule.linear(100); // scaled by 1000 / T = 10
        assertEquals(1e-3, short100.beta(0), 1e-15);
        assertEquals(0.2, short100.beta(99), 1e-15);
        // alphaBar is the product of the alphas; at T = 1000 the last one is ~4.0e-5 (Ho et al.)
        double product = 1;
        for (int t = 0; t < 1000; t++) {
            product *= 1 - s.beta(t);
            assertEquals(product, s.alphaBar(t), 1e-15);
        }
        assertEquals(4.04e-5, s.alphaBar(999), 0.01e-5);
    }

    @Test
    void cosineScheduleFollowsItsAlphaBarUntilTheClip() {
        int T = 1000;
        NoiseSchedule s = NoiseSchedule.cosine(T);
        double f0 = Math.pow(Math.cos(0.008 / 1.008 * Math.PI / 2), 2);
        for (int t = 0; t < T - 1; t++) { // no clip before the last step: alphaBar_t = f((t + 1) / T) / f(0)
            double f = Math.pow(Math.cos(((t + 1.0) / T + 0.008) / 1.008 * Math.PI / 2), 2);
            assertEquals(f / f0, s.alphaBar(t), 1e-12, "t = " + t);
        }
        assertEquals(0.999, s.beta(T - 1), 0, "the last beta (1 - f(1)/f(...) = 1) is clipped at 0.999");
        assertTrue(s.beta(T - 2) < 0.999);
    }

    @Test
    void posteriorMatchesGaussianConditioning() {
        for (NoiseSchedule s : new NoiseSchedule[] {NoiseSchedule.linear(1000), NoiseSchedule.cosine(50)}) {
            for (int t = 1; t < s.steps(); t++) {
                // (x_{t-1}, x_t) | x_0: x_{t-1} ~ N(sqrt(abarPrev) x0, 1 - abarPrev), x_t = sqrt(alpha) x_{t-1} + sqrt(beta) n
                double abarPrev = s.alphaBar(t - 1);
                double abar = s.alphaBar(t);
                double alpha = 1 - s.beta(t);
                double cov = Math.sqrt(alpha) * (1 - abarPrev);
                double varT = alpha * (1 - abarPrev) + s.beta(t);
                assertEquals(1 - abar, varT, 1e-12);
                double c2 = cov / varT;
                double c1 = Math.sqrt(abarPrev) - c2 * Math.sqrt(abar);
                double var = (1 - abarPrev) - cov * cov / varT;
                assertEquals(c1, s.posteriorMeanCoef1(t), 1e-12, "c1 at t = " + t);
                assertEquals(c2, s.posteriorMeanCoef2(t), 1e-12, "c2 at t = " + t);
                assertEquals(var, s.posteriorVariance(t), 1e-12 * Math.max(1, var), "variance at t = " + t);
                assertEquals(Math.log(s.posteriorVariance(t)), s.posteriorLogVarianceClipped(t), 1e-12);
                assertEquals(abarPrev, s.alphaBarPrev(t), 0);
            }
            assertEquals(1, s.alphaBarPrev(0), 0);
            assertEquals(0, s.posteriorVariance(0), 0);
            assertEquals(1, s.posteriorMeanCoef1(0), 1e-12); // x_{-1} is x_0 itself
            assertEquals(0, s.posteriorMeanCoef2(0), 1e-12);
            assertEquals(Math.log(s.posteriorVariance(1)), s.posteriorLogVarianceClipped(0), 0);
        }
    }

    @Test
    void timestepForNoiseMatchesTheNoiseToSignalRatio() {
        NoiseSchedule s = NoiseSchedule.linear(1000);
        for (double sigma : new double[] {0.1, 0.2, 0.4}) {
            int t = s.timestepForNoise(sigma);
            assertEquals(Math.sqrt((1 - s.alphaBar(t)) / s.alphaBar(t)), s.noiseToSignal(t), 1e-15);
            assertTrue(Math.abs(s.noiseToSignal(t) / sigma - 1) < 0.02, "sigma " + sigma + " -> t " + t + " ratio " + s.noiseToSignal(t));
            assertTrue(s.noiseToSignal(t - 1) < sigma && s.noiseToSignal(t + 1) > sigma);
        }
    }

    @Test
    void badSchedulesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> NoiseSchedule.linear(1));
        assertThrows(IllegalArgumentException.class, () -> NoiseSchedule.linear(20)); // beta_max = 1
        assertThrows(IllegalArgumentException.class, () -> NoiseSchedule.of(new double[] {0.1, 1.0}));
    }
}
