package org.repcon.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;
import org.repcon.DjlTestCase;

/**
 * A TorchScript module written and compiled at run time: values and gradients of its methods against the closed form,
 * also when compiled in the middle of a forward pass and with named (parameter-like) inputs; in-place updates
 * without autograd; a bad source is refused with libtorch's message.
 */
class TorchScriptTest extends DjlTestCase {
    private static final String SOURCE = String.join("\n",
            "  def cubic(self, x: Tensor, w: Tensor) -> Tensor:",
            "    return x * x * x * w",
            "  def scale_(self, xs: List[Tensor], h: List[float]) -> int:",
            "    for x in xs:",
            "      x.mul_(h[0])",
            "    return len(xs)",
            "");

    @Test
    void compiledInsideAGradientCollectorKeepsTheGraph() {
        double[] xv = {-1.5, 0.25, 2.0};
        double[] wv = {0.5, -3.0, 1.25};
        NDArray x = manager.create(xv);
        NDArray w = manager.create(wv);
        x.setRequiresGradient(true);
        w.setRequiresGradient(true);
        w.setName("layer.weight"); // DJL's IValueUtils would read "a.b" as a map entry
        NDArray y;
        try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
            NDArray before = Scalars.times(x, 2); // recorded before the compilation
            TorchScript script = TorchScript.compile(SOURCE);
            assertTrue(JniUtils.isGradMode(), "compiling must leave autograd on");
            y = script.call("cubic", before, w);
            assertEquals(manager, y.getManager(), "the result belongs to the first input's manager");
            gc.backward(y.sum());
        }
        double[] got = y.toDoubleArray();
        double[] dx = x.getGradient().toDoubleArray();
        double[] dw = w.getGradient().toDoubleArray();
        for (int i = 0; i < xv.length; i++) {
            double u = 2 * xv[i];
            assertEquals(u * u * u * wv[i], got[i], 1e-14, "value " + i);
            assertEquals(2 * 3 * u * u * wv[i], dx[i], 1e-13, "d/dx " + i);
            assertEquals(u * u * u, dw[i], 1e-13, "d/dw " + i);
        }
        assertEquals("layer.weight", w.getName());
    }

    @Test
    void runUpdatesInPlaceWithoutAutograd() {
        TorchScript script = TorchScript.compile(SOURCE);
        NDArray a = manager.create(new float[] {1, 2, 3}, new Shape(3));
        NDArray b = manager.create(new double[] {-4}, new Shape(1));
        a.setRequiresGradient(true); // a leaf that requires a gradient may be updated in place (as a parameter)
        try (IValue list = IValue.listFrom((PtNDArray) a, (PtNDArray) b); IValue h = IValue.listFrom(0.5);
                IValue n = script.run("scale_", list, h)) {
            assertEquals(2, n.toLong());
        }
        assertArrayEquals(new float[] {0.5f, 1, 1.5f}, a.toFloatArray());
        assertArrayEquals(new double[] {-2}, b.toDoubleArray());
    }

    @Test
    void aBadSourceIsRefusedWithLibtorchsMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TorchScript.compile("  def f(self, x: Tensor) -> Tensor:\n    return x +\n"));
        assertTrue(e.getMessage().startsWith("libtorch could not compile the TorchScript source"), e.getMessage());
    }
}
