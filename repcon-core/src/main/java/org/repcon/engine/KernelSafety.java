package org.repcon.engine;

import java.util.Locale;
import java.util.function.Function;
import org.repcon.nn.layers.ConvolutionBackend;

/**
 * Decides, once per process, which {@link ConvolutionBackend} float32 convolutions use, so that a CPU on which
 * libtorch's float32 kernels compute wrongly gives correct results, or a clear refusal, without the user setting
 * anything. Every repcon convolution layer asks here on its first float32 call, whoever started the engine.
 *
 * <p>The setting {@code REPCON_CONVOLUTION} (environment) or {@code repcon.convolution} (system property) is
 * {@code auto} (default), {@code engine} or {@code float64}. {@code auto}:
 * <ol>
 *   <li>runs the start-up {@link KernelCheck} of the conv autoencoder's layers (batch 128) with libtorch's
 *       convolution ({@link ConvolutionBackend#ENGINE}, oneDNN in float32);</li>
 *   <li>keeps it if it passes, except on AMD family 26 and later (Zen 5): there the conv autoencoder went NaN at a
 *       random step in float32 but trained normally in float64 (where libtorch's convolution uses no oneDNN
 *       kernel), and a fault that comes and goes can pass a short check, so convolutions are computed in float64
 *       ({@link ConvolutionBackend#FLOAT64}, the rest of the model stays float32), after passing the same check;</li>
 *   <li>otherwise (the check failed) uses {@code FLOAT64} if it passes the check, and says so on stderr;</li>
 *   <li>if neither passes, refuses with a {@link KernelFaultException} naming the failing layers and the cure
 *       ({@code training.dtype: float64}).</li>
 * </ol>
 */
public final class KernelSafety {
    /** System property that overrides the environment variable {@link #ENV}. */
    public static final String PROPERTY = "repcon.convolution";
    public static final String ENV = "REPCON_CONVOLUTION";
    /** AMD families from which the engine's float32 convolution is not trusted even when the check passes. */
    static final int FIRST_UNTRUSTED_AMD_FAMILY = 26;
    private static final int REPEATS = 2;
    private static final long SEED = 20261207L;
    private static volatile Decision decision;

    private KernelSafety() {}

    /** What was decided and why, with the check it rests on (null when the setting skipped the check). */
    public record Decision(ConvolutionBackend convolution, String reason, KernelCheck.Report check) {
        /** e.g. {@code engine (start-up check passed, max rel. error 3.1e-07)}. */
        public String describe() {
            return convolution.name().toLowerCase(Locale.ROOT) + " (" + reason + ")";
        }
    }

    /** Thrown when no backend computes this CPU's float32 layers correctly. */
    public static final class KernelFaultException extends IllegalStateException implements org.repcon.experiment.ExplainedFailure {
        public KernelFaultException(String message) {
            super(message);
        }
    }

    /** The backend float32 convolutions use in this process (decided on the first call). */
    public static ConvolutionBackend convolution() {
        return decision().convolution();
    }

    /** The decision, made on the first call (starting the engine if needed). */
    public static Decision decision() {
        Decision d = decision;
        if (d == null) {
            synchronized (KernelSafety.class) {
                d = decision;
                if (d == null) {
                    Engines.start();
                    d = decide(setting(), CpuInfo.current(), backend -> KernelCheck.run(KernelCheck.autoencoderLayers(), backend, REPEATS, SEED));
                    if (d.convolution() == ConvolutionBackend.FLOAT64 && d.check() != null && !d.reason().startsWith("AMD")) {
                        System.err.println("repcon: warning: " + d.reason() + "; float32 models compute their convolutions in float64");
                    }
                    decision = d;
                }
            }
        }
        return d;
    }

    /** The setting from the system property or the environment, lower case; {@code auto} when unset. */
    static String setting() {
        String v = System.getProperty(PROPERTY);
        String source = "-D" + PROPERTY;
        if (v == null || v.isBlank()) {
            v = System.getenv(ENV);
            source = ENV;
        }
        if (v == null || v.isBlank()) {
            return "auto";
        }
        v = v.trim().toLowerCase(Locale.ROOT);
        if (!v.equals("auto") && !v.equals("engine") && !v.equals("float64")) {
            throw new IllegalArgumentException(source + "=" + v + " is not one of auto, engine, float64");
        }
        return v;
    }

    /**
     * The decision for a setting on a CPU, with {@code check} running the start-up check for a backend.
     *
     * @throws KernelFaultException if the check fails for every backend
     */
    static Decision decide(String setting, CpuInfo cpu, Function<ConvolutionBackend, KernelCheck.Report> check) {
        if (setting.equals("engine")) {
            return new Decision(ConvolutionBackend.ENGINE, "set by " + ENV + "=engine, not checked", null);
        }
        if (setting.equals("float64")) {
            return new Decision(ConvolutionBackend.FLOAT64, "set by " + ENV + "=float64, not checked", null);
        }
        KernelCheck.Report engine = check.apply(ConvolutionBackend.ENGINE);
        boolean untrusted = cpu.isAmdFamilyAtLeast(FIRST_UNTRUSTED_AMD_FAMILY);
        if (engine.passed() && !untrusted) {
            return new Decision(ConvolutionBackend.ENGINE, String.format(Locale.ROOT,
                    "start-up check passed, max rel. error %.1e", engine.maxError()), engine);
        }
        KernelCheck.Report float64 = check.apply(ConvolutionBackend.FLOAT64);
        if (float64.passed()) {
            String why = untrusted && engine.passed()
                    ? "AMD family " + cpu.family() + ": libtorch's float32 convolution went NaN at random steps there"
                    : "libtorch's float32 convolution failed the start-up check in " + engine.failedCases()
                            + String.format(Locale.ROOT, " (max rel. error %.1e)", engine.maxError());
            return new Decision(ConvolutionBackend.FLOAT64, String.format(Locale.ROOT, "%s; float64 check passed, max rel. error %.1e",
                    why, float64.maxError()), float64);
        }
        throw new KernelFaultException("libtorch's float32 kernels compute wrong results on this CPU (" + cpu.describe()
                + "): failing layers " + engine.failedCases() + " with its convolution and " + float64.failedCases()
                + " with convolutions in float64. Train in float64 instead (spec key training.dtype: float64, computed"
                + " without these kernels), and run `repcon doctor` for the layer-by-layer table.\n" + engine.table() + float64.table());
    }
}
