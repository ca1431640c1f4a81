// The repcon side of benchmarks/diffusion (see README.md there): a single-file Java program, run by run.sh as
//   java -cp "<repcon-cli/target/lib/*>" UNetBenchmark.java [options]
// It builds repcon's U-Net (org.repcon.nn.unet.UNet), and either exports its initial weights and a probe (for the
// PyTorch reference to load and check), or trains it on Fashion-MNIST for a number of timed DDPM steps and prints one
// JSON line. The training step is DDPM's (Ho et al. 2020, Algorithm 1) with the epsilon MSE loss written inline
// (the diffusion module's loss term lands in parallel): x0 in [-1, 1], t ~ U{0..T-1}, eps ~ N(0, I),
// x_t = sqrt(abar_t) x0 + sqrt(1 - abar_t) eps, loss = mean((UNet(x_t, t) - eps)^2), Adam; linear betas 1e-4..0.02.

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.repcon.data.FashionMnist;
import org.repcon.data.ImageSet;
import org.repcon.engine.Engines;
import org.repcon.nn.Parameters;
import org.repcon.nn.Scalars;
import org.repcon.nn.unet.UNet;
import org.repcon.nn.unet.UNetNormalization;
import org.repcon.objective.LossValues;
import org.repcon.optim.Adam;

public class UNetBenchmark {
    static int threads = 2, batch = 128, steps = 20, warmup = 3, base = 32, blocks = 2, groups = 8, heads = 1, timesteps = 1000;
    static int[] mult = {1, 2, 2};
    static boolean attention = true, scaleShift = false;
    static long seed = 1;
    static double lr = 2e-4;
    static String dataDir = "/usr/share/datasets/fashion-mnist", export = null, mode = "train";
    static int limit = 0;

