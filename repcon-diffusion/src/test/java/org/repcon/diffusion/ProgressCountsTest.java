package org.repcon.diffusion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.repcon.DjlTestCase;
import org.repcon.diffusion.process.GaussianDiffusion;
import org.repcon.diffusion.process.ModelVariance;
import org.repcon.diffusion.sampling.SamplerKind;
import org.repcon.diffusion.schedule.NoiseSchedule;
import org.repcon.training.progress.TaskProgress;

/**
 * The progress of sampling, de-noising and the bound: the units reported add up to the announced cost (model
 * evaluations of one sample each), each step reports its whole batch, and reporting changes no result.
 */
class ProgressCountsTest extends DjlTestCase {
    private final NoiseSchedule s = NoiseSchedule.linear(60);
    private final GaussianDiffusion d = new GaussianDiffusion(s);

    /** Records every advance and counts the model's evaluations (of one sample each) independently. */
    private static final class Recorder implements TaskProgress {
        final List<Long> advances = new ArrayList<>();
        long total() {
            return advances.stream().mapToLong(Long::longValue).sum();
        }

        @Override
        public void advance(long units) {
            advances.add(units);
        }

        @Override
        public void close() {}
    }

    private long[] evaluations = new long[1];

    private DiffusionModel model(int chunk) {
        NoiseModel oracle = OracleModels.gaussian(s, 0, 1);
        NoiseModel counting = (xt, t, training) -> {
            evaluations[0] += xt.getShape().get(0);
            return oracle.predictNoise(xt, t, training);
        };
        return new DiffusionModel(counting, d, ModelVariance.FIXED_LARGE, new Shape(2), 0, DataType.FLOAT64, chunk);
    }

    @Test
    void samplingReportsEveryModelEvaluation() {
        for (SamplerKind kind : SamplerKind.values()) {
            DiffusionModel m = model(4);
            evaluations[0] = 0;
            Recorder r = new Recorder();
            double[] withProgress = m.sample(manager, 10, kind, 7, 3, 0, r).values();
            assertEquals(evaluations[0], r.total(), kind + ": reported vs evaluated");
            assertEquals(m.sampleCost(10, kind, 7), r.total(), kind + ": announced vs reported");
            assertEquals(kind == SamplerKind.DDPM ? 600 : 10 * 8, r.total(), kind + ": 60 steps, or 7 DDIM steps plus T - 1");
            assertEquals(4L, r.advances.get(0), "a step of the first chunk reports its 4 samples");
            assertArrayEquals(m.sample(manager, 10, kind, 7, 3, 0).values(), withProgress, 0);
        }
    }

    @Test
    void denoisingAndTheBoundReportEveryModelEvaluation() {
        DiffusionModel m = model(3);
        double[] x = {0.2, -0.4, 0.9, 0.1, -0.5, -0.5, 0.0, 0.3, 1.0, -1.0};
        for (SamplerKind kind : SamplerKind.values()) {
            evaluations[0] = 0;
            Recorder r = new Recorder();
            m.denoise(manager, x, List.of(0.1, 0.4), kind, 10, 5, r);
            assertEquals(evaluations[0], r.total(), kind + " de-noising: reported vs evaluated");
            assertEquals(m.denoiseCost(5, List.of(0.1, 0.4), kind, 10), r.total(), kind + " de-noising: announced vs reported");
        }
        evaluations[0] = 0;
        Recorder r = new Recorder();
        double[] grid = new double[10];
        for (int i = 0; i < grid.length; i++) {
            grid[i] = (i * 25) / 127.5 - 1;
        }
        m.bitsPerDim(manager, grid, 2, r);
        assertEquals(evaluations[0], r.total(), "bound: reported vs evaluated");
        assertEquals(5L * 60, r.total(), "bound: every timestep of every image");
    }
}
