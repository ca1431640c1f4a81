package org.repcon.transformations.latent;

import org.repcon.DjlTestCase;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.repcon.nn.Matrices;

class InvarianceTest extends DjlTestCase {
    record Views(NDArray z, NDArray zTransformed) {}

    /** Translation by (dy, dx) pixels with wrap-around of images [B, C, H, W]. */
    private static NDArray shift(NDArray images, int dy, int dx) {
        long h = images.getShape().get(2);
        long w = images.getShape().get(3);
        NDArray rows = images.get(":, :, " + (h - dy) + ":, :").concat(images.get(":, :, :" + (h - dy) + ", :"), 2);
        return rows.get(":, :, :, " + (w - dx) + ":").concat(rows.get(":, :, :, :" + (w - dx)), 3);
    }

    private NDArray images() {
        return array(uniform(new Random(8), 3 * 2 * 5 * 6, 0, 1), 3, 2, 5, 6);
    }

    @Test
    void handValueIsTheSquaredDistancePerLatentValue() {
        Views v = new Views(array(new double[] {1, 2, 3, 4}, 2, 2), array(new double[] {1, 2, 3, 6}, 2, 2));
        // ||.||^2 = 0 and 4, / D = 2 -> 0 and 2, mean 1
        assertEquals(1.0, value(Invariance.of(Views::z, Views::zTransformed).compute(v)), 1e-15);
        assertEquals(1.0, value(Invariance.of(array(new double[] {1, 2, 3, 4}, 2, 1, 2, 1),
                array(new double[] {1, 2, 3, 6}, 2, 1, 2, 1))), 1e-15, "matrix latent");
        // d/dzT = 2 (zT - z) / (B D)
        assertArrayEquals(new double[] {0, 0, 0, 1},
                gradient(v.zTransformed(), zt -> Invariance.of(v.z(), zt)), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> Invariance.of(v.z(), array(new double[4], 4, 1)));
    }

    @Test
    void globalAverageIsInvariantToCircularTranslation() {
        // [B, C]; DJL's PyTorch engine averages over one axis at a time
        Function<NDArray, NDArray> globalAverage =
                x -> x.reshape(x.getShape().get(0), x.getShape().get(1), -1).mean(new int[] {2});
        NDArray x = images();
        NDArray tx = shift(x, 2, 1);
        assertTrue(value(x.sub(tx).abs().max()) > 0.1, "the shift changes the images");
        NDArray z = globalAverage.apply(x);
        NDArray zt = globalAverage.apply(tx);
        assertEquals(0, value(Invariance.of(z, zt)), 1e-30);
        assertEquals(0, InvarianceError.of(Matrices.rows(z), Matrices.rows(zt)), 1e-15);
    }

    @Test
    void flatteningIsNotInvariant() {
        Function<NDArray, NDArray> pixels = x -> x.reshape(x.getShape().get(0), -1);
        NDArray x = images();
        NDArray z = pixels.apply(x);
        NDArray zt = pixels.apply(shift(x, 2, 1));
        double loss = value(Invariance.of(z, zt));
        // for independent uniform pixels E (a - b)^2 = 1/6
        assertTrue(loss > 0.08 && loss < 0.25, "loss " + loss);
        double err = InvarianceError.of(Matrices.rows(z), Matrices.rows(zt));
        // E|a - b| / E|a| = (1/3) / (1/2)
        assertTrue(err > 0.45 && err < 0.9, "relative error " + err);
    }

    @Test
    void invarianceErrorByHand() {
        double[][] z = {{1, -2}, {3, 0}};
        double[][] zt = {{1, -1}, {1, 0}};
        // mean |zT - z| = 3/4, mean |z| = 6/4
        assertEquals(0.5, InvarianceError.of(z, zt), 1e-15);
        assertEquals(0, InvarianceError.of(new double[][] {{0, 0}}, new double[][] {{0, 0}}));
        assertEquals(Double.POSITIVE_INFINITY, InvarianceError.of(new double[][] {{0, 0}}, new double[][] {{0, 1}}));
        assertThrows(IllegalArgumentException.class, () -> InvarianceError.of(z, new double[][] {{1, 2}}));
        assertThrows(IllegalArgumentException.class, () -> InvarianceError.of(z, new double[][] {{1, 2}, {3}}));
    }
}
