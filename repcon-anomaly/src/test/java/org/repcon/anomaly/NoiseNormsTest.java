package org.repcon.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.repcon.DjlTestCase;
import org.repcon.diffusion.DiffusionModel;
import org.repcon.diffusion.NoiseModel;
import org.repcon.diffusion.process.GaussianDiffusion;
import org.repcon.diffusion.process.ModelVariance;
import org.repcon.diffusion.schedule.NoiseSchedule;

/**
 * With a noise model whose prediction is known, eps(x_t, t) = (t + 1) x_t, the feature is
 * (t + 1) sqrt(alphaBar_t) |x_0| at the timestep of each level, whatever the chunking.
 */
class NoiseNormsTest extends DjlTestCase {

    @Test
    void normsOfAKnownNoiseModel() {
        NoiseSchedule schedule = NoiseSchedule.linear(50);
        NoiseModel model = (xt, t, training) -> xt.mul(t.toType(xt.getDataType(), false).add(1).reshape(-1, 1, 1, 1));
        List<Double> sigmas = List.of(0.05, 0.5, 3.0);
        float[] x0 = new float[5 * 4];
        for (int i = 0; i < x0.length; i++) {
            x0[i] = (float) Math.sin(i + 1);
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            DiffusionModel m = new DiffusionModel(model, new GaussianDiffusion(schedule), ModelVariance.FIXED_LARGE, new Shape(1, 2, 2), 1.0,
                    DataType.FLOAT64, 2);
            double[][] f = NoiseNorms.of(m, manager, x0, sigmas);
            assertEquals(5, f.length);
            for (int l = 0; l < sigmas.size(); l++) {
                int t = schedule.timestepForNoise(sigmas.get(l));
                for (int i = 0; i < 5; i++) {
                    double norm = 0;
                    for (int k = 0; k < 4; k++) {
                        norm += x0[i * 4 + k] * (double) x0[i * 4 + k];
                    }
                    assertEquals((t + 1) * Math.sqrt(schedule.alphaBar(t)) * Math.sqrt(norm), f[i][l], 1e-5, "image " + i + " level " + l);
                }
            }
            assertThrows(IllegalArgumentException.class, () -> NoiseNorms.of(m, manager, x0, List.of()));
            assertThrows(IllegalArgumentException.class, () -> NoiseNorms.of(m, manager, new float[3], sigmas));
        }
    }
}
