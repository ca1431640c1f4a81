package org.repcon.optim;

import org.repcon.nn.Scalars;
import org.repcon.DjlTestCase;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.repcon.engine.Engines;
import org.repcon.nn.Parameters;
import org.repcon.objective.LossValues;

/** Adam on a quadratic {@code 0.5 sum a_i (p_i - c_i)^2} against the update written out in double. */
class AdamTest extends DjlTestCase {
    private static final double[] P0 = {0.5, -1.0, 2.0, 0.25, -0.75};
    private static final double[] A = {1.0, 4.0, 0.5, 10.0, 2.0};
    private static final double[] C = {1.0, 1.0, -1.0, 0.0, 0.5};
    private static final double BETA1 = 0.8;
    private static final double BETA2 = 0.95;
    private static final double EPS = 1e-6;
    private static final double WD = 0.05;
    private static final long OFFSET = 10;
    private static final LearningRateSchedule LR = LearningRateSchedule.exponential(0.1, 0.5, 2);


    /** Two arrays, [2, 2] and [1], holding P0. */
    private Parameters quadraticParameters(DataType type) {
        Parameters p = new Parameters(manager, type);
        p.add("w", new Shape(2, 2), new double[] {P0[0], P0[1], P0[2], P0[3]});
        p.add("b", new Shape(1), new double[] {P0[4]});
        return p;
    }

    private LossClosure closure(Parameters p) {
        return () -> {
            try (NDScope scope = new NDScope();
                    GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                p.zeroGradients();
                DataType t = p.dataType();
                NDArray flat = p.get("w").reshape(4).concat(p.get("b"));
                NDArray a = manager.create(A).toType(t, false);
                NDArray c = manager.create(C).toType(t, false);
                NDArray loss = flat.sub(c).square().mul(a).sum().mul(Scalars.constant(flat, 0.5));
                gc.backward(loss);
                double v = loss.toType(DataType.FLOAT64, false).getDouble();
                return new LossValues(Map.of("q", v), Map.of("q", 1.0), v);
            }
        };
    }

    private static Adam adam(Parameters p) {
        return Adam.builder().setParameters(p).optLearningRate(LR).optStepOffset(OFFSET).optBetas(BETA1, BETA2)
                .optEpsilon(EPS).optWeightDecay(WD).build();
    }

    /** The torch.optim.Adam update (L2 weight decay added to the gradient), steps global OFFSET .. OFFSET+n-1. */
    static double[][] reference(int n) {
        double[] p = P0.clone();
        double[] m = new double[p.length];
        double[] v = new double[p.length];
        double[][] trajectory = new double[n][];
        for (int t = 1; t <= n; t++) {
            double lr = 0.1 * Math.pow(0.5, (t - 1) / 2.0);
            for (int i = 0; i < p.length; i++) {
                double g = A[i] * (p[i] - C[i]) + WD * p[i];
                m[i] = BETA1 * m[i] + (1 - BETA1) * g;
                v[i] = BETA2 * v[i] + (1 - BETA2) * g * g;
                double mHat = m[i] / (1 - Math.pow(BETA1, t));
                double vHat = v[i] / (1 - Math.pow(BETA2, t));
                p[i] -= lr * mHat / (Math.sqrt(vHat) + EPS);
            }
            trajectory[t - 1] = p.clone();
        }
        return trajectory;
    }

    private static double[] flat(Parameters p) {
        double[] v = new double[p.count()];
        p.copyTo(v);
        return v;
    }

