package org.repcon.nn.layers;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Random;
import java.util.function.Function;

/** Small helpers shared by the layer tests: seeded arrays, values, and autograd gradients. */
final class LayerTesting {
    private LayerTesting() {}

    static double[] gaussian(int n, long seed) {
        Random rng = new Random(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rng.nextGaussian();
        }
        return v;
    }

    static NDArray random(NDManager m, Shape shape, long seed) {
        return m.create(gaussian(Math.toIntExact(shape.size()), seed), shape);
    }

    static double[] values(NDArray a) {
        return a.toType(DataType.FLOAT64, false).toDoubleArray();
    }

    /**
     * Gradient of {@code sum(f(x) * r)} with respect to {@code x} (a fresh copy that requires a gradient), where
     * {@code r} is a fixed weighting of f's output.
     */
    static double[] inputGradient(NDArray x, NDArray r, Function<NDArray, NDArray> f) {
        NDArray xx = x.duplicate();
        xx.setRequiresGradient(true);
        try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
            gc.backward(f.apply(xx).mul(r).sum());
        }
        return values(xx.getGradient());
    }

    /** Runs {@code sum(f() * r)} backward; parameters' gradients are then set. */
    static void backward(NDArray r, java.util.function.Supplier<NDArray> f) {
        try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
            gc.backward(f.get().mul(r).sum());
        }
    }
}
