package org.repcon.conditions;

import org.repcon.DjlTestCase;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SparsityUnitSphereIntegrityTest extends DjlTestCase {
    record Out(NDArray z) {}

    private final double[] z = {3, -4, 0, 0.5, 0.5, 0};

    @Test
    void sparsityIsTheMeanOverTheBatchOfTheL1Norm() {
        // |3| + |-4| + 0 = 7, 0.5 + 0.5 + 0 = 1
        assertEquals(4.0, value(Sparsity.l1(Out::z).compute(new Out(array(z, 2, 3)))), 1e-15);
        assertEquals(4.0, value(Sparsity.l1(array(z, 2, 3, 1, 1))), 1e-15, "matrix latent");
        assertArrayEquals(new double[] {0.5, -0.5, 0, 0.5, 0.5, 0}, gradient(array(z, 2, 3), Sparsity::l1), 1e-15);
    }

    @Test
    void unitSphereIsZeroOnUnitVectorsAndByHandOtherwise() {
        Random rng = new Random(3);
        double[] v = uniform(rng, 5 * 4, -1, 1);
        for (int b = 0; b < 5; b++) {
            double n = Math.sqrt(Arrays.stream(v, b * 4, b * 4 + 4).map(x -> x * x).sum());
            for (int i = 0; i < 4; i++) {
                v[b * 4 + i] /= n;
            }
        }
        assertEquals(0, value(UnitSphere.penalty(array(v, 5, 4))), 1e-15);
        // norms 5 and 1/sqrt(2): ((5 - 1)^2 + (0.7071 - 1)^2) / 2
        double expected = (16 + Math.pow(Math.sqrt(0.5) - 1, 2)) / 2;
        assertEquals(expected, value(UnitSphere.penalty(Out::z).compute(new Out(array(z, 2, 3)))), 1e-14);
        assertEquals(expected, value(UnitSphere.penalty(array(z, 2, 1, 3, 1))), 1e-14, "matrix latent");
    }

    @Test
    void unitSphereGradientIsRadialAndFiniteAtZero() {
        // d/dz (|z| - 1)^2 / B = 2 (|z| - 1) z / |z| / B
        NDArray a = array(new double[] {3, 4, 0, 0}, 2, 2);
        double[] g = gradient(a, UnitSphere::penalty);
        assertArrayEquals(new double[] {2 * 4 * 0.6 / 2, 2 * 4 * 0.8 / 2, 0, 0}, g, 1e-14);
        assertTrue(Arrays.stream(g).allMatch(Double::isFinite), Arrays.toString(g));
    }

    @Test
    void integrityIsTheMeanSquaredDeviationOfTheSumFromOne() {
        // sums -1 and 1: ((-2)^2 + 0) / 2
        assertEquals(2.0, value(Integrity.penalty(Out::z).compute(new Out(array(z, 2, 3)))), 1e-15);
        assertEquals(0.0, value(Integrity.penalty(array(new double[] {0.2, 0.3, 0.5, 1, 0, 0}, 2, 3))), 1e-15);
        assertEquals(2.0, value(Integrity.penalty(array(z, 2, 3, 1, 1))), 1e-15, "matrix latent");
        // d/dz_i = 2 (sum - 1) / B
        assertArrayEquals(new double[] {-2, -2, -2, 0, 0, 0}, gradient(array(z, 2, 3), Integrity::penalty), 1e-15);
    }
}
