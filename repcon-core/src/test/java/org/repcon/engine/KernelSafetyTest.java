package org.repcon.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.repcon.nn.layers.ConvolutionBackend;

/** The backend decision for each outcome of the start-up check, on the CPUs that matter. */
class KernelSafetyTest {
    private static final CpuInfo ZEN4 = new CpuInfo("AuthenticAMD", "AMD EPYC", 25, 17, Set.of("avx512f"));
    private static final CpuInfo ZEN5 = new CpuInfo("AuthenticAMD", "AMD EPYC", 26, 2, Set.of("avx512f"));
    private static final CpuInfo INTEL = new CpuInfo("GenuineIntel", "Xeon", 6, 143, Set.of("avx512f"));

    private static KernelCheck.Report report(ConvolutionBackend backend, boolean passes) {
        return new KernelCheck.Report(backend, 2, List.of(new KernelCheck.Result("ae.encoder.conv1", "[128,32,14,14]",
                passes ? 3e-7 : 0.4, passes ? 2e-6 : 1.2, 0, !passes, 2, 10)));
    }

    /** A check whose outcome per backend is given; records which backends it ran. */
    private static java.util.function.Function<ConvolutionBackend, KernelCheck.Report> check(boolean engine, boolean float64,
            List<ConvolutionBackend> ran) {
        return backend -> {
            ran.add(backend);
            return report(backend, backend == ConvolutionBackend.ENGINE ? engine : float64);
        };
    }

    @Test
    void theEngineIsKeptWhereItPasses() {
        for (CpuInfo cpu : List.of(ZEN4, INTEL)) {
            List<ConvolutionBackend> ran = new ArrayList<>();
            KernelSafety.Decision d = KernelSafety.decide("auto", cpu, check(true, true, ran));
            assertEquals(ConvolutionBackend.ENGINE, d.convolution());
            assertEquals(List.of(ConvolutionBackend.ENGINE), ran);
            assertTrue(d.describe().startsWith("engine (start-up check passed"), d.describe());
        }
    }

    @Test
    void aFailingEngineFallsBackToIm2colAndSaysWhy() {
        List<ConvolutionBackend> ran = new ArrayList<>();
        KernelSafety.Decision d = KernelSafety.decide("auto", INTEL, check(false, true, ran));
        assertEquals(ConvolutionBackend.FLOAT64, d.convolution());
        assertEquals(List.of(ConvolutionBackend.ENGINE, ConvolutionBackend.FLOAT64), ran);
        assertTrue(d.reason().contains("failed the start-up check in ae.encoder.conv1"), d.reason());
    }

    @Test
    void zen5UsesIm2colEvenWhenTheEnginePassesOnce() {
        List<ConvolutionBackend> ran = new ArrayList<>();
        KernelSafety.Decision d = KernelSafety.decide("auto", ZEN5, check(true, true, ran));
        assertEquals(ConvolutionBackend.FLOAT64, d.convolution());
        assertTrue(d.reason().startsWith("AMD family 26"), d.reason());
    }

    @Test
    void noCorrectBackendIsRefusedNamingTheCure() {
        KernelSafety.KernelFaultException e = assertThrows(KernelSafety.KernelFaultException.class,
                () -> KernelSafety.decide("auto", ZEN5, check(false, false, new ArrayList<>())));
        assertTrue(e.getMessage().contains("training.dtype: float64"), e.getMessage());
        assertTrue(e.getMessage().contains("ae.encoder.conv1"), e.getMessage());
        assertTrue(e.getMessage().contains("repcon doctor"), e.getMessage());
    }

    @Test
    void anExplicitSettingSkipsTheCheck() {
        List<ConvolutionBackend> ran = new ArrayList<>();
        assertEquals(ConvolutionBackend.ENGINE, KernelSafety.decide("engine", ZEN5, check(false, false, ran)).convolution());
        KernelSafety.Decision d = KernelSafety.decide("float64", ZEN4, check(false, false, ran));
        assertEquals(ConvolutionBackend.FLOAT64, d.convolution());
        assertNull(d.check());
        assertTrue(ran.isEmpty());
    }

    @Test
    void anUnknownSettingIsAnErrorNamingIt() {
        String old = System.getProperty(KernelSafety.PROPERTY);
        System.setProperty(KernelSafety.PROPERTY, "onednn");
        try {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, KernelSafety::setting);
            assertTrue(e.getMessage().contains("-Drepcon.convolution=onednn is not one of auto, engine, float64"), e.getMessage());
        } finally {
            if (old == null) {
                System.clearProperty(KernelSafety.PROPERTY);
            } else {
                System.setProperty(KernelSafety.PROPERTY, old);
            }
        }
    }
}
