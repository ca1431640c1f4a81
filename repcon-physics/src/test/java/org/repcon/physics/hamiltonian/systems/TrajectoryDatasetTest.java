package org.repcon.physics.hamiltonian.systems;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TrajectoryDatasetTest {

    @Test
    void springShapesMatchThePaper() {
        TrajectoryDataset ds = TrajectoryDataset.paperDefault(new IdealSpring(), 0);
        assertEquals(50, ds.trajectoryCount());
        assertEquals(30, ds.observationsPerTrajectory());
        for (TrajectoryDataset.Split s : new TrajectoryDataset.Split[] {ds.train(), ds.test()}) {
            assertEquals(750, s.size());
            assertEquals(750, s.x().length);
            assertEquals(750, s.dx().length);
            assertEquals(750, s.cleanX().length);
            assertEquals(750, s.t().length);
            assertEquals(750, s.trajectory().length);
            assertEquals(25, s.trajectoryCount());
            assertEquals(25, s.initialStates().length);
            for (double[] row : s.x()) {
                assertEquals(2, row.length);
            }
        }
        assertArrayEquals(IntStream.range(0, 25).toArray(), ds.train().trajectoryIds());
        assertArrayEquals(IntStream.range(25, 50).toArray(), ds.test().trajectoryIds());
        // each trajectory: 30 consecutive rows at linspace(0, 3, 30)
        double[] t = new IdealSpring().paperProtocol().observationTimes();
        for (int r = 0; r < 750; r++) {
            assertEquals(r / 30, ds.train().trajectory()[r]);
            assertEquals(25 + r / 30, ds.test().trajectory()[r]);
            assertEquals(t[r % 30], ds.test().t()[r], 0);
        }
        // the first clean row of each trajectory is its initial state
        for (int k = 0; k < 25; k++) {
            assertArrayEquals(ds.testInitialStates()[k], ds.test().cleanX()[30 * k], 0);
        }
    }

    @Test
    void pendulumShapesMatchThePaper() {
        TrajectoryDataset ds = TrajectoryDataset.paperDefault(new IdealPendulum(), 0);
        assertEquals(45, ds.observationsPerTrajectory());
        assertEquals(1125, ds.train().size());
        assertEquals(1125, ds.test().size());
        assertEquals(25, ds.test().trajectoryCount());
    }

    @Test
    void sameSeedGivesIdenticalArraysDifferentSeedDoesNot() {
        IdealSpring spring = new IdealSpring();
        TrajectoryDataset a = TrajectoryDataset.paperDefault(spring, 42);
        TrajectoryDataset b = TrajectoryDataset.paperDefault(spring, 42);
        TrajectoryDataset c = TrajectoryDataset.paperDefault(spring, 43);
        assertTrue(Arrays.deepEquals(a.train().x(), b.train().x()));
        assertTrue(Arrays.deepEquals(a.test().x(), b.test().x()));
        assertTrue(Arrays.deepEquals(a.train().dx(), b.train().dx()));
        assertTrue(Arrays.deepEquals(a.test().dx(), b.test().dx()));
        assertTrue(Arrays.deepEquals(a.initialStates(), b.initialStates()));
        assertFalse(Arrays.deepEquals(a.train().x(), c.train().x()));
        assertFalse(Arrays.deepEquals(a.test().dx(), c.test().dx()));
        assertFalse(Arrays.deepEquals(a.initialStates(), c.initialStates()));
    }

    @Test
    void noiseHasTheProtocolStandardDeviation() {
        for (HamiltonianSystem system : new HamiltonianSystem[] {new IdealSpring(), new IdealPendulum()}) {
            TrajectoryDataset ds = TrajectoryDataset.paperDefault(system, 5);
            double sum = 0;
            double sumSq = 0;
            int count = 0;
            for (TrajectoryDataset.Split s : new TrajectoryDataset.Split[] {ds.train(), ds.test()}) {
                for (int r = 0; r < s.size(); r++) {
                    for (int j = 0; j < 2; j++) {
                        double e = s.x()[r][j] - s.cleanX()[r][j];
                        sum += e;
                        sumSq += e * e;
                        count++;
                    }
                }
            }
            double mean = sum / count;
            double std = Math.sqrt(sumSq / count - mean * mean);
            double sigma = 0.1;
            // 5 standard errors: se(mean) = sigma/sqrt(n), se(std) ~ sigma/sqrt(2n)
            assertEquals(0, mean, 5 * sigma / Math.sqrt(count), system.name() + " noise mean");
            assertEquals(sigma, std, 5 * sigma / Math.sqrt(2.0 * count), system.name() + " noise std");
        }
    }

    @Test
    void targetsAreTheCleanDerivativesAndCleanStatesLieOnOneEnergyLevel() {
        for (HamiltonianSystem system : new HamiltonianSystem[] {new IdealSpring(), new IdealPendulum()}) {
            TrajectoryDataset ds = TrajectoryDataset.paperDefault(system, 9);
            double[] d = new double[2];
            TrajectoryDataset.Split s = ds.train();
            for (int r = 0; r < s.size(); r++) {
                system.timeDerivative(s.cleanX()[r][0], s.cleanX()[r][1], d);
                assertArrayEquals(d, s.dx()[r], 0);
                double h0 = system.energy(ds.initialStates()[s.trajectory()[r]]);
                assertEquals(h0, system.energy(s.cleanX()[r]), 1e-9);
            }
        }
    }

    @Test
    void springCleanStatesMatchTheClosedForm() {
        IdealSpring spring = new IdealSpring();
        TrajectoryDataset ds = TrajectoryDataset.paperDefault(spring, 3);
        double[] exact = new double[2];
        TrajectoryDataset.Split s = ds.test();
        for (int r = 0; r < s.size(); r++) {
            double[] y0 = ds.initialStates()[s.trajectory()[r]];
            spring.exactState(y0[0], y0[1], s.t()[r], exact);
            assertArrayEquals(exact, s.cleanX()[r], 1e-9);
        }
    }

    @Test
    void initialRadiiFollowTheProtocol() {
        TrajectoryDataset ds = TrajectoryDataset.generate(new IdealSpring(), new IdealSpring().paperProtocol(), 500, 0.5, 1);
        for (double[] y0 : ds.initialStates()) {
            double r = Math.hypot(y0[0], y0[1]);
            assertTrue(r >= 0.1 - 1e-12 && r < 1.0 + 1e-12, "radius " + r);
        }
    }

    @Test
    void splitAtAnArbitraryFractionFollowsTheConcatenatedRows() {
        TrajectoryDataset ds = TrajectoryDataset.generate(new IdealSpring(), new IdealSpring().paperProtocol(), 4, 0.3, 2);
        assertEquals(36, ds.train().size()); // int(120 * 0.3)
        assertEquals(84, ds.test().size());
        assertArrayEquals(new int[] {0, 1}, ds.train().trajectoryIds());
        assertArrayEquals(new int[] {1, 2, 3}, ds.test().trajectoryIds());
    }

    @Test
    void noiselessProtocolGivesCleanObservations() {
        IdealSpring spring = new IdealSpring();
        TrajectoryDataset ds = TrajectoryDataset.generate(spring, spring.paperProtocol().withNoiseStd(0), 2, 0.5, 0);
        assertTrue(Arrays.deepEquals(ds.train().x(), ds.train().cleanX()));
    }
}
