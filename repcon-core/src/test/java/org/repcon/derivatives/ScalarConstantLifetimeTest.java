package org.repcon.derivatives;

import org.repcon.DjlTestCase;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.repcon.engine.Engines;
import org.repcon.nn.Activation;
import org.repcon.nn.Mlp;
import org.repcon.nn.Parameters;
import org.repcon.objective.Objective;

/**
 * Regression test for a use-after-free in gradients. DJL's {@code NDArray.mul(Number)} (also {@code div},
 * {@code pow}, {@code maximum}, {@code minimum} with a number) wraps the number in a tensor over a Java direct
 * buffer (no copy) and closes it right after the op; autograd has saved that tensor for the backward pass, so
 * once the garbage collector frees the buffer the backward pass reads freed memory. Seen as rare, load- and
 * GC-dependent garbage gradients (up to 1e6) in a Burgers PINN while the loss itself was exact.
 *
 * <p>Here the forward pass is followed by a garbage collection and by churning small direct buffers (which reuse
 * the freed memory) before the backward pass; the gradient must equal the one computed without that.
 */
class ScalarConstantLifetimeTest extends DjlTestCase {

    /** Collects garbage, lets the cleaner free direct buffers, then reuses and scribbles over small blocks. */
    static void freeAndScribble() {
        List<ByteBuffer> keep = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            System.gc();
            try {
                Thread.sleep(30);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            for (int i = 0; i < 2000; i++) {
                ByteBuffer b = ByteBuffer.allocateDirect(8 + (i % 4) * 8);
                while (b.hasRemaining()) {
                    b.put((byte) 0x7f);
                }
                keep.add(b);
            }
        }
        keep.clear();
    }

    private double[] gradient(Parameters p, Function<NDManager, NDArray> loss, boolean stress) {
        try (NDScope scope = new NDScope();
                GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
            p.zeroGradients();
            NDArray l = loss.apply(manager);
            if (stress) {
                freeAndScribble();
            }
            gc.backward(l);
        }
        double[] g = new double[p.count()];
        p.gradientTo(g);
        return g;
    }

    @ParameterizedTest
    @EnumSource(value = Activation.class, names = {"TANH", "SOFTPLUS", "GELU", "SIN", "RELU"})
    void jetGradientSurvivesGarbageCollectionBeforeBackward(Activation act) {
        try (Parameters p = new Parameters(manager, DataType.FLOAT64)) {
            Mlp net = Mlp.builder().setInputs(2).setOutputs(1).optHidden(new int[] {8, 8}).optActivation(act)
                    .optSeed(3).build(p);
            Random rng = new Random(1);
            double[] xs = new double[64];
            for (int i = 0; i < xs.length; i++) {
                xs[i] = rng.nextGaussian();
            }
            NDArray x = manager.create(xs, new Shape(32, 2));
            Objective<Jet> objective = Objective.<Jet>builder()
                    .add("res", 0.7, j -> j.d("t").add(j.value().mul(j.d("x"))).sub(j.d2("x", "x")).square().mean())
                    .build();
            Function<NDManager, NDArray> loss = m -> objective
                    .evaluate(net.jet(x, Coordinates.of("t", "x").withSecond("x", "x")), 0).total();
            double[] clean = gradient(p, loss, false);
            for (int repeat = 0; repeat < 3; repeat++) {
                assertArrayEquals(clean, gradient(p, loss, true), 0.0, act + ": gradient changed by a GC before backward");
            }
        }
    }
}
