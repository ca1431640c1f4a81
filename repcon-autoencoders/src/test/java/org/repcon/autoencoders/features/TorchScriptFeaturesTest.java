package org.repcon.autoencoders.features;

import org.repcon.DjlTestCase;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repcon.constraints.loss.Perceptual;

/**
 * The test module {@code fixed_conv3x3.pt} was written once with Debian's torch 1.13.1 ({@code /usr/bin/python3},
 * run in {@code src/test/resources/org/repcon/constraints/}):
 *
 * <pre>
 * import torch
 *
 * class FixedConv(torch.nn.Module):
 *     """dropout(tanh(conv3x3(x) + b), 0.5): 1 -> 2 channels, padding 1, fixed weights; in eval mode no dropout."""
 *     def __init__(self):
 *         super().__init__()
 *         self.conv = torch.nn.Conv2d(1, 2, 3, padding=1)
 *         self.drop = torch.nn.Dropout(0.5)
 *         with torch.no_grad():
 *             self.conv.weight.copy_(torch.arange(18, dtype=torch.float32).reshape(2, 1, 3, 3) / 10 - 0.8)
 *             self.conv.bias.copy_(torch.tensor([0.1, -0.2]))
 *
 *     def forward(self, x):
 *         return self.drop(torch.tanh(self.conv(x)))
 *
 * torch.jit.script(FixedConv().eval()).save("fixed_conv3x3.pt")
 * </pre>
 *
 * The dropout makes a module left in training mode visible: half its outputs would be 0, the rest doubled.
 */
class TorchScriptFeaturesTest extends DjlTestCase {
    private static Path module() throws URISyntaxException {
        return Path.of(TorchScriptFeaturesTest.class.getResource("/org/repcon/autoencoders/features/fixed_conv3x3.pt").toURI());
    }

    /** The same map with DJL: tanh(conv2d(x, w, b)), w = arange(18) / 10 - 0.8 as [2, 1, 3, 3], b = (0.1, -0.2). */
    private NDArray reference(NDArray x) {
        double[] w = new double[18];
        for (int i = 0; i < 18; i++) {
            w[i] = i / 10.0 - 0.8;
        }
        NDArray weight = manager.create(w, new Shape(2, 1, 3, 3)).toType(x.getDataType(), false);
        NDArray bias = manager.create(new double[] {0.1, -0.2}).toType(x.getDataType(), false);
        return Conv2d.conv2d(x, weight, bias, new Shape(1, 1), new Shape(1, 1)).singletonOrThrow().tanh();
    }

    private NDArray input(long seed) {
        return manager.create(uniform(new Random(seed), 2 * 5 * 6, -0.5, 0.5), new Shape(2, 1, 5, 6))
                .toType(DataType.FLOAT32, false);
    }

    @Test
    void featuresEqualTheSameConvolutionInDjl() throws Exception {
        try (TorchScriptFeatures f = TorchScriptFeatures.load(module())) {
            NDArray x = input(1);
            NDArray y = f.features(x);
            assertEquals(new Shape(2, 2, 5, 6), y.getShape());
            assertSame(x.getManager(), y.getManager(), "the result belongs to the images' manager");
            assertArrayEquals(reference(x).toFloatArray(), y.toFloatArray(), 1e-6f);
            assertArrayEquals(y.toFloatArray(), f.features(x).toFloatArray(), "evaluation mode: deterministic");
        }
    }

    @Test
    void gradientsReachTheInputImages() throws Exception {
        try (TorchScriptFeatures f = TorchScriptFeatures.load(module())) {
            NDArray x = input(2);
            NDArray target = input(3);
            double[] viaTorchScript = gradient(x, p -> Perceptual.of(f, p, target));
            double[] viaDjl = gradient(x, p -> reference(p).sub(reference(target)).square().mean());
            assertArrayEquals(viaDjl, viaTorchScript, 1e-6);
            assertTrue(java.util.Arrays.stream(viaTorchScript).map(Math::abs).max().getAsDouble() > 1e-3);
        }
    }

    @Test
    void missingFileIsNamed() {
        Path missing = Path.of("no/such/features.pt");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TorchScriptFeatures.load(missing));
        assertTrue(e.getMessage().contains("features.pt") && e.getMessage().contains("not found"), e.getMessage());
    }

    @Test
    void corruptFileIsNamed(@TempDir Path dir) throws IOException {
        Path broken = Files.writeString(dir.resolve("broken.pt"), "not a TorchScript archive");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TorchScriptFeatures.load(broken));
        assertTrue(e.getMessage().contains("broken.pt"), e.getMessage());
    }
}
