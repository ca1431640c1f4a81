package org.repcon.autoencoders;

import org.repcon.DjlTestCase;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;
import org.repcon.nn.Parameters;

/** Base of the model tests: engine with one thread, a manager per test, tiny images and snapshots of parameters. */
abstract class ModelTestCase extends DjlTestCase {

    /** {@code b} images {@code [c, h, w]} with smooth random content in [0, 1]. */
    NDArray images(int b, int c, int h, int w, long seed, DataType type) {
        Random rng = new Random(seed);
        float[] v = new float[b * c * h * w];
        for (int n = 0; n < b * c; n++) {
            double fx = 0.3 + rng.nextDouble();
            double fy = 0.3 + rng.nextDouble();
            double phase = 6 * rng.nextDouble();
            for (int i = 0; i < h; i++) {
                for (int j = 0; j < w; j++) {
                    v[(n * h + i) * w + j] = (float) (0.5 + 0.45 * Math.sin(fx * i + fy * j + phase));
                }
            }
        }
        return manager.create(v, new Shape(b, c, h, w)).toType(type, false);
    }

    /** The exact bytes of parameters and buffers. */
    static byte[] snapshot(Parameters p) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(b)) {
            p.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b.toByteArray();
    }

    static void restore(Parameters p, byte[] bytes) {
        try {
            p.read(new DataInputStream(new ByteArrayInputStream(bytes)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static double[] values(NDArray a) {
        return a.toType(DataType.FLOAT64, false).toDoubleArray();
    }
}