    public static void main(String[] args) throws IOException {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String v = i + 1 < args.length ? args[i + 1] : null;
            switch (a) {
                case "--threads" -> threads = Integer.parseInt(v);
                case "--batch-size" -> batch = Integer.parseInt(v);
                case "--steps" -> steps = Integer.parseInt(v);
                case "--warmup" -> warmup = Integer.parseInt(v);
                case "--base" -> base = Integer.parseInt(v);
                case "--mult" -> mult = Arrays.stream(v.split(",")).mapToInt(Integer::parseInt).toArray();
                case "--blocks" -> blocks = Integer.parseInt(v);
                case "--groups" -> groups = Integer.parseInt(v);
                case "--heads" -> heads = Integer.parseInt(v);
                case "--attention" -> attention = Boolean.parseBoolean(v);
                case "--scale-shift" -> scaleShift = Boolean.parseBoolean(v);
                case "--timesteps" -> timesteps = Integer.parseInt(v);
                case "--seed" -> seed = Long.parseLong(v);
                case "--lr" -> lr = Double.parseDouble(v);
                case "--data-dir" -> dataDir = v;
                case "--limit-train" -> limit = Integer.parseInt(v);
                case "--export" -> { mode = "export"; export = v; }
                default -> throw new IllegalArgumentException("unknown argument " + a);
            }
            i++;
        }
        Engines.start(threads);
        Engines.seed(seed);
        try (NDManager root = NDManager.newBaseManager(); Parameters p = new Parameters(root, DataType.FLOAT32)) {
            UNet unet = UNet.builder().setInputChannels(1).optBaseChannels(base).optChannelMultipliers(mult)
                    .optResidualBlocks(blocks).optGroups(groups).optHeads(heads).optAttention(attention)
                    .optScaleShift(scaleShift).optNormalization(UNetNormalization.GROUP).optSeed(seed).build(p);
            if (mode.equals("export")) {
                export(p, unet, root, Path.of(export));
            } else {
                train(p, unet);
            }
        }
    }

    /** weights.json (names, shapes, offsets) + weights.f32 (little-endian float32), and a probe input and output. */
    static void export(Parameters p, UNet unet, NDManager root, Path dir) throws IOException {
        Files.createDirectories(dir);
        StringBuilder json = new StringBuilder("{\"parameters\": [");
        long offset = 0;
        try (OutputStream out = Files.newOutputStream(dir.resolve("weights.f32"))) {
            boolean first = true;
            for (Map.Entry<String, NDArray> e : p.asMap().entrySet()) {
                float[] v = e.getValue().toFloatArray();
                out.write(littleEndian(v));
                json.append(first ? "" : ", ").append(String.format(Locale.ROOT, "{\"name\": \"%s\", \"shape\": %s, \"offset\": %d}",
                        e.getKey(), Arrays.toString(e.getValue().getShape().getShape()), offset));
                offset += v.length;
                first = false;
            }
        }
        // probe: 4 images of Gaussian noise at t = 0, 10, 500, 999, the model's output in evaluation mode
        int n = 4;
        Random rng = new Random(seed + 1);
        float[] x = new float[n * 28 * 28];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.nextGaussian();
        }
        int[] t = {0, 10, 500, 999};
        float[] y;
        try (NDManager m = root.newSubManager()) {
            y = unet.forward(m.create(x, new Shape(n, 1, 28, 28)), m.create(t), false).toFloatArray();
        }
        Files.write(dir.resolve("probe_x.f32"), littleEndian(x));
        Files.write(dir.resolve("probe_y.f32"), littleEndian(y));
        json.append(String.format(Locale.ROOT, "], \"count\": %d, \"probe_t\": %s, \"probe_shape\": [%d, 1, 28, 28]}%n",
                offset, Arrays.toString(t), n));
        Files.writeString(dir.resolve("weights.json"), json);
        System.err.println("[repcon] exported " + p.names().size() + " arrays (" + offset + " values) and a probe to " + dir);
    }

    static byte[] littleEndian(float[] v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(v);
        return b.array();
    }

    static void train(Parameters p, UNet unet) {
        long t0 = System.nanoTime();
        ImageSet data = FashionMnist.load(Path.of(dataDir), FashionMnist.Split.TRAIN, limit);
        System.err.printf(Locale.ROOT, "[repcon] read %d training images in %.1f s%n", data.size(), (System.nanoTime() - t0) / 1e9);
        if (data.size() < batch) {
            throw new IllegalArgumentException("batch size " + batch + " is larger than the " + data.size() + " training images");
        }
        double[] sqrtAbar = new double[timesteps];
        double[] sqrtOneMinusAbar = new double[timesteps];
        double abar = 1;
        for (int s = 0; s < timesteps; s++) {
            double beta = 1e-4 + (0.02 - 1e-4) * s / (timesteps - 1.0);
            abar *= 1 - beta;
            sqrtAbar[s] = Math.sqrt(abar);
            sqrtOneMinusAbar[s] = Math.sqrt(1 - abar);
        }
        Adam adam = Adam.builder().setParameters(p).optLearningRate(lr).build();
        Random rng = new Random(seed);
        int[] order = shuffled(data.size(), rng);
        int position = 0;
        List<Double> losses = new ArrayList<>();
        double timed = 0;
        double cpu = 0;
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        for (int step = 0; step < warmup + steps; step++) {
            if (position + batch > order.length) {
                order = shuffled(data.size(), rng);
                position = 0;
            }
            int[] idx = Arrays.copyOfRange(order, position, position + batch);
            position += batch;
            int[] t = new int[batch];
            float[] a = new float[batch];
            float[] b = new float[batch];
            for (int i = 0; i < batch; i++) {
                t[i] = rng.nextInt(timesteps);
                a[i] = (float) sqrtAbar[t[i]];
                b[i] = (float) sqrtOneMinusAbar[t[i]];
            }
            long start = System.nanoTime();
            long cpuStart = os.getProcessCpuTime();
            double[] loss = new double[1];
            try (NDScope outer = new NDScope()) {
                adam.step(() -> {
                    try (NDScope scope = new NDScope();
                            NDManager m = p.manager().newSubManager();
                            GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                        p.zeroGradients();
                        NDArray x0 = data.batch(m, idx, DataType.FLOAT32).mul(2).sub(1);
                        NDArray eps = m.randomNormal(x0.getShape(), DataType.FLOAT32);
                        NDArray xt = x0.mul(m.create(a, new Shape(batch, 1, 1, 1))).add(eps.mul(m.create(b, new Shape(batch, 1, 1, 1))));
                        NDArray l = Scalars.times(unet.forward(xt, m.create(t), true).sub(eps).square().sum(), 1.0 / eps.size());
                        gc.backward(l);
                        loss[0] = l.getFloat();
                        return new LossValues(Map.of("eps_mse", loss[0]), Map.of("eps_mse", 1.0), loss[0]);
                    }
                }, step);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpuSeconds = (os.getProcessCpuTime() - cpuStart) / 1e9;
            losses.add(loss[0]);
            if (step >= warmup) {
                timed += seconds;
                cpu += cpuSeconds;
            }
            System.err.printf(Locale.ROOT, "[repcon] step %d%s: loss %.5f, %.3f s%n", step + 1, step < warmup ? " (warm-up)" : "", loss[0], seconds);
        }
        double ips = steps * (double) batch / timed;
        System.out.printf(Locale.ROOT, "{\"implementation\": \"repcon (DJL %s, PyTorch %s)\", \"threads\": %d, \"batch_size\": %d, "
                + "\"steps\": %d, \"warmup\": %d, \"train_seconds\": %.4f, \"train_images_per_second\": %.2f, \"parameters\": %d, "
                + "\"cpu_seconds\": %.4f, \"first_loss\": %.6f, \"last_loss\": %.6f}%n",
                ai.djl.engine.Engine.getDjlVersion(), Engine.getEngine("PyTorch").getVersion(), Engines.threads(), batch, steps,
                warmup, timed, ips, p.count(), cpu, losses.get(0), losses.get(losses.size() - 1));
    }

    static int[] shuffled(int n, Random rng) {
        int[] o = new int[n];
        for (int i = 0; i < n; i++) {
            o[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int tmp = o[i];
            o[i] = o[j];
            o[j] = tmp;
        }
        return o;
    }
}
