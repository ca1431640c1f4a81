package org.repcon.physics.hamiltonian.systems;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.repcon.physics.integrators.DormandPrince45;
import org.repcon.physics.integrators.Rk4;

class IdealSpringTest {

    @Test
    void paperCodeDynamicsAreDqEqualsTwoPAndDpEqualsMinusTwoQ() {
        IdealSpring spring = new IdealSpring();
        double[] d = new double[2];
        spring.timeDerivative(0.3, -0.7, d);
        assertEquals(2 * -0.7, d[0], 0);
        assertEquals(-2 * 0.3, d[1], 0);
        assertEquals(0.3 * 0.3 + 0.7 * 0.7, spring.energy(0.3, -0.7), 1e-15);
        assertEquals(2.0, spring.angularFrequency(), 0);
    }

    @Test
    void timeDerivativeIsTheSymplecticGradientOfH() {
        for (HamiltonianSystem s : new HamiltonianSystem[] {new IdealSpring(), new IdealSpring(0.7, 1.9)}) {
            double q = 0.37;
            double p = -0.81;
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
    void closedFormIsRCosTwoTPlusPhi() {
        // a = b = 1: q = r cos(2t + phi), p = -r sin(2t + phi), r = |(q0,p0)|, phi = atan2(-p0, q0)
        IdealSpring spring = new IdealSpring();
        double q0 = 0.4;
        double p0 = -0.55;
        double r = Math.hypot(q0, p0);
        double phi = Math.atan2(-p0, q0);
        double[] out = new double[2];
        for (double t = 0; t <= 20; t += 0.37) {
            spring.exactState(q0, p0, t, out);
            assertEquals(r * Math.cos(2 * t + phi), out[0], 1e-13);
            assertEquals(-r * Math.sin(2 * t + phi), out[1], 1e-13);
        }
    }

    @Test
    void accurateIntegratorMatchesClosedFormTo1eMinus8OverTwentyTimeUnits() {
        for (IdealSpring spring : new IdealSpring[] {new IdealSpring(), new IdealSpring(0.5, 0.5), new IdealSpring(1.3, 0.4)}) {
            double[][] starts = {{1, 0}, {0.05, -0.08}, {-0.6, 0.7}, {0, 1}};
            double[] times = Rk4.times(0, 20, 400);
            double[][][] path = DormandPrince45.reference().integrate(spring.vectorField(), starts, times);
            double[] exact = new double[2];
            double maxErr = 0;
            for (int k = 0; k < times.length; k++) {
                for (int i = 0; i < starts.length; i++) {
                    spring.exactState(starts[i][0], starts[i][1], times[k], exact);
                    maxErr = Math.max(maxErr, Math.abs(path[k][i][0] - exact[0]));
                    maxErr = Math.max(maxErr, Math.abs(path[k][i][1] - exact[1]));
                }
            }
            assertTrue(maxErr < 1e-8, spring + ": max |DP45 - closed form| = " + maxErr);
        }
    }

    @Test
    void physicalParametrisation() {
        IdealSpring s = IdealSpring.fromStiffnessAndMass(1, 1);
        assertEquals(0.5, s.positionCoefficient(), 0);
        assertEquals(0.5, s.momentumCoefficient(), 0);
        assertEquals(1.0, s.angularFrequency(), 1e-15);
    }

    @Test
    void paperProtocol() {
        TrajectoryProtocol p = new IdealSpring().paperProtocol();
        assertEquals(0, p.tStart(), 0);
        assertEquals(3, p.tEnd(), 0);
        assertEquals(30, p.observations());
        assertEquals(0.1, p.noiseStd(), 0);
        double[] t = p.observationTimes();
        assertEquals(30, t.length);
        assertEquals(0, t[0], 0);
        assertEquals(3, t[29], 0);
        assertEquals(3.0 / 29, t[1], 1e-15);
    }
}
