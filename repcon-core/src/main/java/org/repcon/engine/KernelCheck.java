package org.repcon.engine;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.repcon.nn.layers.ConvolutionBackend;

/**
 * Checks the engine's float32 kernels on this CPU against a float64 reference, at the shapes repcon's examples
 * really use, forward and backward: the layer that computes wrongly (on a CPU whose kernels misbehave) is named,
 * with its error, instead of a training that goes NaN at a random step.
 *
 * <p>Each {@link Case} maps fixed inputs (drawn once from a seeded generator, float64, then cast) to outputs and to
 * the gradients of {@code L = sum(y * g)} (a fixed random {@code g}) with respect to every input. The reference is
 * the same computation in float64, where libtorch uses no oneDNN kernel (convolutions go through its own float64 +
 * DGEMM). The error of an output is {@code max |y32 - y64| / max |y64|}; a case passes when every output's error
 * is at most {@link #TOLERANCE} and every value is finite. Running a case several times also tells whether the
 * float32 results change from run to run (they do not for correct, deterministic kernels with a fixed thread
 * count), the signature of a race or of uninitialised memory.
 */
public final class KernelCheck {
    /**
     * Largest accepted relative error of a float32 output. Correct kernels stay below 1e-5 at these shapes (sums of
     * up to 25,088 products); a faulty kernel (NaN, garbage, missing contributions) is off by orders more.
     */
    public static final double TOLERANCE = 1e-4;

    private KernelCheck() {}

    /** One computation to check: {@code inputs} shapes, and the function of the inputs (in any dtype). */
    public record Case(String name, List<Shape> inputs, Computation computation) {
        /** Shapes in a compact form, e.g. {@code [128,1,28,28] [32,1,3,3] [32]}. */
        public String shapes() {
            StringBuilder sb = new StringBuilder();
            for (Shape s : inputs) {
                sb.append(sb.length() == 0 ? "" : " ").append(Arrays.toString(s.getShape()).replace(" ", ""));
            }
            return sb.toString();
        }
    }

    /** The outputs of a case's computation for the given inputs (all of one dtype). */
    @FunctionalInterface
    public interface Computation {
        NDArray apply(NDList inputs, ConvolutionBackend convolution);
    }

    /** The outcome of one case. */
    public record Result(String name, String shapes, double forwardError, double backwardError, int nonFinite,
            boolean variesBetweenRepeats, int repeats, double millisPerRepeat) {
        public boolean passed() {
            return nonFinite == 0 && forwardError <= TOLERANCE && backwardError <= TOLERANCE;
        }

        public double error() {
            return Math.max(forwardError, backwardError);
        }
    }

    /** The outcome of a set of cases with one backend and thread count. */
    public record Report(ConvolutionBackend convolution, int threads, List<Result> results) {
        public boolean passed() {
            return results.stream().allMatch(Result::passed);
        }

        /** Largest relative error over every case (NaN if a case produced non-finite values). */
        public double maxError() {
            double max = 0;
            for (Result r : results) {
                max = r.nonFinite > 0 ? Double.NaN : Math.max(max, r.error());
            }
            return max;
        }

        /** The failed cases' names, comma-separated (empty if none failed). */
        public String failedCases() {
            return String.join(", ", results.stream().filter(r -> !r.passed()).map(Result::name).toList());
        }

