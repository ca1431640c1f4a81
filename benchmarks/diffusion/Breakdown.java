// Where the time of repcon's U-Net training step goes, and what the fused ops changed (see README.md, "Breakdown"):
//   java -cp "<repcon-cli/target/lib/*>" Breakdown.java [--threads 1] [--batch-size 128] [--reps 5]
// In one process, alternating, so that both sides see the same machine:
//  1. group norm and SiLU forward + backward at every shape the default U-Net runs them (count x median time), the
//     composite ops repcon used before (layer norm + evaluation-mode batch norm; x * sigmoid(x)) against the fused
//     kernels it uses now (org.repcon.nn.FusedOps), with the largest difference of their results;
//  2. Adam's update of the U-Net's 218 parameter arrays, the Java loop of tensor ops used before against the one
//     native call used now, and whether they agree bit for bit after several steps;
//  3. the parts of the whole training step as UNetBenchmark.java runs it: batch and noise, forward, backward, loss
//     read-back, Adam, gradient zeroing.
// Times: median over --reps of wall and process CPU time (CPU time is less disturbed by other processes at 1 thread).

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Function;
import org.repcon.engine.Engines;
import org.repcon.nn.FusedOps;
import org.repcon.nn.Parameters;
import org.repcon.nn.Scalars;
import org.repcon.nn.unet.UNet;
import org.repcon.nn.unet.UNetNormalization;

public class Breakdown {
    static int threads = 1, batch = 128, reps = 5;
    static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    /** Group norm inputs of the default U-Net (base 32, multipliers 1,2,2, 2 blocks): channels, side, count. */
    static final int[][] NORMS = {{32, 28, 8}, {64, 28, 2}, {96, 28, 1}, {32, 14, 1}, {64, 14, 6}, {96, 14, 1}, {128, 14, 2},
        {64, 7, 12}, {128, 7, 3}};
    /** SiLU inputs: after every norm but the attention's (one [64, 7, 7] less), and twice on the time embedding. */
    static final int[][] SILUS = {{32, 28, 8}, {64, 28, 2}, {96, 28, 1}, {32, 14, 1}, {64, 14, 6}, {96, 14, 1}, {128, 14, 2},
        {64, 7, 11}, {128, 7, 3}};

    public static void main(String[] args) {
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--threads" -> threads = Integer.parseInt(args[i + 1]);
                case "--batch-size" -> batch = Integer.parseInt(args[i + 1]);
                case "--reps" -> reps = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        Engines.start(threads);
        Engines.seed(1);
        System.out.printf(Locale.ROOT, "%s; batch %d, median of %d repetitions, load %.2f%n%n", Engines.describe(), batch, reps,
                OS.getSystemLoadAverage());
        try (NDManager root = NDManager.newBaseManager()) {
            pointwise(root);
            adam(root);
            step(root);
        }
    }

    // ---- 1. group norm and SiLU ----

    /** Before: layer norm over [B, G, n] with ones/zeros, then the affine as an evaluation-mode batch norm. */
    static NDArray groupNormBefore(NDArray x, int groups, NDArray gamma, NDArray beta) {
        Shape s = x.getShape();
        long n = s.size() / (s.get(0) * groups);
        Shape groupShape = new Shape(n);
        NDArray ones = x.getManager().ones(groupShape, x.getDataType());
        NDArray zeros = x.getManager().zeros(groupShape, x.getDataType());
        NDArray normalised = JniUtils.layerNorm((PtNDArray) x.reshape(s.get(0), groups, n), groupShape, (PtNDArray) ones,
                (PtNDArray) zeros, 1e-5).reshape(s);
        Shape perChannel = new Shape(s.get(1));
        NDArray mean = x.getManager().zeros(perChannel, x.getDataType());
        NDArray var = x.getManager().ones(perChannel, x.getDataType());
        return JniUtils.batchNorm((PtNDArray) normalised, (PtNDArray) mean, (PtNDArray) var, (PtNDArray) gamma, (PtNDArray) beta,
                false, 0, 0);
    }

