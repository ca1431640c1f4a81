package org.repcon.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.repcon.DjlTestCase;
import org.repcon.objective.Objective;
import org.repcon.optim.Adam;
import org.repcon.optim.LbfgsOptimizer;
import org.repcon.optim.lbfgs.Lbfgs;
import org.repcon.training.Trainer;
import org.repcon.training.TrainingStage;

/** Non-trainable buffers: kept out of the trainable views and optimizers, saved and restored with the rest. */
class ParametersBufferTest extends DjlTestCase {

    private Parameters withBuffer(DataType type, double shift) {
        Parameters p = new Parameters(manager, type);
        p.add("w", new Shape(2, 2), new double[] {1 + shift, 2, 3, 4});
        p.addBuffer("stats.mean", new Shape(3), new double[] {0.5 + shift, -1, 2});
        p.add("b", new Shape(2), new double[] {-1, shift});
        p.addBuffer("stats.var", new Shape(1, 2), new double[] {1, 1 + shift});
        return p;
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

    private static double[] values(NDArray a) {
        return a.toType(DataType.FLOAT64, false).toDoubleArray();
    }

    private static double[] flat(Parameters p) {
        double[] v = new double[p.count()];
        p.copyTo(v);
        return v;
    }

    @Test
    void buffersAreNotTrainable() {
        Parameters p = withBuffer(DataType.FLOAT64, 0);
        assertEquals(List.of("w", "b"), p.names());
        assertEquals(List.of("w", "b"), List.copyOf(p.asMap().keySet()));
        assertEquals(6, p.count());
        assertEquals(List.of("stats.mean", "stats.var"), List.copyOf(p.buffers().keySet()));
        assertArrayEquals(new double[] {1, 2, 3, 4, -1, 0}, flat(p), 0.0);
        assertFalse(p.buffer("stats.mean").hasGradient());
        assertArrayEquals(new double[] {0.5, -1, 2}, values(p.buffer("stats.mean")), 0.0);
        assertThrows(UnsupportedOperationException.class, () -> p.buffers().clear());
        // one namespace for parameters and buffers
        assertThrows(IllegalArgumentException.class, () -> p.addBuffer("w", new Shape(1), new double[] {0}));
        assertThrows(IllegalArgumentException.class, () -> p.add("stats.var", new Shape(1), new double[] {0}));
        assertThrows(IllegalArgumentException.class, () -> p.addBuffer("x", new Shape(2), new double[] {0}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.buffer("nope"));
        assertTrue(e.getMessage().contains("stats.mean"), e.getMessage());
    }

    @Test
    void optimizersDoNotTouchBuffers() {
        Parameters p = withBuffer(DataType.FLOAT64, 0);
        double[] mean = values(p.buffer("stats.mean"));
        double[] before = flat(p);
        Objective<NDArray> objective = Objective.<NDArray>builder().add("l2", 1.0, out -> out).build();
        Trainer.<NDArray>builder().setParameters(p)
                .setModel(s -> p.get("w").square().sum().add(p.get("b").square().sum()))
                .setObjective(objective)
                .addStage(new TrainingStage("adam", 3, s -> Adam.builder().setParameters(p).optLearningRate(0.1).build()))
                .addStage(new TrainingStage("lbfgs", 2, s -> new LbfgsOptimizer(p, Lbfgs.builder().build(), 1.0)))
                .build().fit();
        assertFalse(java.util.Arrays.equals(before, flat(p)), "training must move the parameters");
        assertArrayEquals(mean, values(p.buffer("stats.mean")), 0.0);
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT32", "FLOAT64"})
    void writeReadRestoresBuffers(DataType type) throws IOException {
        Parameters a = withBuffer(type, 0.25);
        a.buffer("stats.var").muli(3); // changed in place, as a layer does
        Parameters b = withBuffer(type, 0);
        read(b, written(a));
        assertArrayEquals(flat(a), flat(b), 0.0);
        for (String name : a.buffers().keySet()) {
            assertArrayEquals(values(a.buffer(name)), values(b.buffer(name)), 0.0, name);
        }
        assertArrayEquals(new double[] {3, 3.75}, values(b.buffer("stats.var")), 0.0);
        assertArrayEquals(written(a), written(b));
    }

    /** The format before buffers existed, written by hand: {@code UTF type, int n, n x (UTF name, array)}. */
    private static byte[] legacyFile(double[] w) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(b)) {
            out.writeUTF("FLOAT64");
            out.writeInt(1);
            out.writeUTF("w");
            out.writeInt(1);
            out.writeLong(w.length);
            for (double v : w) {
                out.writeDouble(v);
            }
        }
        return b.toByteArray();
    }

    @Test
    void filesWithoutBuffersStillRead() throws IOException {
        Parameters p = new Parameters(manager, DataType.FLOAT64);
        p.add("w", new Shape(3), new double[] {0, 0, 0});
        byte[] legacy = legacyFile(new double[] {1.5, -2, 3});
        read(p, legacy);
        assertArrayEquals(new double[] {1.5, -2, 3}, flat(p), 0.0);
        assertArrayEquals(legacy, written(p), "a model without buffers writes the old format unchanged");
    }

    @Test
    void mismatchedBuffersAreRejectedWithoutChangingAnything() throws IOException {
        Parameters plain = new Parameters(manager, DataType.FLOAT64);
        plain.add("w", new Shape(3), new double[] {0, 0, 0});
        Parameters buffered = new Parameters(manager, DataType.FLOAT64);
        buffered.add("w", new Shape(3), new double[] {7, 8, 9});
        buffered.addBuffer("m", new Shape(1), new double[] {4});
        IOException noBuffers = assertThrows(IOException.class, () -> read(buffered, legacyFile(new double[] {1, 2, 3})));
        assertTrue(noBuffers.getMessage().contains("no buffers"), noBuffers.getMessage());
        assertArrayEquals(new double[] {7, 8, 9}, flat(buffered), 0.0);
        IOException extra = assertThrows(IOException.class, () -> read(plain, written(buffered)));
        assertTrue(extra.getMessage().contains("1 buffer arrays"), extra.getMessage());
        assertArrayEquals(new double[] {0, 0, 0}, flat(plain), 0.0);

        Parameters otherShape = new Parameters(manager, DataType.FLOAT64);
        otherShape.add("w", new Shape(3), new double[] {0, 0, 0});
        otherShape.addBuffer("m", new Shape(2), new double[] {5, 6});
        IOException shape = assertThrows(IOException.class, () -> read(otherShape, written(buffered)));
        assertTrue(shape.getMessage().contains(" m"), shape.getMessage());
        assertArrayEquals(new double[] {0, 0, 0}, flat(otherShape), 0.0, "parameters changed by a failed read");
        assertArrayEquals(new double[] {5, 6}, values(otherShape.buffer("m")), 0.0);
    }

    @Test
    void allFiniteChecksBuffers() {
        Parameters p = withBuffer(DataType.FLOAT32, 0);
        assertTrue(p.allFinite());
        p.buffer("stats.mean").set(new float[] {0, Float.NaN, 0});
        assertFalse(p.allFinite());
    }
}
