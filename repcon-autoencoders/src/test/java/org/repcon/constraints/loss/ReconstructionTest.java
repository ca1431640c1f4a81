package org.repcon.constraints.loss;

import org.repcon.DjlTestCase;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReconstructionTest extends DjlTestCase {
    record Pair(NDArray prediction, NDArray target) {}

    private final double[] p = {0.2, 0.9, 0.5, 0.0};
    private final double[] t = {0.0, 1.0, 1.0, 0.0};

    @Test
    void l2AndL1AreMeansOverAllElements() {
        Pair o = new Pair(array(p, 2, 2), array(t, 2, 2));
        // differences 0.2, -0.1, -0.5, 0
        assertEquals((0.04 + 0.01 + 0.25) / 4, value(Reconstruction.l2(o.prediction(), o.target())), 1e-15);
        assertEquals((0.2 + 0.1 + 0.5) / 4, value(Reconstruction.l1(o.prediction(), o.target())), 1e-15);
        assertEquals(0.075, value(Reconstruction.l2(Pair::prediction, Pair::target).compute(o)), 1e-15);
        assertEquals(0.2, value(Reconstruction.l1(Pair::prediction, Pair::target).compute(o)), 1e-15);
    }

    @Test
    void bceByHandWithTheClampAtZero() {
        Pair o = new Pair(array(p, 2, 2), array(t, 2, 2));
        double expected = -(Math.log(0.8) + Math.log(0.9) + Math.log(0.5) + Math.log(1 - 1e-7)) / 4;
        assertEquals(expected, value(Reconstruction.bce(Pair::prediction, Pair::target).compute(o)), 1e-12);
    }

    @Test
    void bceIsFiniteAtTheWrongCertainty() {
        // p = 1 where t = 0 and p = 0 where t = 1: each costs -log(1e-7) instead of infinity
        NDArray loss = Reconstruction.bce(array(new double[] {1, 0}, 2), array(new double[] {0, 1}, 2));
        assertEquals(-Math.log(1e-7), value(loss), 1e-6);
        NDArray f32 = Reconstruction.bce(manager.create(new float[] {1, 0}), manager.create(new float[] {0, 1}));
        assertEquals(DataType.FLOAT32, f32.getDataType());
        assertTrue(Double.isFinite(value(f32)) && value(f32) > 15, "float32 clamp: " + value(f32));
    }

    @Test
    void bceGradientMatchesFiniteDifferencesAndTheClosedForm() {
        Random rng = new Random(7);
        NDArray pred = array(uniform(rng, 24, 0.05, 0.95), 2, 3, 2, 2);
        NDArray target = array(uniform(rng, 24, 0, 1), 2, 3, 2, 2);
        double[] auto = gradient(pred, x -> Reconstruction.bce(x, target));
        double[] fd = finiteDifference(pred, x -> Reconstruction.bce(x, target), 1e-6);
        assertArrayEquals(fd, auto, 1e-8);
        // dL/dp = (p - t) / (p (1 - p)) / N
        double[] pv = pred.toDoubleArray();
        double[] tv = target.toDoubleArray();
        for (int i = 0; i < pv.length; i++) {
            assertEquals((pv[i] - tv[i]) / (pv[i] * (1 - pv[i])) / 24, auto[i], 1e-12);
        }
    }

    @Test
    void shapesMustMatch() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Reconstruction.l2(array(p, 4), array(t, 2, 2)));
        assertTrue(e.getMessage().contains("(4)") && e.getMessage().contains("(2, 2)"), e.getMessage());
    }
}