    static void pointwise(NDManager root) {
        System.out.println("| op (forward + backward) | shape | count | before ms | after ms | before x count | after x count | max abs diff |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- |");
        double[] gn = table(root, "group norm", NORMS, (gb) -> x -> groupNormBefore(x, 8, gb[0], gb[1]),
                (gb) -> x -> FusedOps.groupNorm(x, 8, gb[0], gb[1], 1e-5));
        double[] si = table(root, "SiLU", SILUS, (gb) -> x -> x.mul(x.getNDArrayInternal().sigmoid()), (gb) -> FusedOps::silu);
        System.out.printf(Locale.ROOT, "%nper training step: group norm %.0f -> %.0f ms, SiLU %.0f -> %.0f ms (wall, median)%n%n",
                gn[0], gn[1], si[0], si[1]);
    }

    interface OpFactory {
        Function<NDArray, NDArray> make(NDArray[] gammaBeta);
    }

    static double[] table(NDManager root, String name, int[][] shapes, OpFactory before, OpFactory after) {
        double totalBefore = 0;
        double totalAfter = 0;
        for (int[] sh : shapes) {
            try (NDManager m = root.newSubManager()) {
                Shape shape = new Shape(batch, sh[0], sh[1], sh[1]);
                NDArray x = m.randomNormal(shape).mul(1.5).add(0.3);
                NDArray r = m.randomNormal(shape);
                NDArray gamma = m.randomNormal(new Shape(sh[0])).add(1);
                NDArray beta = m.randomNormal(new Shape(sh[0]));
                for (NDArray p : new NDArray[] {x, gamma, beta}) {
                    p.setRequiresGradient(true);
                }
                NDArray[] gb = {gamma, beta};
                Function<NDArray, NDArray> fb = before.make(gb);
                Function<NDArray, NDArray> fa = after.make(gb);
                double diff;
                try (NDManager c = m.newSubManager()) {
                    diff = fb.apply(x).sub(fa.apply(x)).abs().max().getFloat();
                }
                double[] tb = new double[reps];
                double[] ta = new double[reps];
                for (int k = -1; k < reps; k++) { // k = -1: warm-up; which side goes first alternates
                    double b;
                    double a;
                    if (k % 2 == 0) {
                        b = forwardBackward(m, x, r, fb);
                        a = forwardBackward(m, x, r, fa);
                    } else {
                        a = forwardBackward(m, x, r, fa);
                        b = forwardBackward(m, x, r, fb);
                    }
                    if (k >= 0) {
                        tb[k] = b;
                        ta[k] = a;
                    }
                }
                double mb = median(tb);
                double ma = median(ta);
                totalBefore += sh[2] * mb;
                totalAfter += sh[2] * ma;
                System.out.printf(Locale.ROOT, "| %s | [%d, %d, %d, %d] | %d | %.2f | %.2f | %.1f | %.1f | %.2g |%n", name, batch, sh[0], sh[1],
                        sh[1], sh[2], mb, ma, sh[2] * mb, sh[2] * ma, diff);
            }
        }
        System.out.printf(Locale.ROOT, "| %s, all | | | | | **%.1f** | **%.1f** | |%n", name, totalBefore, totalAfter);
        return new double[] {totalBefore, totalAfter};
    }

    /** ms of y = f(x) and its backward with output gradient r (into x and the op's parameters). */
    static double forwardBackward(NDManager m, NDArray x, NDArray r, Function<NDArray, NDArray> f) {
        try (NDManager c = m.newSubManager(); GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
            long t0 = System.nanoTime();
            NDArray y = f.apply(x);
            JniUtils.backward((PtNDArray) y, (PtNDArray) r, false, false);
            x.getGradient().getFloat(0, 0, 0, 0); // wait for the result
            return (System.nanoTime() - t0) / 1e6;
        }
    }

    // ---- 2. Adam ----

