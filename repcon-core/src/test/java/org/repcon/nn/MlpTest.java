package org.repcon.nn;

import org.repcon.DjlTestCase;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.repcon.engine.Engines;

/** Builder semantics of {@link Mlp}: names, shapes, options and validation. */
class MlpTest extends DjlTestCase {

    @Test
    void namesShapesAndOutputBias() {
        Parameters p = new Parameters(manager, DataType.FLOAT64);
        Mlp net = Mlp.builder().setInputs(3).setOutputs(2).optHidden(new int[] {5, 4}).optName("enc")
                .optOutputBias(false).build(p);
        assertEquals(List.of("enc.layer0.weight", "enc.layer0.bias", "enc.layer1.weight", "enc.layer1.bias",
                "enc.layer2.weight"), p.names());
        assertEquals(new Shape(3, 5), p.get("enc.layer0.weight").getShape());
        assertEquals(new Shape(4, 2), p.get("enc.layer2.weight").getShape());
        assertEquals(3, net.inputs());
        assertEquals(2, net.outputs());
        assertEquals(Activation.TANH, net.activation());
        NDArray y = net.forward(manager.zeros(new Shape(7, 3), DataType.FLOAT64));
        assertEquals(new Shape(7, 2), y.getShape());
        // zero input, zero biases, tanh(0) = 0 and no output bias: exactly zero
        assertEquals(0.0, y.abs().max().getDouble());
    }

    @Test
    void twoNetworksShareOneParameterSet() {
        Parameters p = new Parameters(manager, DataType.FLOAT32);
        Mlp.builder().setInputs(1).setOutputs(1).optHidden(new int[] {2}).optName("a").build(p);
        Mlp.builder().setInputs(1).setOutputs(1).optHidden(new int[] {2}).optName("b").build(p);
        assertEquals(14, p.count());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Mlp.builder().setInputs(1).setOutputs(1).optName("a").build(p));
        assertTrue(e.getMessage().contains("duplicate"), e.getMessage());
    }

    @Test
    void hiddenOverloads() {
        // optHiddenLayers(width, depth) repeats one width; optHidden(w1, w2) lists the widths
        Parameters p = new Parameters(manager, DataType.FLOAT64);
        Mlp.builder().setInputs(1).setOutputs(1).optHiddenLayers(6, 3).optName("wd").build(p);
        Mlp.builder().setInputs(1).setOutputs(1).optHidden(6, 3).optName("ws").build(p);
        assertEquals(new Shape(6, 6), p.get("wd.layer2.weight").getShape());
        assertEquals(new Shape(6, 1), p.get("wd.layer3.weight").getShape());
        assertEquals(new Shape(6, 3), p.get("ws.layer1.weight").getShape());
        assertEquals(new Shape(3, 1), p.get("ws.layer2.weight").getShape());
    }

    @Test
    void inputRangeMapsTheBoxToMinusOneOne() {
        // with identity-like weights we can read the normalised input back: one linear layer, u = x_normalised
        Parameters p = new Parameters(manager, DataType.FLOAT64);
        Mlp net = Mlp.builder().setInputs(2).setOutputs(2).optHidden(new int[0])
                .optInputRange(new double[] {0, -5}, new double[] {2, 15}).build(p);
        p.copyFrom(new double[] {1, 0, 0, 1, 0, 0});
        double[] y = net.forward(manager.create(new double[] {0, -5, 2, 15, 1, 5}, new Shape(3, 2))).toDoubleArray();
        double[] want = {-1, -1, 1, 1, 0, 0};
        for (int i = 0; i < want.length; i++) {
            assertEquals(want[i], y[i], 1e-15);
        }
    }

    @Test
    void validation() {
        Parameters p = new Parameters(manager, DataType.FLOAT64);
        assertThrows(IllegalStateException.class, () -> Mlp.builder().setOutputs(1).build(p));
        assertThrows(IllegalStateException.class, () -> Mlp.builder().setInputs(1).setOutputs(1).optHidden(new int[] {3, 0}).build(p));
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> Mlp.builder().optInputRange(new double[] {0, 1}, new double[] {1, 1}));
        assertTrue(empty.getMessage().contains("input range 1 is empty"), empty.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Mlp.builder().optInputRange(new double[] {0}, new double[] {1, 2}));
        IllegalStateException wrongLength = assertThrows(IllegalStateException.class, () -> Mlp.builder().setInputs(2)
                .setOutputs(1).optInputRange(new double[] {0}, new double[] {1}).optName("r").build(p));
        assertTrue(wrongLength.getMessage().contains("1 entries for 2 inputs"), wrongLength.getMessage());
        assertEquals(0, p.count(), "a build that failed must not leave parameters behind");
        assertEquals(Activation.GELU, Activation.parse(" gelu "));
        assertThrows(IllegalArgumentException.class, () -> Activation.parse("swish"));
    }
}
