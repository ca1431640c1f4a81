package org.repcon.nn.layers;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import java.util.function.Supplier;
import org.repcon.nn.Parameters;

/** Parameter gradients by autograd against central differences, for the layer and U-Net tests. */
public final class GradientChecks {
    private GradientChecks() {}

    /**
     * Asserts that the autograd gradient of {@code L = sum(f() * r)} with respect to the parameters with the given
     * flat indices (all if {@code indices} is null) matches central differences of step 1e-6 (float64 parameters),
     * to {@code tol} times max(1, |difference quotient|). Leaves the parameters as they were.
     */
    public static void assertParameterGradients(Parameters p, NDArray r, Supplier<NDArray> f, double tol, int[] indices) {
        p.zeroGradients();
        try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
            gc.backward(f.get().mul(r).sum());
        }
        double[] analytic = new double[p.count()];
        p.gradientTo(analytic);
        double[] theta = new double[p.count()];
        p.copyTo(theta);
        int[] which = indices != null ? indices : java.util.stream.IntStream.range(0, theta.length).toArray();
        double h = 1e-6;
        try {
            for (int i : which) {
                double keep = theta[i];
                theta[i] = keep + h;
                p.copyFrom(theta);
                double up = loss(f, r);
                theta[i] = keep - h;
                p.copyFrom(theta);
                double down = loss(f, r);
                theta[i] = keep;
                double numeric = (up - down) / (2 * h);
                if (!(Math.abs(numeric - analytic[i]) <= tol * Math.max(1, Math.abs(numeric)))) {
                    throw new AssertionError("parameter value " + i + " (" + nameOf(p, i) + "): autograd " + analytic[i]
                            + ", central difference " + numeric);
                }
            }
        } finally {
            p.copyFrom(theta);
        }
    }

    private static double loss(Supplier<NDArray> f, NDArray r) {
        return f.get().mul(r).sum().toType(DataType.FLOAT64, false).getDouble();
    }

    /** The name of the parameter array holding flat index i. */
    public static String nameOf(Parameters p, int i) {
        int offset = 0;
        for (var e : p.asMap().entrySet()) {
            long n = e.getValue().size();
            if (i < offset + n) {
                return e.getKey() + "[" + (i - offset) + "]";
            }
            offset += n;
        }
        return "?";
    }
}
