package org.repcon.nn.unet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.repcon.DjlTestCase;
import org.repcon.nn.Parameters;
import org.repcon.nn.Scalars;
import org.repcon.nn.layers.GradientChecks;
import org.repcon.objective.LossValues;
import org.repcon.optim.Adam;

/** The noise-prediction U-Net: shapes, names, the role of t, gradients, and that it learns (float32 as float64). */
class UNetTest extends DjlTestCase {

    private static double[] gaussian(int n, long seed) {
        Random rng = new Random(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rng.nextGaussian();
        }
        return v;
    }

    private NDArray images(int n, int c, int size, long seed, DataType type) {
        return manager.create(gaussian(n * c * size * size, seed), new Shape(n, c, size, size)).toType(type, false);
    }

    private NDArray timesteps(int n, long seed) {
        Random rng = new Random(seed);
        int[] t = new int[n];
        for (int i = 0; i < n; i++) {
            t[i] = rng.nextInt(1000);
        }
        return manager.create(t);
    }

    private static double[] values(NDArray a) {
        return a.toType(DataType.FLOAT64, false).toDoubleArray();
    }

    @ParameterizedTest(name = "{0}x{0} C={1} base {2} {3}")
    @CsvSource({"28, 1, 32, GROUP", "32, 3, 32, LAYER", "28, 1, 64, GROUP"})
    void outputHasTheInputShapeAtTheExampleSizes(int size, int channels, int base, UNetNormalization norm) {
        Parameters p = new Parameters(manager, DataType.FLOAT32);
        UNet unet = UNet.builder().setInputChannels(channels).optBaseChannels(base).optNormalization(norm).optSeed(1).build(p);
        int batch = base == 64 ? 16 : 64;
        NDArray y = unet.forward(images(batch, channels, size, 2, DataType.FLOAT32), timesteps(batch, 3), true);
        assertEquals(new Shape(batch, channels, size, size), y.getShape());
        assertEquals(DataType.FLOAT32, y.getDataType());
        double[] v = values(y);
        assertTrue(java.util.Arrays.stream(v).allMatch(Double::isFinite));
        assertTrue(java.util.Arrays.stream(v).map(Math::abs).max().orElse(0) > 1e-3, "output is not all (near) zero");
    }

    @Test
    void parameterNamesAreStable() {
        Parameters p = new Parameters(manager, DataType.FLOAT32);
        UNet.builder().setInputChannels(1).optBaseChannels(8).optChannelMultipliers(1, 2).optResidualBlocks(1).optGroups(4)
                .build(p);
        List<String> names = p.names();
        List<String> head = List.of("unet.time.dense0.weight", "unet.time.dense0.bias", "unet.time.dense1.weight",
                "unet.time.dense1.bias", "unet.conv_in.weight", "unet.conv_in.bias", "unet.down.0.res.0.norm1.gamma",
                "unet.down.0.res.0.norm1.beta", "unet.down.0.res.0.conv1.weight", "unet.down.0.res.0.conv1.bias",
                "unet.down.0.res.0.time.weight", "unet.down.0.res.0.time.bias", "unet.down.0.res.0.norm2.gamma",
                "unet.down.0.res.0.norm2.beta", "unet.down.0.res.0.conv2.weight", "unet.down.0.res.0.conv2.bias",
                "unet.down.0.downsample.weight", "unet.down.0.downsample.bias");
        assertEquals(head, names.subList(0, head.size()));
        for (String expected : List.of("unet.down.1.res.0.skip.weight", "unet.mid.res0.conv1.weight",
                "unet.mid.attn.norm.gamma", "unet.mid.attn.q.weight", "unet.mid.attn.out.bias", "unet.mid.res1.conv2.bias",
                "unet.up.1.res.0.skip.weight", "unet.up.1.res.1.conv1.weight", "unet.up.1.upsample.conv.weight",
                "unet.up.0.res.1.skip.bias", "unet.norm_out.gamma", "unet.conv_out.weight")) {
            assertTrue(names.contains(expected), expected + " missing from " + names);
        }
        assertEquals(List.of("unet.conv_out.weight", "unet.conv_out.bias"), names.subList(names.size() - 2, names.size()));
        // skips, pushed in order: conv_in 8, down.0.res.0 8, down.0.downsample 8, down.1.res.0 16; popped in reverse
        assertEquals(new Shape(16, 32, 3, 3), p.get("unet.up.1.res.0.conv1.weight").getShape(), "16 + 16 skip channels in");
        assertEquals(new Shape(16, 24, 3, 3), p.get("unet.up.1.res.1.conv1.weight").getShape(), "16 + 8 skip channels in");
        assertEquals(new Shape(8, 24, 3, 3), p.get("unet.up.0.res.0.conv1.weight").getShape(), "16 + 8 skip channels in");
        assertEquals(new Shape(8, 16, 3, 3), p.get("unet.up.0.res.1.conv1.weight").getShape(), "8 + 8 skip channels in");
        assertEquals(names.size(), names.stream().distinct().count());
    }

