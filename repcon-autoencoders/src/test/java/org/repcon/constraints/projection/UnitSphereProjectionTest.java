package org.repcon.constraints.projection;

import org.repcon.DjlTestCase;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.junit.jupiter.api.Test;

class UnitSphereProjectionTest extends DjlTestCase {
    private final UnitSphereProjection sphere = new UnitSphereProjection();

    @Test
    void handValuesAndTheZeroVector() {
        NDArray z = array(new double[] {3, 4, 0, 0, 0, 0, 0, 2e-13}, 4, 2);
        double[] p = sphere.forward(z, true).toDoubleArray();
        assertArrayEquals(new double[] {0.6, 0.8, 0, 0, 0, 0, 0, 0.2}, p, 1e-15);
        // below eps the vector is scaled by 1/eps instead (here 0.2: not on the sphere, and not NaN)
    }

    @Test
    void outputsAreOnTheSphereForVectorAndMatrixLatents() {
        Random rng = new Random(5);
        NDArray z = array(uniform(rng, 6 * 5, -3, 3), 6, 5);
        double[] p = sphere.forward(z, false).toDoubleArray();
        for (int b = 0; b < 6; b++) {
            double ss = 0;
            for (int i = 0; i < 5; i++) {
                ss += p[b * 5 + i] * p[b * 5 + i];
            }
            assertEquals(1, ss, 1e-14);
        }
        NDArray m = array(uniform(rng, 3 * 2 * 2 * 2, -1, 1), 3, 2, 2, 2);
        NDArray pm = sphere.forward(m, true);
        assertEquals(new Shape(3, 2, 2, 2), pm.getShape());
        double[] norms = pm.reshape(3, 8).square().sum(new int[] {1}).toDoubleArray();
        assertArrayEquals(new double[] {1, 1, 1}, norms, 1e-14, "a matrix latent is normalised as a whole");
    }

    @Test
    void gradientIsTheTangentProjection() {
        // d (w . z/|z|) / dz = (w - (w . u) u) / |z| with u = z/|z|
        NDArray z = array(new double[] {1, 2, 2}, 1, 3);
        NDArray w = array(new double[] {0.5, -1, 2}, 1, 3);
        double[] g = gradient(z, x -> sphere.forward(x, true).mul(w).sum());
        double[] u = {1 / 3.0, 2 / 3.0, 2 / 3.0};
        double wu = 0.5 / 3 - 2 / 3.0 + 4 / 3.0;
        double[] expected = new double[3];
        for (int i = 0; i < 3; i++) {
            expected[i] = (w.toDoubleArray()[i] - wu * u[i]) / 3;
        }
        assertArrayEquals(expected, g, 1e-14);
    }

    @Test
    void validation() {
        assertThrows(IllegalArgumentException.class, () -> new UnitSphereProjection(0));
        assertThrows(IllegalArgumentException.class, () -> sphere.forward(array(new double[] {1, 2}, 2), true));
    }
}
