package org.repcon.constraints.projection;

import org.repcon.DjlTestCase;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SimplexProjectionTest extends DjlTestCase {
    private final SimplexProjection euclidean = SimplexProjection.euclidean();

    /** Duchi et al. 2008, Fig. 1, in plain Java: rho = max{j : u_j - (sum_{r<=j} u_r - 1)/j > 0}. */
    static double[] reference(double[] v) {
        double[] u = v.clone();
        Arrays.sort(u);
        int d = u.length;
        double cumulative = 0;
        double theta = 0;
        for (int j = 1; j <= d; j++) {
            double uj = u[d - j]; // descending
            cumulative += uj;
            if (uj - (cumulative - 1) / j > 0) {
                theta = (cumulative - 1) / j;
            }
        }
        double[] w = new double[d];
        for (int i = 0; i < d; i++) {
            w[i] = Math.max(v[i] - theta, 0);
        }
        return w;
    }

    private double[] project(double... v) {
        return euclidean.forward(array(v, 1, v.length), true).toDoubleArray();
    }

    @Test
    void handExamples() {
        assertArrayEquals(new double[] {0.5, 0.5}, project(0.6, 0.6), 1e-15);
        assertArrayEquals(new double[] {1, 0}, project(2, 0), 1e-15);
        assertArrayEquals(new double[] {1, 0, 0}, project(3, 1, -2), 1e-15);
        assertArrayEquals(new double[] {0.6, 0.4, 0}, project(0.8, 0.6, 0), 1e-15); // theta = (1.4 - 1) / 2
        assertArrayEquals(new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0}, project(0, 0, 0), 1e-15);
        assertArrayEquals(new double[] {0, 1, 0}, project(-1, 5, -1), 1e-15);
    }

    @Test
    void pointsOnTheSimplexAreUnchanged() {
        double[] onSimplex = {0.1, 0.25, 0, 0.65};
        assertArrayEquals(onSimplex, project(onSimplex), 1e-15);
        assertArrayEquals(new double[] {0, 0, 1}, project(0, 0, 1), 1e-15);
        Random rng = new Random(2);
        NDArray z = array(uniform(rng, 8 * 6, -2, 2), 8, 6);
        NDArray once = euclidean.forward(z, true);
        assertArrayEquals(once.toDoubleArray(), euclidean.forward(once, true).toDoubleArray(), 1e-14, "idempotent");
    }

    @Test
    void matchesThePlainJavaReferenceOnRandomInputs() {
        Random rng = new Random(9);
        int b = 50;
        int d = 7;
        double[] v = new double[b * d];
        for (int i = 0; i < v.length; i++) {
            v[i] = rng.nextGaussian() * (1 + i % 3); // a mix of spreads: supports of every size
        }
        double[] p = euclidean.forward(array(v, b, d), true).toDoubleArray();
        int[] supportSizes = new int[d + 1];
        for (int s = 0; s < b; s++) {
            double[] row = Arrays.copyOfRange(v, s * d, (s + 1) * d);
            double[] got = Arrays.copyOfRange(p, s * d, (s + 1) * d);
            assertArrayEquals(reference(row), got, 1e-14, "sample " + s);
            assertEquals(1, Arrays.stream(got).sum(), 1e-14);
            assertTrue(Arrays.stream(got).allMatch(x -> x >= 0));
            supportSizes[(int) Arrays.stream(got).filter(x -> x > 0).count()]++;
        }
        assertTrue(supportSizes[1] > 0 && supportSizes[2] + supportSizes[3] + supportSizes[4] > 0,
                "the inputs should exercise several support sizes: " + Arrays.toString(supportSizes));
    }

    @Test
    void gradientOnTheSupportIsCenteredAndZeroOff() {
        // Jacobian I - 1 1^T / |S| on the support S, 0 off it: d (w . P(v)) / dv_i = w_i - mean_S(w) for i in S
        NDArray v = array(new double[] {0.8, 0.6, 0.0, 0.3}, 1, 4); // theta = (1.7 - 1) / 3, S = {0, 1, 3}
        double[] w = {1.0, -2.0, 5.0, 4.0};
        NDArray wa = array(w, 1, 4);
        double[] g = gradient(v, x -> euclidean.forward(x, true).mul(wa).sum());
        double meanS = (1.0 - 2.0 + 4.0) / 3;
        assertArrayEquals(new double[] {1.0 - meanS, -2.0 - meanS, 0, 4.0 - meanS}, g, 1e-14);
        assertArrayEquals(finiteDifference(v, x -> euclidean.forward(x, true).mul(wa).sum(), 1e-7), g, 1e-8);
    }

    @Test
    void matrixLatentsAndFloat32() {
        Random rng = new Random(4);
        NDArray z = array(uniform(rng, 2 * 3 * 2 * 2, -1, 1), 2, 3, 2, 2).toType(DataType.FLOAT32, false);
        for (SimplexProjection projection : new SimplexProjection[] {euclidean, SimplexProjection.softmax()}) {
            NDArray p = projection.forward(z, false);
            assertEquals(new Shape(2, 3, 2, 2), p.getShape());
            assertEquals(DataType.FLOAT32, p.getDataType());
            double[] sums = p.reshape(2, 12).sum(new int[] {1}).toType(DataType.FLOAT64, false).toDoubleArray();
            assertArrayEquals(new double[] {1, 1}, sums, 1e-6, projection + ": each sample sums to 1 as a whole");
            assertTrue(p.gte(0).all().getBoolean(), projection + ": nonnegative");
        }
    }

    @Test
    void softmaxByHand() {
        double[] p = SimplexProjection.softmax().forward(array(new double[] {0, Math.log(3)}, 1, 2), true).toDoubleArray();
        assertArrayEquals(new double[] {0.25, 0.75}, p, 1e-15);
        // not a projection: a point on the simplex moves
        double[] q = SimplexProjection.softmax().forward(array(new double[] {0, 1}, 1, 2), true).toDoubleArray();
        assertTrue(q[1] < 0.99, Arrays.toString(q));
    }
}