    @Test
    void saveAndLoadByNameGivesIdenticalOutputs() throws IOException {
        Parameters p = new Parameters(manager, DataType.FLOAT32);
        UNet a = UNet.builder().setInputChannels(1).optBaseChannels(8).optChannelMultipliers(1, 2).optGroups(4).optSeed(1).build(p);
        Parameters q = new Parameters(manager, DataType.FLOAT32);
        UNet b = UNet.builder().setInputChannels(1).optBaseChannels(8).optChannelMultipliers(1, 2).optGroups(4).optSeed(2).build(q);
        NDArray x = images(4, 1, 8, 5, DataType.FLOAT32);
        NDArray t = timesteps(4, 6);
        assertNotEquals(java.util.Arrays.toString(values(a.forward(x, t, false))), java.util.Arrays.toString(values(b.forward(x, t, false))));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        p.write(new DataOutputStream(bytes));
        q.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertArrayEquals(values(a.forward(x, t, false)), values(b.forward(x, t, false)), 0.0);
    }

    @Test
    void theTimestepChangesTheOutput() {
        Parameters p = new Parameters(manager, DataType.FLOAT64);
        UNet unet = UNet.builder().setInputChannels(1).optSeed(4).build(p);
        NDArray x = images(8, 1, 28, 7, DataType.FLOAT64);
        double[] early = values(unet.forward(x, manager.full(new Shape(8), 10), false));
        double[] again = values(unet.forward(x, manager.full(new Shape(8), 10), false));
        double[] late = values(unet.forward(x, manager.full(new Shape(8), 900), false));
        assertArrayEquals(early, again, 0.0, "the same t gives the same output");
        double diff = 0;
        double norm = 0;
        for (int i = 0; i < early.length; i++) {
            diff += (early[i] - late[i]) * (early[i] - late[i]);
            norm += early[i] * early[i];
        }
        // measured: 0.14 at initialisation; a U-Net that ignored t gives exactly 0
        assertTrue(Math.sqrt(diff / norm) > 0.02, "relative change " + Math.sqrt(diff / norm));
    }

