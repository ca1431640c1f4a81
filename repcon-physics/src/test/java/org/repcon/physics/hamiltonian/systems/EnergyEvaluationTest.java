package org.repcon.physics.hamiltonian.systems;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.repcon.physics.integrators.VectorField;

class EnergyEvaluationTest {

    @Test
    void paperGridScoresExactlyLinspaceZeroTwentyHundred() {
        RolloutGrid grid = RolloutGrid.paperEvaluationGrid();
        double[] t = grid.times();
        int[] idx = grid.evaluationIndices();
        assertEquals(1981, t.length);
        assertEquals(100, idx.length);
        assertEquals(20.0 / 1980, grid.dt(), 1e-17);
        for (int k = 0; k < 100; k++) {
            assertEquals(20.0 * k / 99, t[idx[k]], 1e-12);
        }
    }

    @Test
    void trueFieldHasZeroEnergyAndStateError() {
        for (HamiltonianSystem system : new HamiltonianSystem[] {new IdealSpring(), new IdealPendulum()}) {
            TrajectoryDataset ds = TrajectoryDataset.paperDefault(system, 0);
            EnergyEvaluation.Result r = EnergyEvaluation.evaluate(
                    system, system.vectorField(), ds.testInitialStates(), RolloutGrid.paperEvaluationGrid());
            assertEquals(25, r.trajectoryCount());
            assertEquals(1981, r.times().length);
            assertEquals(1981, r.modelStates().length);
            assertEquals(25, r.modelStates()[0].length);
            assertTrue(r.meanEnergyMse() < 1e-14, system.name() + " energy MSE " + r.meanEnergyMse());
            assertTrue(r.meanStateMse() < 1e-12, system.name() + " state MSE " + r.meanStateMse());
            for (double e : r.energyMse()) {
                assertTrue(e < 1e-14);
            }
        }
    }

    @Test
    void contractingModelHasTheAnalyticEnergyMse() {
        // model f(y) = -g y  =>  y(t) = y0 exp(-g t); spring energy r^2 exp(-2 g t) vs true r^2
        double g = 0.05;
        VectorField contraction = (s, out) -> {
            for (int i = 0; i < s.length; i++) {
                out[i][0] = -g * s[i][0];
                out[i][1] = -g * s[i][1];
            }
        };
        IdealSpring spring = new IdealSpring();
        double[][] starts = {{0.6, 0.0}, {-0.3, 0.4}};
        EnergyEvaluation.Result r = EnergyEvaluation.evaluate(spring, contraction, starts, RolloutGrid.paperEvaluationGrid());
        for (int i = 0; i < starts.length; i++) {
            double r2 = spring.energy(starts[i]);
            double expected = 0;
            for (int k = 0; k < 100; k++) {
                double t = 20.0 * k / 99;
                double d = r2 * (1 - Math.exp(-2 * g * t));
                expected += d * d;
            }
            expected /= 100;
            assertEquals(expected, r.energyMse()[i], 1e-10 * expected);
        }
        assertEquals((r.energyMse()[0] + r.energyMse()[1]) / 2, r.meanEnergyMse(), 1e-18);
        assertTrue(r.meanStateMse() > 0.01);
        // plotting arrays are consistent with the scores
        double[][] path = r.modelPath(1);
        assertEquals(1981, path.length);
        assertEquals(-0.3 * Math.exp(-g * 20), path[1980][0], 1e-9);
        assertEquals(spring.energy(path[1980]), r.modelEnergy()[1980][1], 0);
    }

    @Test
    void paperSquaredNormMeasureDiffersFromThePendulumHamiltonian() {
        IdealPendulum pend = new IdealPendulum();
        VectorField slow = (s, out) -> {
            pend.vectorField().evaluate(s, out);
            for (double[] row : out) {
                row[0] *= 0.9;
                row[1] *= 0.9;
            }
        };
        double[][] starts = EnergyEvaluation.paperInitialStates(15, 0L);
        // a time-rescaled true field conserves H exactly, so the true-H energy MSE is only integrator noise...
        EnergyEvaluation.Result h = EnergyEvaluation.evaluate(pend, slow, starts, RolloutGrid.paperEvaluationGrid());
        assertTrue(h.meanEnergyMse() < 1e-14, "true-H energy MSE " + h.meanEnergyMse());
        // ...while q^2 + p^2 (the paper notebooks' energy_loss) is not conserved along pendulum orbits
        EnergyEvaluation.Result sq = EnergyEvaluation.evaluate(
                pend, slow, starts, RolloutGrid.paperEvaluationGrid(), EnergyMeasure.PAPER_SQUARED_NORM);
        assertTrue(sq.meanEnergyMse() > 1e-4, "q^2+p^2 MSE " + sq.meanEnergyMse());
        assertTrue(sq.meanStateMse() > 1e-3);
    }

    @Test
    void paperInitialStatesHaveCoordinatesInPlusMinusPointTwoToOne() {
        double[][] x0 = EnergyEvaluation.paperInitialStates(10_000, 123L);
        boolean sawNegative = false;
        boolean sawPositive = false;
        for (double[] s : x0) {
            for (double v : s) {
                assertTrue(Math.abs(v) >= 0.2 && Math.abs(v) < 1.0, "coordinate " + v);
                sawNegative |= v < 0;
                sawPositive |= v > 0;
            }
        }
        assertTrue(sawNegative && sawPositive);
    }

    @Test
    void bootstrapConfidenceMatchesTheNotebookFormula() {
        // chunk means 1, 2, 3, 4, 5 -> population std sqrt(2), divided by sqrt(5)
        double[] v = {1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4, 5, 5, 5};
        assertEquals(Math.sqrt(2) / Math.sqrt(5), EnergyEvaluation.paperBootstrapConfidence(v, 5), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> EnergyEvaluation.paperBootstrapConfidence(new double[7], 5));
    }
}
