package org.repcon.diffusion.process;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.repcon.DjlTestCase;
import org.repcon.diffusion.schedule.NoiseSchedule;

/** The forward process and the posterior mean on arrays against plain-Java loops, at the toy's and an image's shapes. */
class GaussianDiffusionTest extends DjlTestCase {
    private final NoiseSchedule s = NoiseSchedule.linear(1000);
    private final GaussianDiffusion d = new GaussianDiffusion(s);

    @Test
    void qSampleAndItsInverseMatchTheFormulas() {
        Random rng = new Random(3);
        for (long[] shape : new long[][] {{256, 2}, {4, 1, 28, 28}}) {
            int n = (int) shape[0];
            int size = (int) new ai.djl.ndarray.types.Shape(shape).size();
            int per = size / n;
            double[] x0 = uniform(rng, size, -1, 1);
            double[] eps = uniform(rng, size, -2, 2);
            int[] t = new int[n];
            for (int i = 0; i < n; i++) {
                t[i] = rng.nextInt(1000);
            }
            NDArray xt = d.qSample(array(x0, shape), t, array(eps, shape));
            double[] expected = new double[size];
            for (int i = 0; i < size; i++) {
                double abar = s.alphaBar(t[i / per]);
                expected[i] = Math.sqrt(abar) * x0[i] + Math.sqrt(1 - abar) * eps[i];
            }
            assertArrayEquals(expected, xt.toDoubleArray(), 1e-12);
            assertArrayEquals(x0, d.predictX0(xt, t, array(eps, shape)).toDoubleArray(), 1e-9);
            double[] mean = d.posteriorMean(array(x0, shape), xt, t).toDoubleArray();
            for (int i = 0; i < size; i++) {
                int ti = t[i / per];
                assertEquals(s.posteriorMeanCoef1(ti) * x0[i] + s.posteriorMeanCoef2(ti) * expected[i], mean[i], 1e-12);
            }
            // without clipping, the model mean is Ho et al.'s eq. 11: (x_t - beta / sqrt(1 - abar) eps) / sqrt(alpha)
            double[] modelMean = d.modelMean(xt, t, array(eps, shape), 0).toDoubleArray();
            for (int i = 0; i < size; i++) {
                int ti = t[i / per];
                double eq11 = (expected[i] - s.beta(ti) / Math.sqrt(1 - s.alphaBar(ti)) * eps[i]) / Math.sqrt(s.alpha(ti));
                assertEquals(eq11, modelMean[i], 1e-9);
            }
        }
    }
}
