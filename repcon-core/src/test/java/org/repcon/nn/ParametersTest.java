package org.repcon.nn;

import org.repcon.nn.Scalars;
import org.repcon.DjlTestCase;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.repcon.engine.Engines;

class ParametersTest extends DjlTestCase {

    private Parameters mlp(DataType type, long seed, String prefix, int... hidden) {
        Parameters p = new Parameters(manager, type);
        Mlp.builder().setInputs(2).setOutputs(1).optHidden(hidden).optSeed(seed).optName(prefix).build(p);
        return p;
    }

    private static double[] flat(Parameters p) {
        double[] v = new double[p.count()];
        p.copyTo(v);
        return v;
    }

    private static byte[] written(Parameters p) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(b)) {
            p.write(out);
        }
        return b.toByteArray();
    }

    private static void read(Parameters p, byte[] bytes) throws IOException {
        p.read(new DataInputStream(new ByteArrayInputStream(bytes)));
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT32", "FLOAT64"})
    void copyToCopyFromRoundTripKeepsArrayIdentity(DataType type) {
        Parameters p = mlp(type, 1, "mlp", 5, 4);
        assertEquals(2 * 5 + 5 + 5 * 4 + 4 + 4 + 1, p.count());
        List<NDArray> before = List.copyOf(p.asMap().values());
        Random rng = new Random(3);
        double[] v = new double[p.count()];
        for (int i = 0; i < v.length; i++) {
            v[i] = rng.nextGaussian();
            if (type == DataType.FLOAT32) {
                v[i] = (float) v[i];
            }
        }
        p.copyFrom(v);
        assertArrayEquals(v, flat(p), 0.0);
        List<NDArray> after = List.copyOf(p.asMap().values());
        for (int i = 0; i < before.size(); i++) {
            assertSame(before.get(i), after.get(i), "copyFrom must update in place");
            assertTrue(after.get(i).hasGradient(), "copyFrom must keep requiresGradient");
            assertEquals(type, after.get(i).getDataType());
        }
        // layout: insertion order, row-major
        assertEquals(v[0], p.get("mlp.layer0.weight").toType(DataType.FLOAT64, false).getDouble(0, 0));
        assertEquals(v[1], p.get("mlp.layer0.weight").toType(DataType.FLOAT64, false).getDouble(0, 1));
        assertEquals(v[5], p.get("mlp.layer0.weight").toType(DataType.FLOAT64, false).getDouble(1, 0));
        assertEquals(v[10], p.get("mlp.layer0.bias").toType(DataType.FLOAT64, false).getDouble(0));
        assertEquals(v[v.length - 1], p.get("mlp.layer2.bias").toType(DataType.FLOAT64, false).getDouble(0));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.copyFrom(new double[3]));
        assertTrue(e.getMessage().contains(Integer.toString(p.count())), e.getMessage());
    }

    @Test
    void copyFromIsSeenByTheNetwork() {
        Parameters p = new Parameters(manager, DataType.FLOAT64);
        Mlp net = Mlp.builder().setInputs(2).setOutputs(1).optHidden(3).build(p);
        NDArray x = manager.create(new double[] {0.5, -0.25}, new Shape(1, 2));
        double[] v = flat(p);
        Arrays.fill(v, 0);
        v[v.length - 1] = 1.5; // output bias only
        p.copyFrom(v);
        assertEquals(1.5, net.forward(x).getDouble(0, 0));
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT32", "FLOAT64"})
    void writeReadRoundTripIsExact(DataType type) throws IOException {
        Parameters a = mlp(type, 1, "mlp", 6, 6);
        Parameters b = mlp(type, 2, "mlp", 6, 6);
        assertFalse(Arrays.equals(flat(a), flat(b)));
        read(b, written(a));
        assertArrayEquals(flat(a), flat(b), 0.0);
        assertArrayEquals(written(a), written(b));
    }

    @Test
    void readRejectsDifferentNames() throws IOException {
        byte[] saved = written(mlp(DataType.FLOAT64, 1, "encoder", 4));
        Parameters p = mlp(DataType.FLOAT64, 1, "decoder", 4);
        IOException e = assertThrows(IOException.class, () -> read(p, saved));
        assertTrue(e.getMessage().contains("encoder.layer0.weight") && e.getMessage().contains("decoder.layer0.weight"),
                e.getMessage());
    }

    @Test
    void readRejectsDifferentShapesNamingTheArray() throws IOException {
        byte[] saved = written(mlp(DataType.FLOAT64, 1, "mlp", 4, 4));
        Parameters p = mlp(DataType.FLOAT64, 1, "mlp", 4, 3);
        IOException e = assertThrows(IOException.class, () -> read(p, saved));
        assertTrue(e.getMessage().contains("(4, 4)") && e.getMessage().contains("(4, 3)")
                && e.getMessage().contains("mlp.layer1.weight"), e.getMessage());
    }

    @Test
    void failedReadLeavesParametersUnchanged() throws IOException {
        // layer0 matches, layer1 does not: nothing may be half-loaded
        byte[] saved = written(mlp(DataType.FLOAT64, 1, "mlp", 4, 4));
        Parameters p = mlp(DataType.FLOAT64, 2, "mlp", 4, 3);
        double[] before = flat(p);
        assertThrows(IOException.class, () -> read(p, saved));
        assertArrayEquals(before, flat(p), 0.0, "parameters changed by a read that failed");
        byte[] truncated = Arrays.copyOf(saved, saved.length - 5);
        Parameters q = mlp(DataType.FLOAT64, 2, "mlp", 4, 4);
        double[] qBefore = flat(q);
        assertThrows(IOException.class, () -> read(q, truncated));
        assertArrayEquals(qBefore, flat(q), 0.0, "parameters changed by a truncated read");
    }

    @Test
    void readRejectsDifferentArrayCountAndDataType() throws IOException {
        byte[] saved = written(mlp(DataType.FLOAT64, 1, "mlp", 4, 4));
        IOException count = assertThrows(IOException.class, () -> read(mlp(DataType.FLOAT64, 1, "mlp", 4), saved));
        assertTrue(count.getMessage().contains("6 parameter arrays"), count.getMessage());
        IOException type = assertThrows(IOException.class, () -> read(mlp(DataType.FLOAT32, 1, "mlp", 4, 4), saved));
        assertTrue(type.getMessage().contains("FLOAT64") && type.getMessage().contains("FLOAT32"), type.getMessage());
    }

    @Test
    void gradientToReadsTheBackwardPass() {
        Parameters p = new Parameters(manager, DataType.FLOAT64);
        p.add("a", new Shape(2, 2), new double[] {1, 2, 3, 4});
        p.add("b", new Shape(3), new double[] {-1, 0.5, 2});
        // L = 0.5 sum a^2 + sum b^3  ->  dL/da = a, dL/db = 3 b^2
        for (int repeat = 0; repeat < 2; repeat++) {
            try (NDScope scope = new NDScope();
                    GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                p.zeroGradients();
                NDArray b = p.get("b");
                NDArray loss = p.get("a").square().sum().mul(Scalars.constant(b, 0.5)).add(b.mul(b).mul(b).sum());
                gc.backward(loss);
            }
            double[] g = new double[p.count()];
            p.gradientTo(g);
            assertArrayEquals(new double[] {1, 2, 3, 4, 3, 0.75, 12}, g, 1e-15);
        }
    }

    @Test
    void parameterNotReachedByTheLossHasZeroGradient() {
        // e.g. a second network whose only term has weight 0 at this step
        Parameters p = new Parameters(manager, DataType.FLOAT64);
        p.add("used", new Shape(2), new double[] {1, 2});
        p.add("unused", new Shape(2), new double[] {3, 4});
        try (NDScope scope = new NDScope();
                GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
            p.zeroGradients();
            gc.backward(p.get("used").square().sum());
        }
        double[] g = new double[p.count()];
        p.gradientTo(g);
        assertArrayEquals(new double[] {2, 4, 0, 0}, g, 0.0);
    }

    @Test
    void validationMessages() {
        assertThrows(IllegalArgumentException.class, () -> new Parameters(manager, DataType.INT32));
        Parameters p = new Parameters(manager, DataType.FLOAT32);
        p.add("w", new Shape(2), new double[] {1, 2});
        assertThrows(IllegalArgumentException.class, () -> p.add("w", new Shape(2), new double[] {1, 2}));
        assertThrows(IllegalArgumentException.class, () -> p.add("v", new Shape(3), new double[] {1, 2}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.get("nope"));
        assertTrue(e.getMessage().contains("[w]"), e.getMessage());
        assertTrue(p.allFinite());
        p.copyFrom(new double[] {1, Double.NaN});
        assertFalse(p.allFinite());
    }

}
