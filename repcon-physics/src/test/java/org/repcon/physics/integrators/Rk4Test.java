package org.repcon.physics.integrators;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.repcon.physics.hamiltonian.systems.EnergyEvaluation;
import org.repcon.physics.hamiltonian.systems.HamiltonianSystem;
import org.repcon.physics.hamiltonian.systems.IdealPendulum;
import org.repcon.physics.hamiltonian.systems.IdealSpring;
import org.repcon.physics.hamiltonian.systems.RolloutGrid;

class Rk4Test {

    /** dy/dt = -y (any dimension). */
    private static final VectorField DECAY = (s, out) -> {
        for (int i = 0; i < s.length; i++) {
            for (int j = 0; j < s[i].length; j++) {
                out[i][j] = -s[i][j];
            }
        }
    };

    @Test
    void oneStepIsTheFourthOrderTaylorPolynomial() {
        double h = 0.3;
        double[][] next = new double[1][1];
        Rk4.step(DECAY, new double[][] {{2.0}}, h, next);
        double taylor = 2.0 * (1 - h + h * h / 2 - h * h * h / 6 + h * h * h * h / 24);
        assertEquals(taylor, next[0][0], 1e-15);
    }

    @Test
    void rolloutShapeTimesAndOneBatchedCallPerStage() {
        AtomicInteger calls = new AtomicInteger();
        VectorField counted = (s, out) -> {
            calls.incrementAndGet();
            DECAY.evaluate(s, out);
        };
        double[][] init = {{1, 2}, {3, 4}, {5, 6}};
        double[][][] path = Rk4.rollout(counted, init, 0, 1, 10);
        assertEquals(11, path.length);
        assertEquals(3, path[0].length);
        assertEquals(2, path[0][0].length);
        assertArrayEquals(init[2], path[0][2], 0);
        assertEquals(40, calls.get());
        double[] t = Rk4.times(0, 1, 10);
        assertEquals(0.1, t[1], 1e-16);
        assertEquals(1.0, t[10], 0);
        double perStep = 1 - 0.1 + 0.01 / 2 - 0.001 / 6 + 0.0001 / 24; // RK4 amplification for dy/dt = -y
        assertEquals(5 * Math.pow(perStep, 10), path[10][2][0], 1e-14);
        assertEquals(5 * Math.exp(-1), path[10][2][0], 1e-5);
    }

    @Test
    void doesNotModifyInitialStates() {
        double[][] init = {{1, 2}};
        Rk4.rollout(DECAY, init, 0, 1, 3);
        assertArrayEquals(new double[] {1, 2}, init[0], 0);
    }

    @Test
    void globalErrorIsFourthOrder() {
        IdealSpring spring = new IdealSpring();
        double[] exact = new double[2];
        spring.exactState(0.7, 0.2, 5, exact);
        double e1 = error(spring, 100, exact);
        double e2 = error(spring, 200, exact);
        double order = Math.log(e1 / e2) / Math.log(2);
        assertEquals(4.0, order, 0.1);
    }

    private static double error(IdealSpring spring, int steps, double[] exact) {
        double[][][] path = Rk4.rollout(spring.vectorField(), new double[][] {{0.7, 0.2}}, 0, 5, steps);
        double[] end = path[steps][0];
        return Math.hypot(end[0] - exact[0], end[1] - exact[1]);
    }

    @Test
    void trueFieldsConserveEnergyToBelow1eMinus6OnTheEvaluationGrid() {
        RolloutGrid grid = RolloutGrid.paperEvaluationGrid();
        for (HamiltonianSystem system : new HamiltonianSystem[] {new IdealSpring(), new IdealPendulum()}) {
            // the data protocol's initial states plus the paper's evaluation initial states
            SplittableRandom rng = new SplittableRandom(11);
            double[][] starts = new double[40][];
            for (int i = 0; i < 25; i++) {
                starts[i] = system.paperProtocol().sampleInitialState(rng);
            }
            double[][] paper = EnergyEvaluation.paperInitialStates(15, 3L);
            System.arraycopy(paper, 0, starts, 25, 15);
            double[][][] path = Rk4.rollout(system.vectorField(), starts, grid.tStart(), grid.tEnd(), grid.steps());
            double maxDrift = 0;
            for (double[][] atT : path) {
                for (int i = 0; i < starts.length; i++) {
                    maxDrift = Math.max(maxDrift, Math.abs(system.energy(atT[i]) - system.energy(starts[i])));
                }
            }
            assertTrue(maxDrift < 1e-6, system.name() + ": RK4 energy drift " + maxDrift);
        }
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> Rk4.rollout(DECAY, new double[][] {{1}}, 0, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> Rk4.rollout(DECAY, new double[0][], 0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> Rk4.rollout(DECAY, new double[][] {{1}, {1, 2}}, 0, 1, 1));
    }
}
