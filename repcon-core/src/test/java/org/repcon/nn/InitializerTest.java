package org.repcon.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.repcon.engine.Engines;

class InitializerTest {

    @BeforeAll
    static void engine() {
        Engines.start(1);
    }

    private static double mean(double[] w) {
        return Arrays.stream(w).sum() / w.length;
    }

    private static double variance(double[] w) {
        double m = mean(w);
        double s = 0;
        for (double v : w) {
            s += (v - m) * (v - m);
        }
        return s / (w.length - 1);
    }

    @ParameterizedTest
    @CsvSource({"XAVIER_NORMAL, 200, 300", "XAVIER_NORMAL, 400, 50", "XAVIER_UNIFORM, 200, 300", "XAVIER_UNIFORM, 50, 400"})
    void xavierVarianceIsTwoOverFanInPlusFanOut(Initializer init, int fanIn, int fanOut) {
        double[] w = init.weights(fanIn, fanOut, new Random(1));
        int n = w.length;
        double expected = 2.0 / (fanIn + fanOut);
        // standard error of a sample variance: sigma^2 sqrt(2 / n) (normal); smaller for the uniform
        double se = expected * Math.sqrt(2.0 / n);
        assertEquals(expected, variance(w), 5 * se, init + " variance");
        assertEquals(0, mean(w), 5 * Math.sqrt(expected / n), init + " mean");
        if (init == Initializer.XAVIER_UNIFORM) {
            double a = Math.sqrt(6.0 / (fanIn + fanOut));
            for (double v : w) {
                assertTrue(Math.abs(v) <= a, "uniform sample outside [-a, a]");
            }
        } else {
            // a Gaussian has excess kurtosis 0 (a uniform would have -1.2): fourth moment = 3 sigma^4
            double m4 = Arrays.stream(w).map(v -> v * v * v * v).sum() / n;
            assertEquals(3, m4 / (expected * expected), 0.25, "normalised fourth moment");
        }
    }

    /** Max |(A A^T or A^T A) - I| of the Gram matrix of the rows (rows = true) or columns of w [fanIn, fanOut]. */
    private static double gramError(double[] w, int fanIn, int fanOut, boolean rows) {
        int k = rows ? fanIn : fanOut;
        int len = rows ? fanOut : fanIn;
        double worst = 0;
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < k; b++) {
                double dot = 0;
                for (int l = 0; l < len; l++) {
                    double va = rows ? w[a * fanOut + l] : w[l * fanOut + a];
                    double vb = rows ? w[b * fanOut + l] : w[l * fanOut + b];
                    dot += va * vb;
                }
                worst = Math.max(worst, Math.abs(dot - (a == b ? 1 : 0)));
            }
        }
        return worst;
    }

    @ParameterizedTest
    @CsvSource({"40, 10", "10, 40", "16, 16", "1, 7", "7, 1", "100, 99"})
    void orthogonalHasOrthonormalRowsOrColumns(int fanIn, int fanOut) {
        double[] w = Initializer.ORTHOGONAL.weights(fanIn, fanOut, new Random(fanIn * 31L + fanOut));
        if (fanIn >= fanOut) { // tall: W^T W = I
            assertEquals(0, gramError(w, fanIn, fanOut, false), 1e-10, "W^T W - I");
        }
        if (fanIn <= fanOut) { // wide: W W^T = I
            assertEquals(0, gramError(w, fanIn, fanOut, true), 1e-10, "W W^T - I");
        }
    }

    @Test
    void sameSeedSameWeightsDifferentSeedDifferentWeights() {
        for (Initializer init : Initializer.values()) {
            double[] a = init.weights(12, 9, new Random(5));
            double[] b = init.weights(12, 9, new Random(5));
            double[] c = init.weights(12, 9, new Random(6));
            assertArrayEquals(a, b, 0.0, init + " same seed");
            assertFalse(Arrays.equals(a, c), init + " different seed");
        }
    }

    @Test
    void mlpBuiltWithSameSeedIsIdenticalAndBiasesStartAtZero() {
        try (NDManager m = NDManager.newBaseManager();
                Parameters p1 = new Parameters(m, DataType.FLOAT64);
                Parameters p2 = new Parameters(m, DataType.FLOAT64);
                Parameters p3 = new Parameters(m, DataType.FLOAT64)) {
            Mlp.builder().setInputs(3).setOutputs(2).optHiddenLayers(8, 2).optInitializer(Initializer.ORTHOGONAL).optSeed(4).build(p1);
            Mlp.builder().setInputs(3).setOutputs(2).optHiddenLayers(8, 2).optInitializer(Initializer.ORTHOGONAL).optSeed(4).build(p2);
            Mlp.builder().setInputs(3).setOutputs(2).optHiddenLayers(8, 2).optInitializer(Initializer.ORTHOGONAL).optSeed(5).build(p3);
            double[] a = new double[p1.count()];
            double[] b = new double[p2.count()];
            double[] c = new double[p3.count()];
            p1.copyTo(a);
            p2.copyTo(b);
            p3.copyTo(c);
            assertArrayEquals(a, b, 0.0);
            assertFalse(Arrays.equals(a, c));
            assertEquals(3 * 8 + 8 + 8 * 8 + 8 + 8 * 2 + 2, p1.count());
            for (String name : p1.names()) {
                if (name.endsWith(".bias")) {
                    for (double v : p1.get(name).toDoubleArray()) {
                        assertEquals(0, v, name);
                    }
                }
            }
            // the first layer [3, 8] is wide: orthonormal rows
            assertEquals(0, gramError(p1.get("mlp.layer0.weight").toDoubleArray(), 3, 8, true), 1e-10);
        }
    }

    @Test
    void parseNames() {
        assertEquals(Initializer.XAVIER_NORMAL, Initializer.parse("xavier"));
        assertEquals(Initializer.XAVIER_UNIFORM, Initializer.parse("xavier-uniform"));
        assertEquals(Initializer.ORTHOGONAL, Initializer.parse(" Orthogonal "));
        assertThrows(IllegalArgumentException.class, () -> Initializer.parse("he"));
    }
}
