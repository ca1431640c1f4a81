package org.repcon.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;
import org.repcon.DjlTestCase;

/**
 * SiLU a sigmoid(a) and its two derivatives against the closed form and central differences (float64); its value and
 * autograd gradient (libtorch's fused kernel) against a plain loop at a U-Net shape in float32.
 */
class SiluActivationTest extends DjlTestCase {

    private static double silu(double a) {
        return a / (1 + Math.exp(-a));
    }

    @Test
    void valuesAndDerivatives() {
        double[] a = {-30, -4, -1.3, -0.2, 0, 0.5, 2, 7, 30};
        NDArray x = manager.create(a);
        NDArray s = Activation.SILU.apply(x);
        NDArray[] d = Activation.SILU.derivatives(x, s, true);
        double[] sv = s.toDoubleArray();
        double[] d1 = d[0].toDoubleArray();
        double[] d2 = d[1].toDoubleArray();
        double h = 1e-4;
        for (int i = 0; i < a.length; i++) {
            assertEquals(silu(a[i]), sv[i], 1e-14 * Math.max(1, Math.abs(a[i])), "silu(" + a[i] + ")");
            double fd1 = (silu(a[i] + h) - silu(a[i] - h)) / (2 * h);
            double fd2 = (silu(a[i] + h) - 2 * silu(a[i]) + silu(a[i] - h)) / (h * h);
            assertEquals(fd1, d1[i], 1e-8, "f'(" + a[i] + ")");
            assertEquals(fd2, d2[i], 1e-6, "f''(" + a[i] + ")");
        }
        assertEquals(Activation.SILU, Activation.parse(" silu "));
    }

    @Test
    void autogradAgreesWithTheFirstDerivative() {
        double[] a = {-3, -0.7, 0.1, 1.9};
        NDArray x = manager.create(a);
        double[] g = gradient(x, v -> Activation.SILU.apply(v).sum());
        double[] d1 = Activation.SILU.derivatives(x, Activation.SILU.apply(x), false)[0].toDoubleArray();
        for (int i = 0; i < a.length; i++) {
            assertEquals(d1[i], g[i], 1e-14);
        }
    }

    @Test
    void fusedKernelMatchesAPlainLoopAtAUNetShapeInFloat32() {
        Shape shape = new Shape(128, 32, 28, 28);
        int n = Math.toIntExact(shape.size());
        java.util.Random rng = new java.util.Random(3);
        float[] a = new float[n];
        float[] r = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (3 * rng.nextGaussian());
            r[i] = (float) rng.nextGaussian();
        }
        NDArray x = manager.create(a, shape);
        NDArray weights = manager.create(r, shape);
        x.setRequiresGradient(true);
        NDArray y;
        try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
            y = Activation.SILU.apply(x);
            gc.backward(y.mul(weights).sum());
        }
        float[] got = y.toFloatArray();
        float[] grad = x.getGradient().toFloatArray();
        double worst = 0;
        double worstGrad = 0;
        for (int i = 0; i < n; i++) {
            double sig = 1 / (1 + Math.exp(-a[i]));
            worst = Math.max(worst, Math.abs(got[i] - a[i] * sig) / Math.max(1, Math.abs(a[i])));
            worstGrad = Math.max(worstGrad, Math.abs(grad[i] - r[i] * sig * (1 + a[i] * (1 - sig))) / Math.max(1, Math.abs(r[i])));
        }
        assertTrue(worst < 1e-6, "value: max relative error " + worst);
        assertTrue(worstGrad < 1e-6, "gradient: max relative error " + worstGrad);
    }
}