    @Test
    void float64StepsMatchHandComputedAdam() {
        Parameters p = quadraticParameters(DataType.FLOAT64);
        Adam adam = adam(p);
        LossClosure closure = closure(p);
        double[][] want = reference(6);
        for (int k = 0; k < 6; k++) {
            long step = OFFSET + k;
            assertEquals(0.1 * Math.pow(0.5, k / 2.0), adam.learningRate(step), 1e-17);
            try (NDScope scope = new NDScope()) {
                LossValues values = adam.step(closure, step);
                // the loss reported is the one before the update
                double[] before = k == 0 ? P0 : want[k - 1];
                double q = 0;
                for (int i = 0; i < before.length; i++) {
                    q += 0.5 * A[i] * (before[i] - C[i]) * (before[i] - C[i]);
                }
                assertEquals(q, values.total(), 1e-13);
            }
            double[] got = flat(p);
            for (int i = 0; i < got.length; i++) {
                assertEquals(want[k][i], got[i], 1e-14 * (1 + Math.abs(want[k][i])), "step " + k + " entry " + i);
            }
        }
        // the update moved every coordinate
        for (int i = 0; i < P0.length; i++) {
            assertTrue(Math.abs(want[5][i] - P0[i]) > 1e-3);
        }
    }

    @Test
    void float32StepsMatchHandComputedAdamLoosely() {
        Parameters p = quadraticParameters(DataType.FLOAT32);
        Adam adam = adam(p);
        LossClosure closure = closure(p);
        double[][] want = reference(6);
        for (int k = 0; k < 6; k++) {
            try (NDScope scope = new NDScope()) {
                adam.step(closure, OFFSET + k);
            }
        }
        assertArrayEquals(want[5], flat(p), 1e-5);
    }

    @Test
    void stateRoundTripContinuesBitForBit() throws IOException {
        Parameters straight = quadraticParameters(DataType.FLOAT64);
        Adam a = adam(straight);
        for (int k = 0; k < 5; k++) {
            try (NDScope scope = new NDScope()) {
                a.step(closure(straight), OFFSET + k);
            }
        }

        Parameters first = quadraticParameters(DataType.FLOAT64);
        Adam b = adam(first);
        for (int k = 0; k < 3; k++) {
            try (NDScope scope = new NDScope()) {
                b.step(closure(first), OFFSET + k);
            }
        }
        ByteArrayOutputStream state = new ByteArrayOutputStream();
        ByteArrayOutputStream params = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(state); DataOutputStream po = new DataOutputStream(params)) {
            b.writeState(out);
            first.write(po);
        }
        Parameters resumed = quadraticParameters(DataType.FLOAT64);
        resumed.read(new DataInputStream(new ByteArrayInputStream(params.toByteArray())));
        Adam c = adam(resumed);
        c.readState(new DataInputStream(new ByteArrayInputStream(state.toByteArray())));
        for (int k = 3; k < 5; k++) {
            try (NDScope scope = new NDScope()) {
                c.step(closure(resumed), OFFSET + k);
            }
        }
        assertArrayEquals(flat(straight), flat(resumed), 0.0);

