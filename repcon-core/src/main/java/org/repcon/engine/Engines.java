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
