package org.repcon.autoencoders;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.repcon.nn.Parameters;
import org.repcon.nn.conv.LatentSpace;
import org.repcon.nn.conv.Normalization;
import org.repcon.nn.layers.Dense;
import org.repcon.nn.layers.Layer;
import org.repcon.objective.Objective;

/**
 * VQ-VAE: nearest-code search against brute force (vector and matrix latents), the straight-through gradient,
 * the codebook and commitment losses and their gradients by hand, perplexity, code sampling, training and
 * save/load.
 */
class VqVaeTest extends ModelTestCase {
    private static final Layer IDENTITY = (x, training) -> x;

    /** A VQ-VAE whose encoder is the identity (the input is z_e) and whose decoder is {@code decoder}. */
    private VqVae identityVq(Parameters p, int d, int k, Layer decoder) {
        return VqVae.builder().setConfig(VqVaeConfig.of(1, 4, 4, d, k)).optEncoder(IDENTITY).optDecoder(decoder).build(p);
    }

    /** Index of the nearest row of {@code codebook [K][D]} to {@code v}. */
    private static int nearest(double[] codebook, int k, int d, double[] v, int offset, int stride) {
        int best = -1;
        double bestDist = Double.POSITIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            double dist = 0;
            for (int j = 0; j < d; j++) {
                double diff = v[offset + j * stride] - codebook[c * d + j];
                dist += diff * diff;
            }
            if (dist < bestDist) {
                bestDist = dist;
                best = c;
            }
        }
        return best;
    }

    @Test
    void vectorLatentQuantisesToTheNearestCode() {
        Parameters p = new Parameters(manager, DataType.FLOAT64);
        VqVae vq = identityVq(p, 3, 7, IDENTITY);
        assertEquals(new Shape(7, 3), vq.codebook().getShape());
        double[] e = values(vq.codebook());
        assertTrue(Arrays.stream(e).allMatch(v -> Math.abs(v) <= 1.0 / 7), "U(-1/K, 1/K)");
        NDArray zE = manager.create(org.repcon.nn.layers.Init.uniform(20 * 3, 0.2, new java.util.Random(1)), new Shape(20, 3));
        VqVae.Quantized q = vq.quantize(zE);
        assertEquals(new Shape(20), q.codes().getShape());
        assertEquals(DataType.INT64, q.codes().getDataType());
        long[] codes = q.codes().toLongArray();
        double[] z = values(zE);
        double[] zq = values(q.zQ());
        for (int i = 0; i < 20; i++) {
            int c = nearest(e, 7, 3, z, i * 3, 1);
            assertEquals(c, codes[i], "row " + i);
            for (int j = 0; j < 3; j++) {
                assertEquals(e[c * 3 + j], zq[i * 3 + j], 0.0);
            }
        }
        assertArrayEquals(zq, values(vq.lookup(q.codes())), 0.0);
        AutoencoderOutput out = vq.forward(zE, zE, true);
        assertArrayEquals(zq, values(out.z()), 1e-15, "the decoder sees z_q");
        assertArrayEquals(z, values(out.extra(AutoencoderOutput.Extras.Z_E)), 0.0);
        assertArrayEquals(codes, out.extra(AutoencoderOutput.Extras.CODES).toLongArray());
    }

    @Test
    void matrixLatentQuantisesEachPosition() {
        Parameters p = new Parameters(manager, DataType.FLOAT64);
        VqVae vq = VqVae.builder().setConfig(new VqVaeConfig(AeConfig.of(1, 8, 8, 3).withLatentSpace(LatentSpace.MATRIX)
                .withHiddenChannels(4, 8), 5)).build(p);
        double[] e = values(vq.codebook());
        NDArray x = images(2, 1, 8, 8, 1, DataType.FLOAT64);
        AutoencoderOutput out = vq.forward(x, x, false);
        NDArray zE = out.extra(AutoencoderOutput.Extras.Z_E);
        assertEquals(new Shape(2, 3, 2, 2), zE.getShape());
        assertEquals(new Shape(2, 3, 2, 2), out.z().getShape());
        NDArray codes = out.extra(AutoencoderOutput.Extras.CODES);
        assertEquals(new Shape(2, 2, 2), codes.getShape());
        long[] c = codes.toLongArray();
        double[] z = values(zE);
        double[] zq = values(out.extra(AutoencoderOutput.Extras.Z_Q));
        for (int b = 0; b < 2; b++) {
            for (int pos = 0; pos < 4; pos++) {
                // channel j of position pos of sample b sits at (b * 3 + j) * 4 + pos
                int expected = nearest(e, 5, 3, z, b * 12 + pos, 4);
                assertEquals(expected, c[b * 4 + pos]);
                for (int j = 0; j < 3; j++) {
                    assertEquals(e[expected * 3 + j], zq[(b * 3 + j) * 4 + pos], 0.0);
                }
            }
        }
        assertArrayEquals(zq, values(vq.lookup(codes)), 0.0);
        assertArrayEquals(zq, values(vq.encode(x, false)), 0.0);
        assertArrayEquals(z, values(vq.encodeContinuous(x, false)), 0.0);
        assertArrayEquals(values(out.reconstruction()), values(vq.decodeCodes(codes, false)), 1e-12);
        NDArray samples = vq.sampleCodes(3, 9, manager);
        assertEquals(new Shape(3, 1, 8, 8), samples.getShape());
        assertArrayEquals(values(samples), values(vq.sampleCodes(3, 9, manager)), 0.0);
    }

    @Test
    void straightThroughGradientEqualsTheDecoderInputGradient() {
        // L = sum(D(z) * r) with a nonlinear decoder D; autograd gives dL/dz_e through z = z_e + sg(z_q - z_e),
        // central differences of D at z = z_q give dL/dz: they must agree
        Parameters p = new Parameters(manager, DataType.FLOAT64);
        Dense dense = Dense.builder().setName("dec").setUnits(3, 5).optSeed(2).build(p);
        Layer decoder = (z, training) -> dense.forward(z, training).tanh();
        VqVae vq = identityVq(p, 3, 4, decoder);
        // spread the codebook so the z_e below sit in distinct cells
        double[] theta = new double[p.count()];
        p.copyTo(theta);
        int cb = theta.length - 12;
        double[] codebook = {1, 0, 0, 0, 1, 0, 0, 0, 1, -1, -1, -1};
        System.arraycopy(codebook, 0, theta, cb, 12);
        p.copyFrom(theta);
        double[] ze = {0.9, 0.2, -0.1, 0.1, 0.7, 0.3, -0.8, -0.5, -0.9};
        NDArray zE = manager.create(ze, new Shape(3, 3));
        NDArray r = manager.create(new double[] {1, -2, 0.5, 0.3, 1, 0.7, -1, 2, 0.1, -0.4, 1.5, 0.2, -0.6, 0.9, 1.1},
                new Shape(3, 5));
        NDArray x = zE.duplicate();
        x.setRequiresGradient(true);
        p.zeroGradients();
        try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
            gc.backward(vq.forward(x, x, true).reconstruction().mul(r).sum());
        }
        double[] grad = values(x.getGradient());
        assertArrayEquals(new double[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
                values(vq.codebook().getGradient()), 0.0, "the reconstruction does not reach the codebook");

        long[] codes = vq.quantize(zE).codes().toLongArray();
        assertArrayEquals(new long[] {0, 1, 3}, codes);
        double[] zq = values(vq.lookup(manager.create(codes)));
        double h = 1e-6;
        for (int i = 0; i < zq.length; i++) {
            double[] plus = zq.clone();
            plus[i] += h;
            double[] minus = zq.clone();
            minus[i] -= h;
            double fd = (decoder.forward(manager.create(plus, new Shape(3, 3)), false).mul(r).sum().getDouble()
                    - decoder.forward(manager.create(minus, new Shape(3, 3)), false).mul(r).sum().getDouble()) / (2 * h);
            assertEquals(fd, grad[i], 1e-8, "dL/dz_e[" + i + "]");
        }
        assertTrue(Arrays.stream(grad).anyMatch(g -> Math.abs(g) > 1e-3), "a gradient that can be told from zero");
    }

    @Test
    void codebookAndCommitmentLossesByHand() {
        Parameters p = new Parameters(manager, DataType.FLOAT64);
        VqVae vq = identityVq(p, 2, 3, IDENTITY);
        p.copyFrom(new double[] {0, 0, 1, 1, -2, 0}); // codes e_0 = (0, 0), e_1 = (1, 1), e_2 = (-2, 0)
        double[] ze = {0.2, 0.1, 0.9, 1.4, -1.5, 0.1, 0.6, 0.7};
        // nearest: 0, 1, 2, 1; squared errors 0.05, 0.17, 0.26, 0.25 -> mean over 8 elements 0.73 / 8
        NDArray x = manager.create(ze, new Shape(4, 2));
        x.setRequiresGradient(true);
        p.zeroGradients();
        double codebookLoss;
        double commitment;
        try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
            AutoencoderOutput out = vq.forward(x, x, true);
            assertArrayEquals(new long[] {0, 1, 2, 1}, out.extra(AutoencoderOutput.Extras.CODES).toLongArray());
            NDArray a = VqVae.codebookLoss().compute(out);
            NDArray b = VqVae.commitmentLoss().compute(out);
            codebookLoss = a.getDouble();
            commitment = b.getDouble();
            gc.backward(a.add(org.repcon.nn.Scalars.times(b, 0.25)));
        }
        assertEquals(0.73 / 8, codebookLoss, 1e-12);
        assertEquals(0.73 / 8, commitment, 1e-12);
        // codebook loss: d/de_k = -2/8 sum_{i: k_i = k} (z_e_i - e_k); the commitment loss does not reach it
        double[] expectedCodebook = {
            -0.25 * 0.2, -0.25 * 0.1,
            -0.25 * ((0.9 - 1) + (0.6 - 1)), -0.25 * ((1.4 - 1) + (0.7 - 1)),
            -0.25 * (-1.5 + 2), -0.25 * 0.1};
        assertArrayEquals(expectedCodebook, values(vq.codebook().getGradient()), 1e-12);
        // commitment (weight 0.25): d/dz_e = 0.25 * 2/8 (z_e - z_q); plus the straight-through path (none here: no
        // reconstruction term), the codebook loss does not reach z_e
        double[] zq = {0, 0, 1, 1, -2, 0, 1, 1};
        double[] expectedZe = new double[8];
        for (int i = 0; i < 8; i++) {
            expectedZe[i] = 0.25 * 0.25 * (ze[i] - zq[i]);
        }
        assertArrayEquals(expectedZe, values(x.getGradient()), 1e-12);
    }

    @Test
    void perplexityAndCounts() {
        assertEquals(4, VqVae.perplexity(new long[] {3, 3, 0, 3, 3}), 1e-12);
        assertEquals(1, VqVae.perplexity(new long[] {0, 9, 0}), 0.0);
        assertEquals(Math.exp(-(0.25 * Math.log(0.25) + 0.75 * Math.log(0.75))), VqVae.perplexity(new long[] {1, 3}), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> VqVae.perplexity(new long[] {0, 0}));
        assertArrayEquals(new long[] {1, 0, 3}, VqVae.codeCounts(manager.create(new long[] {2, 0, 2, 2}), 3));
    }

    @Test
    void trainingMovesEncoderDecoderAndCodebookEvaluationChangesNothing() {
        Parameters p = new Parameters(manager, DataType.FLOAT32);
        VqVae vq = VqVae.builder().setConfig(new VqVaeConfig(AeConfig.of(1, 8, 8, 3).withNormalization(Normalization.BATCH)
                .withLatentSpace(LatentSpace.MATRIX).withHiddenChannels(4, 8), 6)).build(p);
        Objective<AutoencoderOutput> objective = Objective.<AutoencoderOutput>builder()
                .add("l2", 1.0, out -> out.reconstruction().sub(out.target()).square().mean())
                .add("codebook", 1.0, VqVae.codebookLoss())
                .add("commitment", 0.25, VqVae.commitmentLoss())
                .build();
        AutoencoderTest.assertTrainingMovesEvaluationDoesNot(vq, objective, images(4, 1, 8, 8, 1, DataType.FLOAT32));
    }

    /**
     * The VQ-VAE learns: 200 Adam steps (about 1 s, float64, seeded) on reconstruction + codebook + 0.25 commitment
     * lower the evaluation-mode reconstruction MSE of 8 tiny images below 0.6x its start (measured: 0.102 -> 0.039,
     * 0.39x). Checked: without the straight-through estimator ({@code z = zQ.stopGradient()} in
     * {@link VqVae#forward}) the encoder gets no reconstruction gradient and this fails (0.82x).
     */
    @Test
    void reconstructionErrorFallsWithTraining() {
        Parameters p = new Parameters(manager, DataType.FLOAT64);
        VqVae vq = VqVae.builder().setConfig(new VqVaeConfig(AeConfig.of(1, 8, 8, 3).withLatentSpace(LatentSpace.MATRIX)
                .withHiddenChannels(4, 8).withSeed(11), 6)).build(p);
        NDArray x = images(8, 1, 8, 8, 1, DataType.FLOAT64);
        double before = value(vq.forward(x, x, false).reconstruction().sub(x).square().mean());
        Objective<AutoencoderOutput> objective = Objective.<AutoencoderOutput>builder()
                .add("l2", 1.0, out -> out.reconstruction().sub(out.target()).square().mean())
                .add("codebook", 1.0, VqVae.codebookLoss())
                .add("commitment", 0.25, VqVae.commitmentLoss())
                .build();
        AutoencoderTest.train(vq, objective, x, 200);
        double after = value(vq.forward(x, x, false).reconstruction().sub(x).square().mean());
        assertTrue(after < 0.6 * before, "VQ-VAE reconstruction MSE " + before + " -> " + after + " after 200 Adam steps");
    }

    @Test
    void saveAndLoad() {
        VqVaeConfig config = new VqVaeConfig(AeConfig.of(1, 8, 8, 3).withHiddenChannels(4, 8).withNormalization(Normalization.BATCH), 6);
        Parameters p = new Parameters(manager, DataType.FLOAT32);
        VqVae a = VqVae.builder().setConfig(config).build(p);
        NDArray x = images(4, 1, 8, 8, 1, DataType.FLOAT32);
        AutoencoderTest.train(a, Objective.<AutoencoderOutput>builder()
                .add("l2", 1.0, out -> out.reconstruction().sub(out.target()).square().mean())
                .add("codebook", 1.0, VqVae.codebookLoss()).build(), x, 2);
        Parameters q = new Parameters(manager, DataType.FLOAT32);
        VqVae b = VqVae.builder().setConfig(new VqVaeConfig(config.architecture().withSeed(9), 6)).build(q);
        assertFalse(Arrays.equals(values(a.codebook()), values(b.codebook())));
        restore(q, snapshot(p));
        AutoencoderOutput oa = a.forward(x, x, false);
        AutoencoderOutput ob = b.forward(x, x, false);
        assertArrayEquals(oa.extra(AutoencoderOutput.Extras.CODES).toLongArray(), ob.extra(AutoencoderOutput.Extras.CODES).toLongArray());
        assertArrayEquals(values(oa.reconstruction()), values(ob.reconstruction()), 0.0);
        assertArrayEquals(values(a.sampleCodes(2, 1, manager)), values(b.sampleCodes(2, 1, manager)), 0.0);
    }
}
