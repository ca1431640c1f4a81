package org.repcon.engine;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * One place that starts DJL's PyTorch engine the way repcon needs it: offline (nothing is downloaded at run
 * time; the native library comes from the {@code pytorch-native-cpu} jar on the class path), with a chosen
 * number of threads and a seed.
 */
public final class Engines {
    private static volatile boolean started;

    private Engines() {}

    /** Starts the engine (idempotent) with libtorch's default thread count. */
    public static Engine start() {
        return start(0);
    }

    /**
     * Starts the engine offline.
     *
     * @param threads intra-op threads for libtorch; 0 keeps libtorch's default (one per core)
     */
    public static synchronized Engine start(int threads) {
        if (!started) {
            System.setProperty("ai.djl.offline", "true");
            if (threads > 0) {
                System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
                System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
            }
        }
        Engine engine = Engine.getEngine("PyTorch");
        if (started && threads > 0 && JniUtils.getNumThreads() != threads) {
            JniUtils.setNumThreads(threads);
        }
        started = true;
        JniUtils.setGradMode(false);
        return engine;
    }

    /** Seeds libtorch's generator (repcon's own initialisers and samplers take explicit seeds). */
    public static void seed(long seed) {
        start();
        JniUtils.setSeed(seed);
    }

    /** libtorch's current intra-op thread count. */
    public static int threads() {
        start();
        return JniUtils.getNumThreads();
    }

    /** Sets libtorch's intra-op thread count (starting the engine if needed). */
    public static void setThreads(int threads) {
        start();
        JniUtils.setNumThreads(threads);
    }

    /**
     * The start-up line every run prints and records: engine, threads, processor and the instruction sets
     * libtorch dispatches to, e.g. {@code PyTorch 2.7.1 (DJL 0.36.0), 2 threads; CPU AMD EPYC (AuthenticAMD family 25
     * model 17), oneDNN ISA avx512_core_bf16, ATen AVX512}.
     */
    public static String describe() {
        return "PyTorch " + pytorchVersion() + " (DJL " + djlVersion() + "), " + threads() + " threads; CPU " + CpuInfo.current().describe();
    }

    /**
     * Where a result was computed, for provenance: processor (vendor, model name, family, model number), the ISA
     * oneDNN and ATen use on it, libtorch's thread count, and the float32 convolution chosen by
     * {@link KernelSafety} with the start-up check behind the choice (running it if not done yet).
     */
    public static java.util.Map<String, Object> hardware() {
        CpuInfo cpu = CpuInfo.current();
        java.util.Map<String, Object> h = new java.util.LinkedHashMap<>();
        h.put("cpu_vendor", cpu.vendor());
        h.put("cpu_model_name", cpu.modelName());
        h.put("cpu_family", cpu.family());
        h.put("cpu_model", cpu.model());
        h.put("onednn_isa", cpu.onednnIsa());
        h.put("aten_capability", cpu.atenCapability());
        h.put("threads", threads());
        h.put("float32_convolution", KernelSafety.decision().describe());
        return h;
    }

    /** repcon's version, from the build. */
    public static String repconVersion() {
        return buildProperty("version");
    }

    /** DJL's version. */
    public static String djlVersion() {
        return Engine.getDjlVersion();
    }

    /** PyTorch's (libtorch's) version as reported by the engine. */
    public static String pytorchVersion() {
        return start().getVersion();
    }

    private static String buildProperty(String key) {
        try (InputStream in = Engines.class.getResourceAsStream("/org/repcon/version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty(key, "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