        // state of a model with a different number of arrays is refused
        Parameters other = new Parameters(manager, DataType.FLOAT64);
        other.add("w", new Shape(5), new double[5]);
        IOException e = assertThrows(IOException.class, () -> adam(other)
                .readState(new DataInputStream(new ByteArrayInputStream(state.toByteArray()))));
        assertTrue(e.getMessage().contains("2 moment pairs"), e.getMessage());
    }

    @Test
    void learningRateSchedules() {
        assertEquals(0.1, LearningRateSchedule.constant(0.1).at(1000));
        assertEquals(0.1 * 0.5, LearningRateSchedule.exponential(0.1, 0.5, 10).at(10), 1e-17);
        assertEquals(0.1 * Math.sqrt(0.5), LearningRateSchedule.exponential(0.1, 0.5, 10).at(5), 1e-17);
        assertEquals(0.1, LearningRateSchedule.stepDecay(0.1, 0.5, 10).at(9));
        assertEquals(0.05, LearningRateSchedule.stepDecay(0.1, 0.5, 10).at(10));
        assertEquals(0.1, LearningRateSchedule.cosine(0.1, 0.01, 100).at(0), 1e-17);
        assertEquals(0.055, LearningRateSchedule.cosine(0.1, 0.01, 100).at(50), 1e-15);
        assertEquals(0.01, LearningRateSchedule.cosine(0.1, 0.01, 100).at(100), 1e-17);
        assertEquals(0.01, LearningRateSchedule.cosine(0.1, 0.01, 100).at(150), 1e-17);
        // Adam counts its schedule from its stage's first step
        Parameters p = quadraticParameters(DataType.FLOAT64);
        Adam adam = Adam.builder().setParameters(p).optLearningRate(LearningRateSchedule.stepDecay(1, 0.1, 5))
                .optStepOffset(100).build();
        assertEquals(1, adam.learningRate(104));
        assertEquals(0.1, adam.learningRate(105), 1e-17);
        assertThrows(IllegalStateException.class, () -> Adam.builder().build());
    }

    /** Three float32 arrays; the last one is not used by the loss (it never gets a gradient). */
    private Parameters threeArrays() {
        Parameters p = new Parameters(manager, DataType.FLOAT32);
        java.util.Random rng = new java.util.Random(5);
        p.add("a", new Shape(3, 4), uniform(rng, 12, -2, 2));
        p.add("b", new Shape(5), uniform(rng, 5, -2, 2));
        p.add("unused", new Shape(2), uniform(rng, 2, -2, 2));
        return p;
    }

    /** sum(sin(a) * a) + sum(b^3 / 3): gradients with a different scale per entry. */
    private static LossClosure sineCubic(Parameters p) {
        return () -> {
            try (NDScope scope = new NDScope();
                    GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                p.zeroGradients();
                NDArray a = p.get("a");
                NDArray b = p.get("b");
                NDArray loss = a.sin().mul(a).sum().add(b.mul(b).mul(b).sum().mul(Scalars.constant(b, 1.0 / 3)));
                gc.backward(loss);
                double v = loss.toType(DataType.FLOAT64, false).getDouble();
                return new LossValues(Map.of("q", v), Map.of("q", 1.0), v);
            }
        };
    }

    /**
     * The fused update (one native call for all arrays) is the Java sequence of tensor ops Adam ran before, bit for
     * bit in float32, over several steps with weight decay and a schedule; an array without a gradient is updated as
     * with a zero gradient (what DJL's getGradient gives it).
     */
    @Test
    void float32UpdateIsTheJavaTensorOpSequenceBitForBit() {
        Parameters fused = threeArrays();
        Parameters plain = threeArrays();
        Adam adam = adam(fused);
        java.util.List<NDArray> m = new java.util.ArrayList<>();
        java.util.List<NDArray> v = new java.util.ArrayList<>();
        for (NDArray a : plain.asMap().values()) {
            m.add(a.zerosLike());
            v.add(a.zerosLike());
        }
        float[] unusedBefore = plain.get("unused").toFloatArray();
        for (int k = 0; k < 6; k++) {
            try (NDScope scope = new NDScope()) {
                adam.step(sineCubic(fused), OFFSET + k);
            }
            try (NDScope scope = new NDScope()) {
                sineCubic(plain).evaluate();
                int t = k + 1;
                double rate = LR.at(k);
                double c1 = 1 - Math.pow(BETA1, t);
                double c2 = 1 - Math.pow(BETA2, t);
                int i = 0;
                for (NDArray p : plain.asMap().values()) {
                    NDArray g = p.getGradient();
                    g = g.add(p.mul(WD));
                    NDArray mi = m.get(i);
                    NDArray vi = v.get(i);
                    mi.muli(BETA1).addi(g.mul(1 - BETA1));
                    vi.muli(BETA2).addi(g.square().muli(1 - BETA2));
                    NDArray denom = vi.div(c2).sqrt().addi(EPS);
                    p.subi(mi.mul(rate / c1).divi(denom));
                    i++;
                }
            }
            for (String name : plain.names()) {
                assertArrayEquals(plain.get(name).toFloatArray(), fused.get(name).toFloatArray(), 0f, "step " + k + " " + name);
            }
        }
        // weight decay moved the array without a gradient
        assertTrue(Math.abs(fused.get("unused").toFloatArray()[0] - unusedBefore[0]) > 1e-3);
    }
}
