package org.repcon;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Base of DJL tests: starts the engine with one thread, gives each test its own manager, and computes
 * gradients by autograd and by central finite differences (float64).
 */
public abstract class DjlTestCase {
    protected NDManager manager;

    @BeforeAll
    static void engine() {
        // as org.repcon.engine.Engines.start(1), without depending on repcon-core (whose own tests use this class)
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("ai.djl.pytorch.num_threads", "1");
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        Engine.getEngine("PyTorch");
        JniUtils.setGradMode(false);
    }

    @BeforeEach
    void openManager() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void closeManager() {
        manager.close();
    }

    /** A float64 array of the given shape. */
    protected NDArray array(double[] values, long... shape) {
        return manager.create(values, new Shape(shape));
    }

    /** The value of a scalar array as a double. */
    protected static double value(NDArray scalar) {
        return scalar.toType(DataType.FLOAT64, false).getDouble();
    }

    /** d f(x) / dx by autograd, flattened; f maps an array shaped like x to a scalar. */
    protected double[] gradient(NDArray x, Function<NDArray, NDArray> f) {
        NDArray leaf = x.duplicate();
        leaf.setRequiresGradient(true);
        try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
            gc.backward(f.apply(leaf));
        }
        return leaf.getGradient().toType(DataType.FLOAT64, false).toDoubleArray();
    }

    /** d f(x) / dx by central differences with step h, flattened (x is float64). */
    protected double[] finiteDifference(NDArray x, Function<NDArray, NDArray> f, double h) {
        double[] v = x.toDoubleArray();
        double[] g = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            double keep = v[i];
            v[i] = keep + h;
            double up = value(f.apply(manager.create(v, x.getShape())));
            v[i] = keep - h;
            double down = value(f.apply(manager.create(v, x.getShape())));
            v[i] = keep;
            g[i] = (up - down) / (2 * h);
        }
        return g;
    }

    /** n values uniform in [lo, hi) from a seeded generator. */
    protected static double[] uniform(java.util.Random rng, int n, double lo, double hi) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = lo + (hi - lo) * rng.nextDouble();
        }
        return v;
    }
}
