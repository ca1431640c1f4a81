package org.repcon.physics.hamiltonian.systems;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.repcon.physics.integrators.DormandPrince45;
import org.repcon.physics.integrators.Rk4;

class IdealPendulumTest {

    @Test
    void paperCodeHamiltonianAndDynamics() {
        IdealPendulum pend = new IdealPendulum();
        assertEquals(3 * (1 - Math.cos(0.9)) + 0.4 * 0.4, pend.energy(0.9, 0.4), 1e-15);
        double[] d = new double[2];
        pend.timeDerivative(0.9, 0.4, d);
        assertEquals(0.8, d[0], 1e-15);
        assertEquals(-3 * Math.sin(0.9), d[1], 1e-15);
    }

    @Test
    void timeDerivativeIsTheSymplecticGradientOfH() {
        for (HamiltonianSystem s : new HamiltonianSystem[] {new IdealPendulum(), IdealPendulum.asWrittenInPaper()}) {
            double q = 1.7;
            double p = -0.6;
            double eps = 1e-6;
            double dHdq = (s.energy(q + eps, p) - s.energy(q - eps, p)) / (2 * eps);
            double dHdp = (s.energy(q, p + eps) - s.energy(q, p - eps)) / (2 * eps);
            double[] d = new double[2];
            s.timeDerivative(q, p, d);
            assertEquals(dHdp, d[0], 1e-8);
            assertEquals(-dHdq, d[1], 1e-8);
        }
    }

    @Test
    void accurateIntegratorConservesEnergyOverTwentyTimeUnits() {
        IdealPendulum pend = new IdealPendulum();
        TrajectoryProtocol protocol = pend.paperProtocol();
        SplittableRandom rng = new SplittableRandom(7);
        double[][] starts = new double[20][];
        for (int i = 0; i < starts.length; i++) {
            starts[i] = protocol.sampleInitialState(rng);
        }
        double[] times = Rk4.times(0, 20, 200);
        double[][][] path = DormandPrince45.reference().integrate(pend.vectorField(), starts, times);
        double maxDrift = 0;
        for (double[][] atT : path) {
            for (int i = 0; i < starts.length; i++) {
                maxDrift = Math.max(maxDrift, Math.abs(pend.energy(atT[i]) - pend.energy(starts[i])));
            }
        }
        assertTrue(maxDrift < 1e-9, "max |H(t) - H(0)| = " + maxDrift);
    }

    @Test
    void paperTextAndCodeHamiltoniansGiveTheSameAngleMotion() {
        // code: (q, p_c) with H = 3(1-cos q) + p_c^2 ; text: (q, p_t) with H = 6(1-cos q) + p_t^2/2 ; p_t = 2 p_c
        double q0 = 1.1;
        double pc0 = 0.8;
        double[] times = Rk4.times(0, 10, 50);
        DormandPrince45 dp = DormandPrince45.reference();
        double[][] code = dp.integrate(new IdealPendulum().vectorField(), q0, pc0, times);
        double[][] text = dp.integrate(IdealPendulum.asWrittenInPaper().vectorField(), q0, 2 * pc0, times);
        for (int k = 0; k < times.length; k++) {
            assertEquals(code[k][0], text[k][0], 1e-8);
            assertEquals(2 * code[k][1], text[k][1], 1e-8);
        }
    }

    @Test
    void paperProtocol() {
        TrajectoryProtocol p = new IdealPendulum().paperProtocol();
        assertEquals(3, p.tEnd(), 0);
        assertEquals(45, p.observations());
        assertEquals(0.1, p.noiseStd(), 0);
        SplittableRandom rng = new SplittableRandom(1);
        for (int i = 0; i < 1000; i++) {
            double[] y0 = p.sampleInitialState(rng);
            double r = Math.hypot(y0[0], y0[1]);
            assertTrue(r >= 1.3 - 1e-12 && r < 2.3 + 1e-12, "radius " + r);
        }
    }
}
