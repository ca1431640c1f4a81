package org.repcon.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LatentStatisticsTest {
    @Test
    void sparsityCountsEntriesBelowTolerance() {
        double[][] z = {{0, 0.5}, {1e-4, -2e-3}};
        assertEquals(0.5, LatentStatistics.sparsity(z), 0);
        assertEquals(0.75, LatentStatistics.sparsity(z, 1e-2), 0);
        assertEquals(0.0, LatentStatistics.sparsity(z, 0), 0);
    }

    @Test
    void sphereAndSimplexViolations() {
        assertEquals(2.0, LatentStatistics.sphereViolation(new double[][] {{3, 4}, {0, 1}}), 1e-15);
        assertEquals(0.0, LatentStatistics.sphereViolation(new double[][] {{0.6, -0.8}}), 1e-15);
        assertEquals(1.0, LatentStatistics.simplexViolation(new double[][] {{0.2, 0.3, 0.5}, {1, 1, 1}}), 1e-15);
    }

    @Test
    void activeUnitsUsePopulationVarianceOfTheMeans() {
        double[][] mu = {{0, 0.1, 0}, {1, 0.1, 0.1}, {0, 0.1, 0}, {1, 0.1, 0.1}};
        // column variances: 0.25, 0, 0.0025
        assertEquals(1, LatentStatistics.activeUnits(mu));
        assertEquals(2, LatentStatistics.activeUnits(mu, 0.001));
        assertEquals(0, LatentStatistics.activeUnits(mu, 0.3));
        assertEquals(0.0025, LatentStatistics.columnVariances(mu, 3)[2], 1e-15);
    }

    @Test
    void gaussianKlMatchesHandValue() {
        double[][] mu = {{1, 0}, {0, 0}};
        double[][] logvar = {{0, Math.log(2)}, {0, 0}};
        // sample 1: 0.5 [(1 + 1 - 0 - 1) + (0 + 2 - ln 2 - 1)] = 1 - ln(2)/2; sample 2: 0
        assertEquals((1 - Math.log(2) / 2) / 2, LatentStatistics.gaussianKl(mu, logvar), 1e-15);
    }

    @Test
    void perplexityOfCodeUsage() {
        assertEquals(4.0, LatentStatistics.perplexity(new long[] {5, 5, 0, 5, 5}), 1e-12);
        assertEquals(1.0, LatentStatistics.perplexity(new long[] {0, 7, 0}), 0);
        assertEquals(1.7547654, LatentStatistics.perplexity(new long[] {1, 3}), 1e-7);
    }

    @Test
    void invarianceErrorIsRelativeMeanAbsoluteChange() {
        double[][] z = {{1, -1}, {2, 0}};
        double[][] zt = {{1, -0.5}, {1, 0}};
        assertEquals(0.375, LatentStatistics.invarianceError(z, zt), 1e-15);
        assertEquals(0.0, LatentStatistics.invarianceError(z, z), 0);
    }

    @Test
    void badInputIsRejectedWithAClearMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LatentStatistics.gaussianKl(new double[2][3], new double[2][2]));
        assertTrue(e.getMessage().contains("logvar"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> LatentStatistics.sphereViolation(new double[][] {{1, 2}, {3}}));
        assertTrue(e.getMessage().contains("not rectangular"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> LatentStatistics.sparsity(new double[][] {{Double.NaN}}));
        assertTrue(e.getMessage().contains("not finite"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LatentStatistics.perplexity(new long[] {0, 0}));
        assertThrows(IllegalArgumentException.class, () -> LatentStatistics.perplexity(new long[] {3, -1}));
        assertThrows(IllegalArgumentException.class,
                () -> LatentStatistics.invarianceError(new double[2][2], new double[2][2]));
        assertThrows(IllegalArgumentException.class, () -> LatentStatistics.sparsity(new double[0][]));
    }
}
