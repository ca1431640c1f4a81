package org.repcon.diffusion.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.repcon.DjlTestCase;
import org.repcon.diffusion.NoiseModel;
import org.repcon.diffusion.OracleModels;
import org.repcon.diffusion.process.GaussianDiffusion;
import org.repcon.diffusion.process.ModelVariance;
import org.repcon.diffusion.schedule.NoiseSchedule;

/**
 * The samplers with models whose noise prediction is exact: for a point mass they must land on the point; for
 * Gaussian data N(mu, sd^2) their samples must have its mean and spread.
 */
class SamplerTest extends DjlTestCase {
    private final NoiseSchedule s = NoiseSchedule.linear(1000);
    private final GaussianDiffusion d = new GaussianDiffusion(s);

    private DdpmSampler ddpm(ModelVariance v) {
        return DdpmSampler.builder().setDiffusion(d).optVariance(v).optDataType(DataType.FLOAT64).build();
    }

    private DdimSampler ddim(int steps) {
        return DdimSampler.builder().setDiffusion(d).setSteps(steps).optDataType(DataType.FLOAT64).build();
    }

    @Test
    void aPointMassIsReachedExactly() {
        int n = 8;
        double[] target = new double[2 * n];
        for (int i = 0; i < n; i++) {
            target[2 * i] = 0.7;
            target[2 * i + 1] = -0.3;
        }
        NoiseModel oracle = OracleModels.trueNoise(s, target, 0);
        Shape shape = new Shape(n, 2);
        for (Sampler sampler : new Sampler[] {ddpm(ModelVariance.FIXED_LARGE), ddpm(ModelVariance.FIXED_SMALL), ddim(50), ddim(7)}) {
            Samples out = sampler.sample(oracle, manager, shape, 11, 0);
            assertArrayEquals(target, out.values(), 1e-9, sampler.getClass().getSimpleName());
        }
    }

    @Test
    void gaussianDataIsReproducedInMeanAndSpread() {
        double mu = 0.5;
        double sd = 0.3;
        NoiseModel oracle = OracleModels.gaussian(s, mu, sd);
        int n = 4000;
        for (Sampler sampler : new Sampler[] {ddpm(ModelVariance.FIXED_SMALL), ddpm(ModelVariance.FIXED_LARGE), ddim(100)}) {
            double[] v = sampler.sample(oracle, manager, new Shape(n, 1), 3, 0).values();
            double mean = java.util.Arrays.stream(v).average().orElseThrow();
            double var = java.util.Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum() / (n - 1);
            String what = sampler.getClass().getSimpleName() + ": mean " + mean + ", sd " + Math.sqrt(var);
            assertEquals(mu, mean, 0.03, what); // standard error 0.005
            assertEquals(sd, Math.sqrt(var), 0.03 * sd + 0.01, what);
        }
    }

    @Test
    void samplingIsSeededAndRecordsTheTrajectory() {
        NoiseModel oracle = OracleModels.gaussian(s, 0, 1);
        Shape shape = new Shape(16, 2);
        Samples a = ddpm(ModelVariance.FIXED_LARGE).sample(oracle, manager, shape, 5, 200);
        Samples b = ddpm(ModelVariance.FIXED_LARGE).sample(oracle, manager, shape, 5, 0);
        Samples c = ddpm(ModelVariance.FIXED_LARGE).sample(oracle, manager, shape, 6, 0);
        assertArrayEquals(a.values(), b.values(), 0);
        assertTrue(!java.util.Arrays.equals(a.values(), c.values()));
        assertEquals(6, a.trajectory().size(), "start, after 200, 400, 600, 800 and 1000 steps (the end)");
        assertEquals(999, a.trajectory().get(0).timestep());
        assertEquals(799, a.trajectory().get(1).timestep());
        assertEquals(-1, a.trajectory().get(5).timestep());
        assertArrayEquals(a.values(), a.trajectory().get(5).values(), 0);
        assertArrayEquals(new int[] {999, 980, 960, 40, 20, 0}, pick(ddim(50).timesteps(999)));
        assertEquals(51, ddim(50).timesteps(999).length);
    }

    private static int[] pick(int[] t) {
        return new int[] {t[0], t[1], t[2], t[t.length - 3], t[t.length - 2], t[t.length - 1]};
    }

    @Test
    void denoisingStartsAtTheMatchingNoiseLevelAndRecoversAKnownPoint() {
        int n = 4;
        double[] clean = {0.2, -0.4, 0.9, 0.1, -0.5, -0.5, 0.0, 0.3};
        double[] noisy = clean.clone();
        java.util.Random rng = new java.util.Random(2);
        for (int i = 0; i < noisy.length; i++) {
            noisy[i] += 0.2 * rng.nextGaussian();
        }
        Denoiser denoiser = new Denoiser(s, ddpm(ModelVariance.FIXED_SMALL));
        int t = denoiser.timestepFor(0.2);
        assertEquals(0.2, s.noiseToSignal(t), 0.005);
        // with the oracle of the clean points, the reverse process from sqrt(abar_t) y lands on them
        Samples out = denoiser.denoise(OracleModels.trueNoise(s, clean, 0), manager, noisy, new Shape(n, 2), 0.2, 1, 0);
        assertArrayEquals(clean, out.values(), 1e-9);
    }
}