    /** Before: the Java loop of tensor ops (repcon's Adam until the fused update). */
    static void adamBefore(List<NDArray> params, List<NDArray> m, List<NDArray> v, double beta1, double beta2, double c1, double c2,
            double eps, double rate) {
        for (int i = 0; i < params.size(); i++) {
            NDArray p = params.get(i);
            NDArray g = p.getGradient();
            NDArray mi = m.get(i);
            NDArray vi = v.get(i);
            mi.muli(beta1).addi(g.mul(1 - beta1));
            vi.muli(beta2).addi(g.square().muli(1 - beta2));
            NDArray denom = vi.div(c2).sqrt().addi(eps);
            p.subi(mi.mul(rate / c1).divi(denom));
        }
    }

    static void adam(NDManager root) {
        double beta1 = 0.9;
        double beta2 = 0.999;
        double eps = 1e-8;
        double lr = 2e-4;
        try (Parameters a = new Parameters(root, DataType.FLOAT32); Parameters b = new Parameters(root, DataType.FLOAT32)) {
            unet(a);
            unet(b);
            List<NDArray> pa = new ArrayList<>(a.asMap().values());
            List<NDArray> pb = new ArrayList<>(b.asMap().values());
            List<NDArray> ma = zeros(pa);
            List<NDArray> va = zeros(pa);
            List<NDArray> mb = zeros(pb);
            List<NDArray> vb = zeros(pb);
            int steps = Math.max(reps, 5) + 1;
            double[] tb = new double[steps - 1];
            double[] ta = new double[steps - 1];
            for (int t = 1; t <= steps; t++) {
                // the same gradient for both: sin(p) summed, from the same values
                for (List<NDArray> ps : List.of(pa, pb)) {
                    try (NDScope s = new NDScope(); GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                        for (NDArray p : ps) {
                            JniUtils.zeroGrad((PtNDArray) p);
                        }
                        NDArray loss = null;
                        for (NDArray p : ps) {
                            NDArray l = p.sin().sum();
                            loss = loss == null ? l : loss.add(l);
                        }
                        gc.backward(loss);
                    }
                }
                double c1 = 1 - Math.pow(beta1, t);
                double c2 = 1 - Math.pow(beta2, t);
                long[] ns = new long[2];
                for (int side : t % 2 == 0 ? new int[] {0, 1} : new int[] {1, 0}) {
                    long t0 = System.nanoTime();
                    if (side == 0) {
                        try (NDScope s = new NDScope()) {
                            adamBefore(pa, ma, va, beta1, beta2, c1, c2, eps, lr);
                        }
                    } else {
                        FusedOps.adamUpdate(pb, mb, vb, beta1, beta2, c2, eps, lr / c1, 0);
                    }
                    ns[side] = System.nanoTime() - t0;
                }
                if (t > 1) {
                    tb[t - 2] = ns[0] / 1e6;
                    ta[t - 2] = ns[1] / 1e6;
                }
            }
            boolean identical = true;
            for (int i = 0; i < pa.size(); i++) {
                identical &= Arrays.equals(pa.get(i).toFloatArray(), pb.get(i).toFloatArray())
                        && Arrays.equals(va.get(i).toFloatArray(), vb.get(i).toFloatArray());
            }
            System.out.printf(Locale.ROOT, "Adam update of %d arrays (%d values): before %.1f ms, after %.1f ms (wall, median); "
                    + "parameters and moments after %d steps bit-identical: %s%n%n", pa.size(), a.count(), median(tb), median(ta), steps,
                    identical);
        }
    }

    static void unet(Parameters p) {
        UNet.builder().setInputChannels(1).optNormalization(UNetNormalization.GROUP).optSeed(1).build(p);
    }

    static List<NDArray> zeros(List<NDArray> ps) {
        List<NDArray> z = new ArrayList<>();
        for (NDArray p : ps) {
            NDArray a = p.zerosLike();
            NDScope.unregister(a);
            z.add(a);
        }
        return z;
    }

