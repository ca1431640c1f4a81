package org.repcon.nn.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.repcon.DjlTestCase;
import org.repcon.nn.Parameters;

/**
 * DDPM's attention block against a plain-Java loop at the U-Net's lowest resolution (7x7, 64 channels, batch 64):
 * values, and the input gradient against central differences of the loop (on a sample of coordinates); parameter
 * gradients against central differences on a small shape.
 */
class SelfAttention2dTest extends DjlTestCase {

    private static PlainReferences.AttentionWeights weights(Parameters p, int c) {
        double[] flat = new double[p.count()];
        p.copyTo(flat);
        int at = 0;
        double[] gamma = Arrays.copyOfRange(flat, at, at += c);
        double[] beta = Arrays.copyOfRange(flat, at, at += c);
        double[][] w = new double[4][];
        double[][] bias = new double[4][];
        for (int i = 0; i < 4; i++) {
            w[i] = Arrays.copyOfRange(flat, at, at += c * c);
            bias[i] = Arrays.copyOfRange(flat, at, at += c);
        }
        return new PlainReferences.AttentionWeights(gamma, beta, w, bias);
    }

    private SelfAttention2d build(Parameters p, int c, int heads, int groups) {
        SelfAttention2d attn = SelfAttention2d.builder().setName("attn").setChannels(c).setGroups(groups).optHeads(heads)
                .optSeed(3).build(p);
        // non-trivial norm affine, and larger q/k weights so that the softmax is far from uniform
        double[] flat = new double[p.count()];
        p.copyTo(flat);
        Random rng = new Random(4);
        for (int i = 0; i < 2 * c; i++) {
            flat[i] = (i < c ? 1 : 0) + 0.3 * rng.nextGaussian();
        }
        for (int i = 2 * c; i < 2 * c + 2 * (c * c + c); i++) {
            flat[i] *= 3;
        }
        p.copyFrom(flat);
        return attn;
    }

    @ParameterizedTest(name = "B={0} C={1} {2}x{2} heads={3} {4}")
    @CsvSource({"64, 64, 7, 1, FLOAT64", "64, 64, 7, 4, FLOAT64", "64, 64, 7, 1, FLOAT32", "128, 32, 4, 2, FLOAT64"})
    void matchesAPlainLoop(int b, int c, int size, int heads, DataType type) {
        int s = size * size;
        int groups = 8;
        Parameters p = new Parameters(manager, type);
        SelfAttention2d attn = build(p, c, heads, groups);
        assertEquals(List.of("attn.norm.gamma", "attn.norm.beta", "attn.q.weight", "attn.q.bias", "attn.k.weight",
                "attn.k.bias", "attn.v.weight", "attn.v.bias", "attn.out.weight", "attn.out.bias"), p.names());
        PlainReferences.AttentionWeights w = weights(p, c);
        double[] x = LayerTesting.gaussian(b * c * s, 5);
        double[] r = LayerTesting.gaussian(x.length, 6);
        Shape shape = new Shape(b, c, size, size);
        NDArray xa = manager.create(x, shape).toType(type, false);
        NDArray ra = manager.create(r, shape).toType(type, false);

        double[] expected = PlainReferences.attention(x, b, c, s, heads, groups, w);
        double tol = type == DataType.FLOAT64 ? 1e-10 : 2e-4;
        GroupNormTest.assertClose(expected, LayerTesting.values(attn.forward(xa, true)), tol, "forward");

        // input gradient of sum(y r): central differences of the loop, on the one sample a coordinate belongs to
        double[] dx = LayerTesting.inputGradient(xa, ra, v -> attn.forward(v, true));
        Random rng = new Random(7);
        int per = c * s;
        for (int n = 0; n < 24; n++) {
            int i = rng.nextInt(x.length);
            int sample = i / per;
            double[] xs = Arrays.copyOfRange(x, sample * per, (sample + 1) * per);
            double[] rs = Arrays.copyOfRange(r, sample * per, (sample + 1) * per);
            double h = 1e-5;
            double keep = xs[i % per];
            xs[i % per] = keep + h;
            double up = dot(PlainReferences.attention(xs, 1, c, s, heads, groups, w), rs);
            xs[i % per] = keep - h;
            double down = dot(PlainReferences.attention(xs, 1, c, s, heads, groups, w), rs);
            double numeric = (up - down) / (2 * h);
            double gtol = type == DataType.FLOAT64 ? 1e-6 : 2e-3;
            assertEquals(numeric, dx[i], gtol * Math.max(1, Math.abs(numeric)), "d/dx[" + i + "]");
        }
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    @ParameterizedTest(name = "heads={0}")
    @CsvSource({"1", "2"})
    void parameterGradientsMatchFiniteDifferences(int heads) {
        Parameters p = new Parameters(manager, DataType.FLOAT64);
        SelfAttention2d attn = build(p, 4, heads, 2);
        NDArray x = LayerTesting.random(manager, new Shape(2, 4, 3, 3), 8);
        NDArray r = LayerTesting.random(manager, x.getShape(), 9);
        GradientChecks.assertParameterGradients(p, r, () -> attn.forward(x, true), 1e-6, null);
    }

    @Test
    void rejectsBadSettingsAndShapes() {
        Parameters p = new Parameters(manager, DataType.FLOAT32);
        assertThrows(IllegalStateException.class,
                () -> SelfAttention2d.builder().setName("a").setChannels(6).setGroups(2).optHeads(4).build(p));
        SelfAttention2d attn = SelfAttention2d.builder().setName("b").setChannels(4).setGroups(2).build(p);
        assertThrows(IllegalArgumentException.class, () -> attn.forward(manager.ones(new Shape(2, 3, 4, 4)), false));
    }
}
