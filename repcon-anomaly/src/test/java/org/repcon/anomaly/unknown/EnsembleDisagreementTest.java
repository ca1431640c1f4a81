package org.repcon.anomaly.unknown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EnsembleDisagreementTest {

    @Test
    void pixelVarianceMatchesATwoPassReference() {
        SplittableRandom rng = new SplittableRandom(1);
        int k = 4;
        int n = 3;
        int per = 5;
        List<float[]> r = new ArrayList<>();
        for (int m = 0; m < k; m++) {
            float[] a = new float[n * per];
            for (int i = 0; i < a.length; i++) {
                a[i] = (float) rng.nextDouble();
            }
            r.add(a);
        }
        double[] u = EnsembleDisagreement.pixelVariance(r, per);
        for (int i = 0; i < n; i++) {
            double ref = 0;
            for (int d = 0; d < per; d++) {
                double[] v = new double[k];
                for (int m = 0; m < k; m++) {
                    v[m] = r.get(m)[i * per + d];
                }
                double mean = java.util.Arrays.stream(v).average().orElseThrow();
                ref += java.util.Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum() / (k - 1);
            }
            assertEquals(ref / per, u[i], 1e-12);
        }
        // two members: the variance of {a, b} is (a - b)^2 / 2
        double[] two = EnsembleDisagreement.pixelVariance(List.of(new float[] {0, 1}, new float[] {1, 1}), 2);
        assertEquals(0.25, two[0], 1e-12);
        assertEquals(0, EnsembleDisagreement.pixelVariance(List.of(new float[] {3, 3}, new float[] {3, 3}), 2)[0], 0);
    }

    @Test
    void spreadAndMeanOfMemberScores() {
        List<double[]> s = List.of(new double[] {1, 10}, new double[] {2, 10}, new double[] {6, 10});
        assertEquals(3, EnsembleDisagreement.mean(s)[0], 1e-12);
        assertEquals(Math.sqrt((4 + 1 + 9) / 2.0), EnsembleDisagreement.spread(s)[0], 1e-12);
        assertEquals(0, EnsembleDisagreement.spread(s)[1], 0);
        assertThrows(IllegalArgumentException.class, () -> EnsembleDisagreement.spread(List.of(new double[] {1})));
        assertThrows(IllegalArgumentException.class, () -> EnsembleDisagreement.pixelVariance(List.of(new float[4], new float[3]), 2));
    }
}
