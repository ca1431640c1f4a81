package org.repcon.diffusion.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.repcon.DjlTestCase;
import org.repcon.nn.Activation;
import org.repcon.nn.Parameters;

/** The MLP noise model's forward pass against a plain-Java evaluation of its formula (with Fourier features). */
class MlpNoiseModelTest extends DjlTestCase {

    @Test
    void forwardMatchesAPlainLoop() {
        try (Parameters p = new Parameters(manager, DataType.FLOAT64)) {
            int hidden = 5;
            MlpNoiseModel model = MlpNoiseModel.builder().setDimensions(2).optHidden(hidden).optBlocks(2).optEmbedding(4)
                    .optInputEmbedding(4, 3.0).optActivation(Activation.TANH).optSeed(4).build(p);
            assertEquals(List.of("noise_model.in.weight", "noise_model.in.bias", "noise_model.block1.weight", "noise_model.block1.bias",
                    "noise_model.block2.weight", "noise_model.block2.bias", "noise_model.out.weight", "noise_model.out.bias"), p.names());
            Random rng = new Random(1);
            int n = 6;
            double[] x = uniform(rng, 2 * n, -2, 2);
            int[] t = {0, 5, 99, 250, 999, 17};
            double[] out = model.predictNoise(array(x, n, 2), manager.create(t), false).toDoubleArray();
            for (int i = 0; i < n; i++) {
                double[] features = new double[2 + 2 * 4 + 4];
                features[0] = x[2 * i];
                features[1] = x[2 * i + 1];
                double[] e0 = embed(3.0 * x[2 * i]);
                double[] e1 = embed(3.0 * x[2 * i + 1]);
                double[] et = embed(t[i]);
                System.arraycopy(e0, 0, features, 2, 4);
                System.arraycopy(e1, 0, features, 6, 4);
                System.arraycopy(et, 0, features, 10, 4);
                double[] h = tanh(dense(p, "noise_model.in", features));
                for (int k = 1; k <= 2; k++) {
                    double[] f = tanh(dense(p, "noise_model.block" + k, h));
                    for (int j = 0; j < hidden; j++) {
                        h[j] += f[j];
                    }
                }
                double[] eps = dense(p, "noise_model.out", h);
                assertArrayEquals(eps, new double[] {out[2 * i], out[2 * i + 1]}, 1e-12, "sample " + i);
            }
        }
    }

    /** The sinusoidal embedding of size 4: frequencies 1 and 1/10000. */
    private static double[] embed(double v) {
        double f1 = Math.exp(-Math.log(10000));
        return new double[] {Math.sin(v), Math.sin(v * f1), Math.cos(v), Math.cos(v * f1)};
    }

    private static double[] dense(Parameters p, String name, double[] in) {
        NDArray w = p.get(name + ".weight");
        double[] wv = w.toDoubleArray();
        double[] b = p.get(name + ".bias").toDoubleArray();
        int outs = (int) w.getShape().get(0);
        int ins = (int) w.getShape().get(1);
        assertEquals(in.length, ins);
        double[] y = b.clone();
        for (int o = 0; o < outs; o++) {
            for (int k = 0; k < ins; k++) {
                y[o] += wv[o * ins + k] * in[k];
            }
        }
        return y;
    }

    private static double[] tanh(double[] a) {
        double[] r = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = Math.tanh(a[i]);
        }
        return r;
    }

    @Test
    void wrongInputsAreRefusedWithTheShape() {
        try (Parameters p = new Parameters(manager, DataType.FLOAT64)) {
            MlpNoiseModel model = MlpNoiseModel.builder().setDimensions(2).build(p);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> model.predictNoise(array(new double[6], 2, 3), manager.create(new int[] {1, 2}), false));
            assertTrue(e.getMessage().contains("[N, 2]") && e.getMessage().contains("(2, 3)"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> MlpNoiseModel.builder().setDimensions(2).optInputEmbedding(3, 1));
        }
    }
}
