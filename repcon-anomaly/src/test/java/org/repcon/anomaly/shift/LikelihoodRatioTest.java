package org.repcon.anomaly.shift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LikelihoodRatioTest {

    /** log N(x; m, s) in nats. */
    private static double logNormal(double x, double m, double s) {
        return -0.5 * Math.log(2 * Math.PI * s * s) - (x - m) * (x - m) / (2 * s * s);
    }

    @Test
    void equalsMinusTheLogRatioInBitsPerDimension() {
        // D = 3 independent dimensions; model N(0, 1), background N(0.5, 2) per dimension
        double[][] x = {{0.1, -0.3, 0.7}, {2.0, 1.5, -1.0}, {0, 0, 0}};
        int d = 3;
        double[] model = new double[x.length];
        double[] background = new double[x.length];
        double[] reference = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double lm = 0;
            double lb = 0;
            for (double v : x[i]) {
                lm += logNormal(v, 0, 1);
                lb += logNormal(v, 0.5, 2);
            }
            model[i] = -lm / (d * Math.log(2));
            background[i] = -lb / (d * Math.log(2));
            reference[i] = -(lm - lb) / (d * Math.log(2)); // -LLR in bits per dimension
        }
        double[] s = LikelihoodRatio.score(model, background);
        for (int i = 0; i < x.length; i++) {
            assertEquals(reference[i], s[i], 1e-12);
        }
        // an image the model explains better than the background scores lower (more in-distribution)
        assertEquals(true, s[2] < s[1]);
    }

    @Test
    void rejectsMismatchedOrNonFiniteInput() {
        assertThrows(IllegalArgumentException.class, () -> LikelihoodRatio.score(new double[2], new double[3]));
        assertThrows(IllegalArgumentException.class, () -> LikelihoodRatio.score(new double[] {Double.NaN}, new double[] {1}));
    }
}