    // ---- 3. the training step's parts ----

    static void step(NDManager root) {
        try (Parameters p = new Parameters(root, DataType.FLOAT32)) {
            UNet unet = UNet.builder().setInputChannels(1).optNormalization(UNetNormalization.GROUP).optSeed(1).build(p);
            org.repcon.optim.Adam adam = org.repcon.optim.Adam.builder().setParameters(p).optLearningRate(2e-4).build();
            Random rng = new Random(1);
            float[] images = new float[batch * 28 * 28];
            for (int i = 0; i < images.length; i++) {
                images[i] = rng.nextFloat();
            }
            String[] parts = {"batch, noise, x_t", "forward + loss", "backward", "loss read-back", "Adam (and freeing the step's arrays)", "zero gradients", "whole step"};
            double[][] wall = new double[parts.length][reps];
            double[][] cpu = new double[parts.length][reps];
            for (int k = -2; k < reps; k++) { // two warm-up steps
                double[] w = new double[parts.length];
                double[] c = new double[parts.length];
                long[] t = new long[parts.length + 1];
                long[] u = new long[parts.length + 1];
                int[] ts = new int[batch];
                float[] sa = new float[batch];
                float[] sb = new float[batch];
                for (int i = 0; i < batch; i++) {
                    ts[i] = rng.nextInt(1000);
                    sa[i] = (float) Math.sqrt(1 - ts[i] / 1000.0);
                    sb[i] = (float) Math.sqrt(ts[i] / 1000.0);
                }
                try (NDScope outer = new NDScope()) {
                    final int[] phase = {0};
                    Runnable mark = () -> {
                        t[phase[0]] = System.nanoTime();
                        u[phase[0]] = OS.getProcessCpuTime();
                        phase[0]++;
                    };
                    mark.run();
                    adam.step(() -> {
                        try (NDScope scope = new NDScope(); NDManager m = p.manager().newSubManager();
                                GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                            NDArray x0 = m.create(images, new Shape(batch, 1, 28, 28)).mul(2).sub(1);
                            NDArray eps = m.randomNormal(x0.getShape(), DataType.FLOAT32);
                            NDArray xt = x0.mul(m.create(sa, new Shape(batch, 1, 1, 1))).add(eps.mul(m.create(sb, new Shape(batch, 1, 1, 1))));
                            NDArray tt = m.create(ts);
                            mark.run();
                            NDArray l = Scalars.times(unet.forward(xt, tt, true).sub(eps).square().sum(), 1.0 / eps.size());
                            l.getNDArrayInternal(); // (the forward ran eagerly)
                            mark.run();
                            gc.backward(l);
                            mark.run();
                            float loss = l.getFloat();
                            mark.run();
                            return new org.repcon.objective.LossValues(java.util.Map.of("eps_mse", (double) loss),
                                    java.util.Map.of("eps_mse", 1.0), loss);
                        }
                    }, k + 2);
                    mark.run();
                    p.zeroGradients();
                    mark.run();
                }
                if (k >= 0) {
                    for (int i = 0; i < parts.length - 1; i++) {
                        wall[i][k] = (t[i + 1] - t[i]) / 1e6;
                        cpu[i][k] = (u[i + 1] - u[i]) / 1e6;
                    }
                    wall[parts.length - 1][k] = (t[parts.length - 1] - t[0]) / 1e6;
                    cpu[parts.length - 1][k] = (u[parts.length - 1] - u[0]) / 1e6;
                }
            }
            System.out.println("| part of the training step (now) | wall ms | CPU ms |");
            System.out.println("| --- | --- | --- |");
            for (int i = 0; i < parts.length; i++) {
                System.out.printf(Locale.ROOT, "| %s | %.1f | %.1f |%n", parts[i], median(wall[i]), median(cpu[i]));
            }
            System.out.printf(Locale.ROOT, "%nload at the end %.2f%n", OS.getSystemLoadAverage());
        }
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
