package org.repcon.diffusion.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.repcon.DjlTestCase;
import org.repcon.objective.LossValues;
import org.repcon.objective.Objective;

/** L_simple and its per-bucket parts against a plain-Java loop; only eps_mse enters the total. */
class EpsilonLossTest extends DjlTestCase {

    @Test
    void bucketsCoverTheTimestepsOnceEach() {
        for (int[] tb : new int[][] {{1000, 10}, {1000, 7}, {50, 3}, {10, 10}}) {
            int steps = tb[0];
            int buckets = tb[1];
            int[] count = new int[buckets];
            for (int t = 0; t < steps; t++) {
                int k = EpsilonLoss.bucketOf(t, buckets, steps);
                assertTrue(EpsilonLoss.bucketStart(k, buckets, steps) <= t && t < EpsilonLoss.bucketStart(k + 1, buckets, steps));
                count[k]++;
            }
            for (int k = 0; k < buckets; k++) {
                assertTrue(count[k] >= steps / buckets && count[k] <= steps / buckets + 1, "bucket " + k + ": " + count[k]);
            }
        }
        assertEquals("eps_mse_t0_99", EpsilonLoss.bucketName(0, 10, 1000));
        assertEquals("eps_mse_t900_999", EpsilonLoss.bucketName(9, 10, 1000));
    }

    @Test
    void termsMatchAPlainLoopAndOnlyTheMeanIsMinimised() {
        int n = 256;
        int steps = 1000;
        int buckets = 10;
        Random rng = new Random(5);
        double[] predicted = uniform(rng, n * 2, -2, 2);
        double[] noise = uniform(rng, n * 2, -2, 2);
        int[] t = new int[n];
        for (int i = 0; i < n; i++) {
            t[i] = rng.nextInt(steps);
        }
        DiffusionOutput out = new DiffusionOutput(array(predicted, n, 2), array(noise, n, 2), t, steps);
        Objective<DiffusionOutput> objective = EpsilonLoss.addTo(Objective.builder(), 2.0, buckets, steps).build();
        LossValues values = objective.evaluate(out, 0).values();

        double all = 0;
        double[] sum = new double[buckets];
        int[] count = new int[buckets];
        for (int i = 0; i < n; i++) {
            double e = 0;
            for (int j = 0; j < 2; j++) {
                double d = predicted[2 * i + j] - noise[2 * i + j];
                e += d * d / 2;
            }
            all += e / n;
            int k = t[i] / 100;
            sum[k] += e;
            count[k]++;
        }
        assertEquals(all, values.term("eps_mse"), 1e-12);
        assertEquals(2 * all, values.total(), 1e-12, "the bucket terms have weight 0");
        List<String> names = objective.termNames();
        assertEquals(11, names.size());
        for (int k = 0; k < buckets; k++) {
            assertEquals(sum[k] / count[k], values.term(names.get(k + 1)), 1e-12, names.get(k + 1));
            assertEquals(0.0, values.weights().get(names.get(k + 1)));
        }
    }

    @Test
    void trainingDrawsDependOnSeedAndStepOnly() {
        NoiseDraws a = NoiseDraws.of(7, 12, 64, 2, 1000);
        NoiseDraws b = NoiseDraws.of(7, 12, 64, 2, 1000);
        NoiseDraws c = NoiseDraws.of(7, 13, 64, 2, 1000);
        assertTrue(java.util.Arrays.equals(a.timesteps(), b.timesteps()) && java.util.Arrays.equals(a.noise(), b.noise()));
        assertTrue(!java.util.Arrays.equals(a.noise(), c.noise()));
        // the forward pass builds x_t from exactly those draws
        NDArray x0 = array(new double[128], 64, 2);
        DiffusionOutput out = new EpsilonTraining(new GaussianDiffusion(org.repcon.diffusion.schedule.NoiseSchedule.linear(1000)),
                (xt, tt, training) -> xt, 7).forward(x0, 12);
        assertTrue(java.util.Arrays.equals(a.timesteps(), out.timesteps()));
        double[] xt = out.predicted().toDoubleArray(); // the identity model returns x_t = sqrt(1 - abar) eps for x_0 = 0
        org.repcon.diffusion.schedule.NoiseSchedule s = org.repcon.diffusion.schedule.NoiseSchedule.linear(1000);
        for (int i = 0; i < 128; i++) {
            assertEquals(Math.sqrt(1 - s.alphaBar(a.timesteps()[i / 2])) * a.noise()[i], xt[i], 1e-12);
        }
    }
}
