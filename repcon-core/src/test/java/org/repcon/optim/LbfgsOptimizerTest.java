package org.repcon.optim;

import org.repcon.nn.Scalars;
import org.repcon.DjlTestCase;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
import org.repcon.optim.lbfgs.Lbfgs;

/** The L-BFGS adapter on the parameters' flat view: convergence, consistency of reported values, resume. */
class LbfgsOptimizerTest extends DjlTestCase {
    private static final double[] A = {1, 10, 100};
    private static final double[] C = {0.5, -1, 2};


    private Parameters parameters() {
        Parameters p = new Parameters(manager, DataType.FLOAT64);
        p.add("p", new Shape(3), new double[] {3, 3, 3});
        return p;
    }

    /** 0.5 sum a (p - c)^2 + 0.1 sum p^4 (not quadratic, so L-BFGS needs several iterations). */
    private static double lossAt(double[] p) {
        double f = 0;
        for (int i = 0; i < 3; i++) {
            f += 0.5 * A[i] * (p[i] - C[i]) * (p[i] - C[i]) + 0.1 * Math.pow(p[i], 4);
        }
        return f;
    }

    private LossClosure closure(Parameters p, int[] calls) {
        return () -> {
            calls[0]++;
            try (NDScope scope = new NDScope();
                    GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                p.zeroGradients();
                NDArray x = p.get("p");
                NDArray x2 = x.square();
                NDArray loss = x.sub(manager.create(C)).square().mul(manager.create(A)).sum().mul(Scalars.constant(x, 0.5))
                        .add(x2.mul(x2).sum().mul(Scalars.constant(x, 0.1)));
                gc.backward(loss);
                double v = loss.getDouble();
                return new LossValues(Map.of("f", v), Map.of("f", 1.0), v);
            }
        };
    }

    private static double[] flat(Parameters p) {
        double[] v = new double[p.count()];
        p.copyTo(v);
        return v;
    }

    @Test
    void convergesAndReportsTheValuesAtTheParametersItLeaves() {
        Parameters p = parameters();
        LbfgsOptimizer opt = new LbfgsOptimizer(p, Lbfgs.builder().optHistorySize(5).build(), 1.0);
        int[] calls = {0};
        int iterations = 0;
        while (!opt.converged() && iterations < 100) {
            LossValues v;
            try (NDScope scope = new NDScope()) {
                v = opt.step(closure(p, calls), iterations);
            }
            iterations++;
            assertNotNull(v);
            assertEquals(lossAt(flat(p)), v.total(), 1e-12, "values reported must be those at the parameters left");
        }
        assertTrue(opt.converged(), "not converged after 100 iterations");
        assertTrue(iterations < 40, iterations + " iterations");
        // stationary point a (p - c) + 0.4 p^3 = 0 (it stops once the loss changes by < 1e-12: gradient ~1e-6)
        double[] x = flat(p);
        for (int i = 0; i < 3; i++) {
            assertEquals(0, A[i] * (x[i] - C[i]) + 0.4 * Math.pow(x[i], 3), 1e-5, "gradient entry " + i);
        }
        assertEquals(Double.valueOf(1.0), Double.valueOf(opt.learningRate(0)));
        assertTrue(calls[0] >= iterations);
    }

    @Test
    void stateRoundTripResumesBitForBit() throws IOException {
        Parameters straight = parameters();
        LbfgsOptimizer a = new LbfgsOptimizer(straight, Lbfgs.builder().optHistorySize(5).build(), 1.0);
        for (int k = 0; k < 6; k++) {
            a.step(closure(straight, new int[1]), k);
        }

        Parameters first = parameters();
        LbfgsOptimizer b = new LbfgsOptimizer(first, Lbfgs.builder().optHistorySize(5).build(), 1.0);
        for (int k = 0; k < 3; k++) {
            b.step(closure(first, new int[1]), k);
        }
        ByteArrayOutputStream state = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(state)) {
            b.writeState(out);
        }
        Parameters resumed = parameters();
        resumed.copyFrom(flat(first));
        LbfgsOptimizer c = new LbfgsOptimizer(resumed, Lbfgs.builder().optHistorySize(5).build(), 1.0);
        c.readState(new DataInputStream(new ByteArrayInputStream(state.toByteArray())));
        for (int k = 3; k < 6; k++) {
            c.step(closure(resumed, new int[1]), k);
        }
        assertArrayEquals(flat(straight), flat(resumed), 0.0);
    }

    /** The bytes LbfgsOptimizer writes before x (x is followed by the L-BFGS state, which starts with its magic). */
    private byte[] adapterHeader() throws IOException {
        Parameters p = parameters();
        LbfgsOptimizer opt = new LbfgsOptimizer(p, Lbfgs.builder().optHistorySize(5).build(), 1.0);
        opt.step(closure(p, new int[1]), 0);
        assertTrue(!opt.converged());
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(b)) {
            opt.writeState(out);
        }
        byte[] all = b.toByteArray();
        for (int i = 0; i + 8 <= all.length; i++) {
            if (all[i] == 0x4C && all[i + 1] == 0x42 && all[i + 2] == 0x46 && all[i + 3] == 0x47
                    && all[i + 4] == 0 && all[i + 5] == 0 && all[i + 6] == 0 && all[i + 7] == 1) {
                return java.util.Arrays.copyOf(all, i - 3 * 8);
            }
        }
        throw new AssertionError("no L-BFGS state found in the adapter's state");
    }

    @Test
    void resumedIterationThatStopsOnItsCachedGradientStillReportsValues() throws IOException {
        // A state as saved after an iteration: cached gradient at x, inverse-Hessian scale so small that the next
        // direction is not a descent direction to tolerance (as happens close to convergence). The next iteration
        // then stops without evaluating the objective; the values it reports must still be there.
        Parameters p = parameters();
        double[] x = {0.4, -0.8, 1.1};
        p.copyFrom(x);
        double[] g = {0.3, -0.2, 0.1};
        // the adapter's own header (flags, counters) from a real state; then x and the crafted L-BFGS state
        byte[] header = adapterHeader();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(header);
            for (double v : x) {
                out.writeDouble(v);
            }
            out.writeInt(0x4C424647); // L-BFGS state, version 1
            out.writeInt(1);
            out.writeInt(3); // dimension
            out.writeInt(5); // history size
            out.writeLong(4); // iterations
            out.writeLong(9); // evaluations
            out.writeDouble(1.0); // previous step
            out.writeDouble(1e-300); // H0 scale
            out.writeDouble(lossAt(x) + 1); // previous loss
            out.writeBoolean(true); // cached at x
            out.writeDouble(lossAt(x));
            for (double[] v : new double[][] {g, x, g, g}) { // grad, xCached, dir, prevGrad (= grad: no new pair)
                for (double e : v) {
                    out.writeDouble(e);
                }
            }
            out.writeInt(0); // no history pairs
        }
        LbfgsOptimizer opt = new LbfgsOptimizer(p, Lbfgs.builder().optHistorySize(5).build(), 1.0);
        opt.readState(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        LossValues v = opt.step(closure(p, new int[1]), 40);
        assertTrue(opt.converged());
        assertNotNull(v, "step() returned no loss values after a resume");
        assertEquals(lossAt(x), v.total(), 1e-12);
        assertArrayEquals(x, flat(p), 0.0);
    }

}