    @Test
    void rejectsSizesThatDoNotDivideAndBadSettings() {
        Parameters p = new Parameters(manager, DataType.FLOAT32);
        UNet unet = UNet.builder().setInputChannels(1).optBaseChannels(8).optGroups(4).build(p);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> unet.forward(images(2, 1, 30, 1, DataType.FLOAT32), timesteps(2, 1), false));
        assertEquals("UNet with 3 levels halves the image 2 times: H and W must be divisible by 4, got 30x30", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> unet.forward(images(2, 3, 28, 1, DataType.FLOAT32), timesteps(2, 1), false));
        assertThrows(IllegalArgumentException.class, () -> unet.forward(images(2, 1, 28, 1, DataType.FLOAT32), timesteps(3, 1), false));
        Parameters q = new Parameters(manager, DataType.FLOAT32);
        IllegalStateException groups = assertThrows(IllegalStateException.class,
                () -> UNet.builder().setInputChannels(1).optBaseChannels(12).optGroups(8).build(q));
        assertTrue(groups.getMessage().contains("8 groups do not divide"), groups.getMessage());
        assertEquals(0, q.count(), "nothing is built from bad settings");
        IllegalStateException heads = assertThrows(IllegalStateException.class,
                () -> UNet.builder().setInputChannels(1).optHeads(3).build(q));
        assertEquals("3 attention heads do not divide the lowest level's width 64", heads.getMessage());
        assertThrows(IllegalStateException.class, () -> UNet.builder().build(q));
        assertThrows(IllegalStateException.class, () -> UNet.builder().setInputChannels(1).optChannelMultipliers().build(q));
    }

    /** Every parameter array's gradient against central differences (a sample of entries each), on a small U-Net. */
    @ParameterizedTest(name = "scale-shift {0}, {1}")
    @CsvSource({"false, GROUP", "true, LAYER"})
    void parameterGradientsMatchFiniteDifferences(boolean scaleShift, UNetNormalization norm) {
        Parameters p = new Parameters(manager, DataType.FLOAT64);
        UNet unet = UNet.builder().setInputChannels(2).optBaseChannels(4).optChannelMultipliers(1, 2).optResidualBlocks(1)
                .optGroups(2).optHeads(2).optScaleShift(scaleShift).optNormalization(norm).optSeed(5).build(p);
        NDArray x = images(2, 2, 4, 6, DataType.FLOAT64);
        NDArray t = manager.create(new int[] {3, 700});
        NDArray r = images(2, 2, 4, 7, DataType.FLOAT64);
        // two entries of every array: the first and one inside
        Random rng = new Random(8);
        int[] indices = new int[2 * p.names().size()];
        int offset = 0;
        int k = 0;
        for (NDArray a : p.asMap().values()) {
            int n = Math.toIntExact(a.size());
            indices[k++] = offset;
            indices[k++] = offset + rng.nextInt(n);
            offset += n;
        }
        GradientChecks.assertParameterGradients(p, r, () -> unet.forward(x, t, true), 1e-6, indices);
    }

    /**
     * A few Adam steps on a tiny noise-prediction task lower the epsilon loss, and float32 training follows float64:
     * the same seeded model, data, noise and timesteps in both precisions, the loss per step compared.
     */
    @Test
    void adamLowersTheNoiseLossAndFloat32FollowsFloat64() {
        int steps = 25;
        double[] f64 = lossPerStep(DataType.FLOAT64, steps);
        double[] f32 = lossPerStep(DataType.FLOAT32, steps);
        // measured: 1.109 -> 0.0614 (float64); float32 within 3e-5 (relative) of float64 at every step
        assertTrue(f64[steps - 1] < 0.1 * f64[0], "float64 loss " + f64[0] + " -> " + f64[steps - 1]);
        for (int k = 0; k < steps; k++) {
            assertEquals(f64[k], f32[k], 1e-3 * f64[k], "float32 loss departs from float64 at step " + (k + 1));
        }
    }

    private double[] lossPerStep(DataType type, int steps) {
        int n = 16;
        int size = 8;
        Parameters p = new Parameters(manager, type);
        UNet unet = UNet.builder().setInputChannels(1).optBaseChannels(8).optChannelMultipliers(1, 2).optResidualBlocks(1)
                .optGroups(4).optSeed(11).build(p);
        // x0: a bright square at a random place per image, in [-1, 1]; noised at fixed timesteps of a linear schedule
        Random rng = new Random(12);
        double[] x0 = new double[n * size * size];
        java.util.Arrays.fill(x0, -1);
        for (int i = 0; i < n; i++) {
            int r0 = rng.nextInt(size - 3);
            int c0 = rng.nextInt(size - 3);
            for (int r = r0; r < r0 + 3; r++) {
                for (int c = c0; c < c0 + 3; c++) {
                    x0[i * size * size + r * size + c] = 1;
                }
            }
        }
        double[] eps = gaussian(x0.length, 13);
        int[] t = new int[n];
        double[] xt = new double[x0.length];
        for (int i = 0; i < n; i++) {
            t[i] = rng.nextInt(1000);
            double abar = 1;
            for (int s = 0; s <= t[i]; s++) {
                abar *= 1 - (1e-4 + (0.02 - 1e-4) * s / 999.0);
            }
            for (int j = 0; j < size * size; j++) {
                int at = i * size * size + j;
                xt[at] = Math.sqrt(abar) * x0[at] + Math.sqrt(1 - abar) * eps[at];
            }
        }
        Shape shape = new Shape(n, 1, size, size);
        NDArray xa = manager.create(xt, shape).toType(type, false);
        NDArray ea = manager.create(eps, shape).toType(type, false);
        NDArray ta = manager.create(t);
        Adam adam = Adam.builder().setParameters(p).optLearningRate(3e-3).build();
        double[] losses = new double[steps];
        for (int k = 0; k < steps; k++) {
            int step = k;
            try (NDScope outer = new NDScope()) {
                adam.step(() -> {
                    try (NDScope scope = new NDScope();
                            NDManager m = p.manager().newSubManager();
                            GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                        p.zeroGradients();
                        NDArray x = xa.duplicate();
                        x.attach(m);
                        NDArray loss = Scalars.times(unet.forward(x, ta, true).sub(ea).square().sum(), 1.0 / ea.size());
                        gc.backward(loss);
                        double v = loss.toType(DataType.FLOAT64, false).getDouble();
                        losses[step] = v;
                        return new LossValues(Map.of("eps_mse", v), Map.of("eps_mse", 1.0), v);
                    }
                }, step);
            }
        }
        return losses;
    }
}
