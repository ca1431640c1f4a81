package org.repcon.nn.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;
import org.repcon.DjlTestCase;
import org.repcon.nn.Parameters;

/** The fused resize-convolution equals nearest x2 upsampling followed by the same 3x3 convolution, values and gradients. */
class UpsampledConv2dTest extends DjlTestCase {

    @Test
    void equalsUpsampleThenConvolutionIncludingGradients() {
        try (Parameters fused = new Parameters(manager, DataType.FLOAT64); Parameters plain = new Parameters(manager, DataType.FLOAT64)) {
            UpsampledConv2d a = UpsampledConv2d.of(Conv2d.builder().setName("c").optSeed(11), 3, 2, fused);
            Conv2d b = Conv2d.builder().setName("c").setChannels(3, 2).setKernel(3).optPadding(1).optSeed(11).build(plain);
            assertArrayEquals(LayerTesting.values(b.weight()), LayerTesting.values(a.convolution().weight()), 0.0, "same init, same names");
            NDArray x = LayerTesting.random(manager, new Shape(2, 3, 4, 5), 3);
            NDArray r = LayerTesting.random(manager, new Shape(2, 2, 8, 10), 4);
            double[] ya;
            double[] yb;
            try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDArray y = a.forward(x, true);
                assertEquals(new Shape(2, 2, 8, 10), y.getShape());
                ya = LayerTesting.values(y);
                gc.backward(y.mul(r).sum());
            }
            try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDArray y = b.forward(Upsample.nearest(2).forward(x, true), true);
                yb = LayerTesting.values(y);
                gc.backward(y.mul(r).sum());
            }
            assertArrayEquals(yb, ya, 1e-12);
            assertArrayEquals(LayerTesting.values(b.weight().getGradient()), LayerTesting.values(a.convolution().weight().getGradient()), 1e-11);
            assertArrayEquals(LayerTesting.values(b.bias().getGradient()), LayerTesting.values(a.convolution().bias().getGradient()), 1e-11);
            double[] gx = LayerTesting.inputGradient(x, r, xx -> a.forward(xx, true));
            double[] gxPlain = LayerTesting.inputGradient(x, r, xx -> b.forward(Upsample.nearest(2).forward(xx, true), true));
            assertArrayEquals(gxPlain, gx, 1e-11);
        }
    }
}