        /** A plain-text table, one row per case. */
        public String table() {
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                    "convolution %s, %d threads%n%-22s %-36s %10s %10s %9s %7s %9s %s%n", convolution.name().toLowerCase(Locale.ROOT),
                    threads, "case", "shapes", "fwd err", "bwd err", "nonfinite", "varies", "ms/run", "verdict"));
            for (Result r : results) {
                String shapes = r.shapes.length() > 36 ? r.shapes.substring(0, 33) + "..." : r.shapes;
                sb.append(String.format(Locale.ROOT, "%-22s %-36s %10.2e %10.2e %9d %7s %9.1f %s%n", r.name, shapes,
                        r.forwardError, r.backwardError, r.nonFinite, r.variesBetweenRepeats ? "yes" : "no", r.millisPerRepeat,
                        r.passed() ? "ok" : "WRONG"));
            }
            return sb.toString();
        }
    }

    /** The conv autoencoder's layers (README's example, batch 128, 28x28, channels 32/64, latent 32), one by one. */
    public static List<Case> autoencoderLayers() {
        List<Case> cases = new ArrayList<>();
        cases.add(conv("ae.encoder.conv0", 128, 1, 28, 32, 2));
        cases.add(conv("ae.encoder.conv1", 128, 32, 14, 64, 2));
        cases.add(dense("ae.encoder.dense", 128, 3136, 32));
        cases.add(dense("ae.decoder.dense", 128, 32, 3136));
        // UpsampledConv2d computes nearest-x2 + conv3x3 as a conv3x3 to 4x the channels on the small map
        cases.add(conv("ae.decoder.upconv0", 128, 64, 7, 4 * 32, 1));
        cases.add(conv("ae.decoder.upconv1", 128, 32, 14, 4, 1));
        cases.add(new Case("ae.relu", List.of(new Shape(128, 32, 14, 14)), (x, backend) -> Activation.relu(x.get(0))));
        cases.add(new Case("ae.sigmoid", List.of(new Shape(128, 1, 28, 28)), (x, backend) -> Activation.sigmoid(x.get(0))));
        cases.add(autoencoderStep());
        return cases;
    }

    /** The tracker's proposal encoder (batch 64, 64x64 image + 2 coordinate channels, 16/32/32 channels). */
    public static List<Case> trackerLayers() {
        return List.of(conv("tracker.encoder.conv0", 64, 3, 64, 16, 2), conv("tracker.encoder.conv1", 64, 16, 32, 32, 2),
                conv("tracker.encoder.conv2", 64, 32, 16, 32, 2));
    }

    /** A k=3, padding-1 convolution with bias at the given input size. */
    static Case conv(String name, int batch, int in, int size, int out, int stride) {
        return new Case(name, List.of(new Shape(batch, in, size, size), new Shape(out, in, 3, 3), new Shape(out)),
                (x, backend) -> backend.conv2d(x.get(0), x.get(1), x.get(2), stride, 1));
    }

    /** {@code x W^T + b} (libtorch's linear: SGEMM/DGEMM). */
    static Case dense(String name, int batch, int in, int out) {
        return new Case(name, List.of(new Shape(batch, in), new Shape(out, in), new Shape(out)),
                (x, backend) -> Linear.linear(x.get(0), x.get(1), x.get(2)).singletonOrThrow());
    }

    /**
     * A whole conv-autoencoder pass: conv s2, act, conv s2, act, dense to 32 | dense, act, upconv, act, upconv,
     * sigmoid (the decoder's up-convolutions on the small map followed by pixel shuffle), output the reconstruction;
     * its backward reaches every weight and the image. The activation is softplus, not the example's ReLU: a ReLU
     * input within float32 rounding of 0 switches its gradient, which a float64 reference cannot match; ReLU has a
     * case of its own.
     */
    static Case autoencoderStep() {
        List<Shape> shapes = List.of(new Shape(128, 1, 28, 28), new Shape(32, 1, 3, 3), new Shape(32), new Shape(64, 32, 3, 3),
                new Shape(64), new Shape(32, 3136), new Shape(32), new Shape(3136, 32), new Shape(3136), new Shape(128, 64, 3, 3),
                new Shape(128), new Shape(4, 32, 3, 3), new Shape(4));
        return new Case("ae.step", shapes, (p, backend) -> {
            NDArray h = Activation.softPlus(backend.conv2d(p.get(0), p.get(1), p.get(2), 2, 1));
            h = Activation.softPlus(backend.conv2d(h, p.get(3), p.get(4), 2, 1)).reshape(128, 3136);
            NDArray z = Linear.linear(h, p.get(5), p.get(6)).singletonOrThrow();
            h = Activation.softPlus(Linear.linear(z, p.get(7), p.get(8)).singletonOrThrow()).reshape(128, 64, 7, 7);
            h = Activation.softPlus(shuffle(backend.conv2d(h, p.get(9), p.get(10), 1, 1)));
            return Activation.sigmoid(shuffle(backend.conv2d(h, p.get(11), p.get(12), 1, 1)));
        });
    }

    private static NDArray shuffle(NDArray x) {
        Shape s = x.getShape();
        long c = s.get(1) / 4;
        return x.reshape(s.get(0), c, 2, 2, s.get(2), s.get(3)).transpose(0, 1, 4, 2, 5, 3).reshape(s.get(0), c, 2 * s.get(2), 2 * s.get(3));
    }

    /**
     * Runs {@code cases} with the float32 {@code convolution} backend at libtorch's current thread count, each
     * {@code repeats} times, against the float64 reference.
     */
    public static Report run(List<Case> cases, ConvolutionBackend convolution, int repeats, long seed) {
        Engine engine = Engine.getEngine("PyTorch");
        List<Result> results = new ArrayList<>();
        try (NDManager manager = engine.newBaseManager()) {
            for (Case c : cases) {
                results.add(runCase(manager, c, convolution, repeats, seed));
            }
        }
        return new Report(convolution, JniUtils.getNumThreads(), results);
    }

    private static Result runCase(NDManager parent, Case c, ConvolutionBackend convolution, int repeats, long seed) {
        try (NDManager m = parent.newSubManager()) {
            Random rng = new Random(seed ^ c.name().hashCode());
            List<double[]> inputs = new ArrayList<>();
            for (Shape s : c.inputs()) { // data ~ N(0, 1); weights ~ N(0, 1 / fan-in), as trained layers roughly are
                inputs.add(gaussian(rng, s.size(), inputs.isEmpty() ? 1.0 : 1.0 / Math.sqrt(s.size() / s.get(0))));
            }
            double[][] reference = evaluate(m, c, inputs, DataType.FLOAT64, ConvolutionBackend.ENGINE, seed);
            double forward = 0;
            double backward = 0;
            int nonFinite = 0;
            boolean varies = false;
            double[][] first = null;
            long start = System.nanoTime();
            for (int r = 0; r < repeats; r++) {
                double[][] got = evaluate(m, c, inputs, DataType.FLOAT32, convolution, seed);
                for (int i = 0; i < got.length; i++) {
                    double e = relativeError(got[i], reference[i]);
                    nonFinite += countNonFinite(got[i]);
                    if (i == 0) {
                        forward = Math.max(forward, e);
                    } else {
                        backward = Math.max(backward, e);
                    }
                    varies |= first != null && !Arrays.equals(first[i], got[i]);
                }
                first = first == null ? got : first;
            }
            double ms = (System.nanoTime() - start) / 1e6 / Math.max(1, repeats);
            return new Result(c.name(), c.shapes(), forward, backward, nonFinite, varies, repeats, ms);
        }
    }

    /** Output and the gradient of sum(y * g) w.r.t. each input, as doubles; g is drawn from {@code seed}. */
    private static double[][] evaluate(NDManager parent, Case c, List<double[]> values, DataType type,
            ConvolutionBackend convolution, long seed) {
        try (NDManager m = parent.newSubManager()) {
            NDList inputs = new NDList();
            for (int i = 0; i < values.size(); i++) {
                NDArray a = m.create(values.get(i), c.inputs().get(i)).toType(type, false);
                a.setRequiresGradient(true);
                inputs.add(a);
            }
            double[][] out = new double[inputs.size() + 1][];
            // plain autograd rather than a GradientCollector (DJL allows one at a time), so the check may run at any time
            boolean gradMode = JniUtils.isGradMode();
            JniUtils.setGradMode(true);
            try {
                NDArray y = c.computation().apply(inputs, convolution);
                double[] g = gaussian(new Random(seed + 17), y.size(), 1.0);
                NDArray loss = y.mul(m.create(g, y.getShape()).toType(type, false)).sum();
                out[0] = y.toType(DataType.FLOAT64, false).toDoubleArray();
                JniUtils.backward((PtNDArray) loss, (PtNDArray) m.ones(loss.getShape(), type), false, false);
            } finally {
                JniUtils.setGradMode(gradMode);
            }
            for (int i = 0; i < inputs.size(); i++) {
                out[i + 1] = inputs.get(i).getGradient().toType(DataType.FLOAT64, false).toDoubleArray();
            }
            return out;
        }
    }

    /** {@code max |a - b| / max |b|} (infinite if a holds a non-finite value). */
    static double relativeError(double[] a, double[] b) {
        double diff = 0;
        double scale = 0;
        for (int i = 0; i < a.length; i++) {
            if (!Double.isFinite(a[i])) {
                return Double.POSITIVE_INFINITY;
            }
            diff = Math.max(diff, Math.abs(a[i] - b[i]));
            scale = Math.max(scale, Math.abs(b[i]));
        }
        return scale == 0 ? diff : diff / scale;
    }

    private static int countNonFinite(double[] a) {
        int n = 0;
        for (double v : a) {
            n += Double.isFinite(v) ? 0 : 1;
        }
        return n;
    }

    private static double[] gaussian(Random rng, long n, double scale) {
        double[] v = new double[Math.toIntExact(n)];
        for (int i = 0; i < v.length; i++) {
            v[i] = scale * rng.nextGaussian();
        }
        return v;
    }
}
