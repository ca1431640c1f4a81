package org.repcon.autoencoders;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.repcon.nn.Parameters;
import org.repcon.nn.conv.ConvDecoder;
import org.repcon.nn.conv.ConvEncoder;
import org.repcon.nn.conv.LatentSpace;
import org.repcon.nn.conv.Normalization;
import org.repcon.nn.layers.ActivationLayer;
import org.repcon.nn.layers.Conv2d;
import org.repcon.nn.layers.Dense;
import org.repcon.nn.layers.Flatten;
import org.repcon.nn.layers.Reshape;
import org.repcon.nn.layers.Sequential;
import org.repcon.nn.layers.Upsample;

/** The reference encoder/decoder: layer list, parameter shapes, output shapes for both latent spaces and norms. */
class ConvEncoderDecoderTest extends ModelTestCase {

    @Test
    void referenceArchitectureEqualsTheLayersComposedByHand() {
        // C = 1, 8 x 12 images, D = 5: encoder conv 1-32 s2, ReLU, conv 32-64 s2, ReLU, flatten, dense 64*2*3 -> 5
        Parameters p = new Parameters(manager, DataType.FLOAT64);
        ConvEncoder enc = ConvEncoder.builder().setImageShape(1, 8, 12).setLatentSize(5).optSeed(3).build(p);
        ConvDecoder dec = ConvDecoder.builder().setImageShape(1, 8, 12).setLatentSize(5).optSeed(4).build(p);
        List<String> names = List.of("encoder.conv0.weight", "encoder.conv0.bias", "encoder.conv1.weight",
                "encoder.conv1.bias", "encoder.dense.weight", "encoder.dense.bias", "decoder.dense.weight",
                "decoder.dense.bias", "decoder.conv0.weight", "decoder.conv0.bias", "decoder.conv1.weight",
                "decoder.conv1.bias");
        assertEquals(names, p.names());
        assertEquals(new Shape(32, 1, 3, 3), p.get("encoder.conv0.weight").getShape());
        assertEquals(new Shape(64, 32, 3, 3), p.get("encoder.conv1.weight").getShape());
        assertEquals(new Shape(5, 384), p.get("encoder.dense.weight").getShape());
        assertEquals(new Shape(384, 5), p.get("decoder.dense.weight").getShape());
        assertEquals(new Shape(32, 64, 3, 3), p.get("decoder.conv0.weight").getShape());
        assertEquals(new Shape(1, 32, 3, 3), p.get("decoder.conv1.weight").getShape());
        assertTrue(p.buffers().isEmpty());

        // the same computation written out with the layers, sharing the weights (a second Parameters, same values)
        Parameters q = new Parameters(manager, DataType.FLOAT64);
        Sequential e = Sequential.of(
                Conv2d.builder().setName("e0").setChannels(1, 32).setKernel(3).optStride(2).optPadding(1).build(q),
                ActivationLayer.relu(),
                Conv2d.builder().setName("e1").setChannels(32, 64).setKernel(3).optStride(2).optPadding(1).build(q),
                ActivationLayer.relu(), Flatten.create(), Dense.builder().setName("e2").setUnits(384, 5).build(q));
        Sequential d = Sequential.of(Dense.builder().setName("d0").setUnits(5, 384).build(q), ActivationLayer.relu(),
                Reshape.of(64, 2, 3), Upsample.nearest(2),
                Conv2d.builder().setName("d1").setChannels(64, 32).setKernel(3).optPadding(1).build(q),
                ActivationLayer.relu(), Upsample.nearest(2),
                Conv2d.builder().setName("d2").setChannels(32, 1).setKernel(3).optPadding(1).build(q),
                ActivationLayer.sigmoid());
        double[] theta = new double[p.count()];
        p.copyTo(theta);
        q.copyFrom(theta);

        NDArray x = images(3, 1, 8, 12, 1, DataType.FLOAT64);
        NDArray z = enc.forward(x, false);
        assertEquals(new Shape(3, 5), z.getShape());
        assertArrayEquals(values(e.forward(x, false)), values(z), 1e-12);
        NDArray y = dec.forward(z, false);
        assertEquals(new Shape(3, 1, 8, 12), y.getShape());
        assertArrayEquals(values(d.forward(z, false)), values(y), 1e-12);
    }

