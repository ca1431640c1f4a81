package org.repcon.physics.integrators;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.repcon.physics.hamiltonian.systems.IdealSpring;

class DormandPrince45Test {

    @Test
    void exponentialDecayToReferenceAccuracy() {
        VectorField decay = (s, out) -> {
            for (int i = 0; i < s.length; i++) {
                out[i][0] = -0.5 * s[i][0];
            }
        };
        double[] times = {0, 0.1, 1, 1, 3.3, 10};
        double[][][] y = DormandPrince45.reference().integrate(decay, new double[][] {{2}, {-1}}, times);
        for (int k = 0; k < times.length; k++) {
            assertEquals(2 * Math.exp(-0.5 * times[k]), y[k][0][0], 1e-10);
            assertEquals(-Math.exp(-0.5 * times[k]), y[k][1][0], 1e-10);
        }
    }

    @Test
    void firstOutputIsACopyOfTheInitialState() {
        double[][] init = {{0.3, -0.2}};
        double[][][] y = DormandPrince45.reference().integrate(new IdealSpring().vectorField(), init, new double[] {5, 6});
        assertArrayEquals(init[0], y[0][0], 0);
        init[0][0] = 99;
        assertEquals(0.3, y[0][0][0], 0);
    }

    @Test
    void startsAtTheFirstOutputTime() {
        IdealSpring spring = new IdealSpring();
        double[][] y = DormandPrince45.reference().integrate(spring.vectorField(), 1, 0, new double[] {2, 2.5});
        double[] exact = new double[2];
        spring.exactState(1, 0, 0.5, exact);
        assertArrayEquals(exact, y[1], 1e-10);
    }

    @Test
    void rejectsDecreasingTimes() {
        assertThrows(IllegalArgumentException.class, () -> DormandPrince45.reference()
                .integrate(new IdealSpring().vectorField(), new double[][] {{1, 0}}, new double[] {0, 2, 1}));
    }

    @Test
    void failsLoudlyWhenTheStepBudgetIsExhausted() {
        DormandPrince45 tiny = new DormandPrince45(1e-12, 1e-14, 3);
        assertThrows(IllegalStateException.class, () -> tiny.integrate(new IdealSpring().vectorField(), 1, 0, new double[] {0, 100}));
    }
}
