package org.repcon.anomaly.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Digamma and trigamma against closed forms, the inverse digamma as an inverse, the Dirichlet fit against samples of a
 * known Dirichlet (gamma variates of integer shape: sums of exponentials) and its likelihood equations, and the score
 * as the negative log density up to a constant.
 */
class DirichletScoreTest {
    private static final double EULER = 0.57721566490153286;

    @Test
    void digammaAndTrigammaMatchClosedForms() {
        assertEquals(-EULER, DirichletScore.digamma(1), 1e-13);
        assertEquals(-EULER - 2 * Math.log(2), DirichletScore.digamma(0.5), 1e-13);
        assertEquals(1 + 1.0 / 2 + 1.0 / 3 - EULER, DirichletScore.digamma(4), 1e-13);
        assertEquals(Math.PI * Math.PI / 6, DirichletScore.trigamma(1), 1e-12);
        assertEquals(Math.PI * Math.PI / 2, DirichletScore.trigamma(0.5), 1e-12);
        // large x: psi(x) ~ log x - 1 / (2x)
        assertEquals(Math.log(1e6) - 0.5e-6, DirichletScore.digamma(1e6), 1e-12);
        for (double x : new double[] {1e-4, 0.03, 0.7, 2.5, 13, 400}) {
            assertEquals(x, DirichletScore.inverseDigamma(DirichletScore.digamma(x)), 1e-9 * Math.max(1, x), "x = " + x);
        }
    }

    /** n Dirichlet(shape) samples as log-probabilities: Gamma(m, 1) = sum of m Exp(1), normalised. */
    private static double[][] samples(int[] shape, int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] out = new double[n][shape.length];
        for (int i = 0; i < n; i++) {
            double sum = 0;
            double[] g = new double[shape.length];
            for (int j = 0; j < shape.length; j++) {
                for (int m = 0; m < shape[j]; m++) {
                    g[j] -= Math.log(1 - rng.nextDouble());
                }
                sum += g[j];
            }
            for (int j = 0; j < shape.length; j++) {
                out[i][j] = Math.log(g[j] / sum);
            }
        }
        return out;
    }

    @Test
    void theFitRecoversAKnownDirichletAndSolvesItsLikelihoodEquations() {
        int[] shape = {1, 2, 3, 6};
        double[][] logP = samples(shape, 20_000, 3);
        double[] a = DirichletScore.mle(logP);
        for (int j = 0; j < shape.length; j++) {
            assertEquals(shape[j], a[j], 0.06 * shape[j], "alpha_" + j);
        }
        // the MLE equations: psi(alpha_j) - psi(sum alpha) = mean_i log p_ij
        double sum = 0;
        for (double v : a) {
            sum += v;
        }
        for (int j = 0; j < shape.length; j++) {
            double meanLog = 0;
            for (double[] row : logP) {
                meanLog += row[j] / logP.length;
            }
            assertEquals(meanLog, DirichletScore.digamma(a[j]) - DirichletScore.digamma(sum), 1e-8, "equation " + j);
        }
    }

    @Test
    void theScoreIsTheNegativeLogDensityUpToAConstant() {
        int k = 3;
        double[][][] fit = new double[500][k][];
        double[][][] test = new double[5][k][];
        for (int t = 0; t < k; t++) {
            int[] shape = new int[k];
            java.util.Arrays.fill(shape, 1);
            shape[t] = 8; // transform t: mass on class t, as a trained classifier's outputs
            double[][] s = samples(shape, 505, 10 + t);
            for (int i = 0; i < 500; i++) {
                fit[i][t] = s[i];
            }
            for (int i = 0; i < 5; i++) {
                test[i][t] = s[500 + i];
            }
        }
        DirichletScore d = DirichletScore.fit(fit);
        double[] score = d.score(test);
        // log Dir(p; alpha) = log Gamma(sum alpha) - sum log Gamma(alpha_j) + sum (alpha_j - 1) log p_j; the constants
        // cancel in differences of the summed log densities of two images
        double[] logDensity = new double[5];
        for (int i = 0; i < 5; i++) {
            for (int t = 0; t < k; t++) {
                double[] a = d.alpha(t);
                for (int j = 0; j < k; j++) {
                    logDensity[i] += (a[j] - 1) * test[i][t][j];
                }
            }
        }
        for (int i = 1; i < 5; i++) {
            assertEquals(logDensity[0] - logDensity[i], score[i] - score[0], 1e-9);
        }
        // an image whose transforms all look like transform 0's output is less normal than a typical one
        double[][][] odd = new double[1][k][];
        for (int t = 0; t < k; t++) {
            odd[0][t] = test[0][0];
        }
        double typical = java.util.Arrays.stream(score).average().orElseThrow();
        assertTrue(d.score(odd)[0] > typical, "odd " + d.score(odd)[0] + " vs typical " + typical);
    }
}
