package org.repcon.diffusion;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import org.repcon.diffusion.process.GaussianDiffusion;
import org.repcon.diffusion.schedule.NoiseSchedule;

/** Noise models whose prediction is known exactly, for tests: the true noise of a known x_0, or of Gaussian data. */
public final class OracleModels {
    private OracleModels() {}

    /** eps = (x_t - sqrt(alphaBar_t) x_0) / sqrt(1 - alphaBar_t) + offset for a known batch x_0 (row-major, the batch's shape). */
    public static NoiseModel trueNoise(NoiseSchedule s, double[] x0, double offset) {
        return (xt, t, training) -> {
            int[] ts = t.toType(DataType.INT32, false).toIntArray();
            NDArray x = xt.getManager().create(x0, xt.getShape()).toType(xt.getDataType(), false);
            return xt.sub(x.mul(GaussianDiffusion.coefficient(x, ts, i -> Math.sqrt(s.alphaBar(i)))))
                    .mul(GaussianDiffusion.coefficient(xt, ts, i -> 1 / Math.sqrt(1 - s.alphaBar(i)))).add(offset);
        };
    }

    /**
     * The exact noise predictor E[eps | x_t] for data N(mu, sd^2 I): x_t ~ N(sqrt(abar) mu, (abar sd^2 + 1 - abar) I), so
     * eps = sqrt(1 - abar) (x_t - sqrt(abar) mu) / (abar sd^2 + 1 - abar).
     */
    public static NoiseModel gaussian(NoiseSchedule s, double mu, double sd) {
        return (xt, t, training) -> {
            int[] ts = t.toType(DataType.INT32, false).toIntArray();
            return xt.sub(GaussianDiffusion.coefficient(xt, ts, i -> Math.sqrt(s.alphaBar(i)) * mu))
                    .mul(GaussianDiffusion.coefficient(xt, ts, i -> Math.sqrt(1 - s.alphaBar(i))
                            / (s.alphaBar(i) * sd * sd + 1 - s.alphaBar(i))));
        };
    }
}