    @ParameterizedTest
    @EnumSource(Normalization.class)
    void shapesForBothLatentSpaces(Normalization norm) {
        for (LatentSpace space : LatentSpace.values()) {
            Parameters p = new Parameters(manager, DataType.FLOAT32);
            AeConfig c = AeConfig.of(3, 12, 8, 4).withNormalization(norm).withLatentSpace(space).withHiddenChannels(8, 16);
            ConvEncoder enc = c.encoder().optSeed(1).build(p);
            ConvDecoder dec = c.decoder().optSeed(2).build(p);
            NDArray x = images(2, 3, 12, 8, 5, DataType.FLOAT32);
            for (boolean training : new boolean[] {true, false}) {
                NDArray z = enc.forward(x, training);
                assertEquals(c.latentShape(2), z.getShape(), space + " " + norm);
                assertEquals(space == LatentSpace.VECTOR ? new Shape(2, 4) : new Shape(2, 4, 3, 2), z.getShape());
                NDArray y = dec.forward(z, training);
                assertEquals(new Shape(2, 3, 12, 8), y.getShape());
                double[] v = values(y);
                assertTrue(Arrays.stream(v).allMatch(t -> t >= 0 && t <= 1), "sigmoid output");
            }
            List<String> names = new ArrayList<>(p.names());
            if (space == LatentSpace.MATRIX) {
                assertTrue(names.contains("encoder.head.weight") && names.contains("decoder.head.weight"), names.toString());
                assertEquals(new Shape(4, 16, 1, 1), p.get("encoder.head.weight").getShape());
                assertFalse(names.contains("encoder.dense.weight"));
            }
            switch (norm) {
                case NONE -> assertFalse(names.stream().anyMatch(n -> n.contains("norm")), names.toString());
                case BATCH -> {
                    assertTrue(names.contains("encoder.norm0.gamma") && names.contains("decoder.norm0.beta"), names.toString());
                    assertEquals(space == LatentSpace.MATRIX ? 8 : 6, p.buffers().size());
                }
                case LAYER -> {
                    assertEquals(new Shape(8, 6, 4), p.get("encoder.norm0.gamma").getShape());
                    assertEquals(new Shape(16, 3, 2), p.get("encoder.norm1.gamma").getShape());
                    assertEquals(new Shape(8, 6, 4), p.get("decoder.norm0.gamma").getShape());
                    assertTrue(p.buffers().isEmpty());
                }
                default -> throw new IllegalStateException();
            }
        }
    }

    @Test
    void outputMultiplierAndDeeperStacks() {
        Parameters p = new Parameters(manager, DataType.FLOAT32);
        AeConfig c = AeConfig.of(1, 8, 8, 3).withHiddenChannels(4, 4, 4);
        ConvEncoder vec = c.encoder().optOutputMultiplier(2).optSeed(1).build(p);
        ConvEncoder mat = c.withLatentSpace(LatentSpace.MATRIX).encoder().optName("m").optOutputMultiplier(2).build(p);
        NDArray x = images(2, 1, 8, 8, 1, DataType.FLOAT32);
        assertEquals(new Shape(2, 6), vec.forward(x, false).getShape());
        assertEquals(new Shape(2, 6, 1, 1), mat.forward(x, false).getShape());
        assertEquals(new Shape(6, 1, 1), mat.outputShape());
        ConvDecoder dec = c.decoder().build(p);
        assertEquals(new Shape(2, 1, 8, 8), dec.forward(manager.zeros(new Shape(2, 3)), false).getShape());
    }

    @Test
    void validation() {
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class, () -> AeConfig.of(1, 10, 8, 4));
        assertTrue(size.getMessage().contains("divisible by 4"), size.getMessage());
        Parameters p = new Parameters(manager, DataType.FLOAT32);
        assertThrows(IllegalArgumentException.class,
                () -> ConvEncoder.builder().setImageShape(1, 12, 12).setLatentSize(2).optHiddenChannels(4, 4, 4).build(p));
        assertEquals(0, p.count(), "a failed build must not leave parameters behind");
        ConvEncoder enc = ConvEncoder.builder().setImageShape(1, 8, 8).setLatentSize(2).build(p);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> enc.forward(manager.zeros(new Shape(1, 1, 12, 12)), false));
        assertTrue(e.getMessage().contains("(1, 8, 8)"), e.getMessage());
        ConvDecoder dec = ConvDecoder.builder().setImageShape(1, 8, 8).setLatentSize(2).build(p);
        assertThrows(IllegalArgumentException.class, () -> dec.forward(manager.zeros(new Shape(1, 3)), false));
        assertEquals(Normalization.BATCH, Normalization.parse(" Batch"));
        assertEquals(LatentSpace.MATRIX, LatentSpace.parse("matrix"));
    }
}
