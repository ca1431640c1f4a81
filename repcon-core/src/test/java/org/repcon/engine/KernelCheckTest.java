package org.repcon.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.repcon.DjlTestCase;
import org.repcon.nn.layers.ConvolutionBackend;

/**
 * The start-up check passes for correct kernels (both backends, every layer of the conv autoencoder at batch 128
 * and its whole pass) and catches wrong ones: a float32 computation that is off in one element, NaN, or
 * different from run to run fails, with the case named.
 */
class KernelCheckTest extends DjlTestCase {

    @Test
    void theAutoencoderLayersPassWithTheBackendsInUse() {
        // FLOAT64 is the fallback everywhere; ENGINE only where the start-up check chose it
        for (ConvolutionBackend backend : java.util.EnumSet.of(ConvolutionBackend.FLOAT64, KernelSafety.convolution())) {
            KernelCheck.Report report = KernelCheck.run(KernelCheck.autoencoderLayers(), backend, 1, 5);
            assertTrue(report.passed(), report.table());
            assertEquals(9, report.results().size());
            assertTrue(report.maxError() < 1e-5, report.table());
            assertTrue(report.results().stream().allMatch(r -> r.nonFinite() == 0 && !r.variesBetweenRepeats()), report.table());
        }
    }

    /** A case that computes x * 2 in float64 and something else in float32. */
    private static KernelCheck.Case faulty(String name, java.util.function.Function<NDArray, NDArray> float32) {
        return new KernelCheck.Case(name, List.of(new Shape(64, 32)),
                (x, backend) -> x.get(0).getDataType() == DataType.FLOAT32 ? float32.apply(x.get(0)) : x.get(0).mul(2));
    }

    @Test
    void aWrongElementFailsTheCase() {
        KernelCheck.Report report = KernelCheck.run(List.of(
                faulty("good", x -> x.mul(2)),
                faulty("one-element-off", x -> x.mul(2).add(x.getManager().create(oneHot(64 * 32, 100, 0.01f), new Shape(64, 32))))),
                ConvolutionBackend.ENGINE, 2, 1);
        assertTrue(report.results().get(0).passed());
        KernelCheck.Result bad = report.results().get(1);
        assertFalse(bad.passed());
        assertTrue(bad.forwardError() > 1e-3, report.table());
        assertEquals("one-element-off", report.failedCases());
        assertFalse(report.passed());
        assertTrue(report.table().contains("WRONG"));
    }

    @Test
    void nanAndWrongGradientsFail() {
        KernelCheck.Report report = KernelCheck.run(List.of(
                faulty("nan", x -> x.mul(2).div(x.sub(x))),
                faulty("gradient-cut", x -> x.stopGradient().mul(2).add(x.mul(0)))), ConvolutionBackend.ENGINE, 1, 1);
        assertTrue(report.results().get(0).nonFinite() > 0);
        assertTrue(Double.isNaN(report.maxError()));
        KernelCheck.Result cut = report.results().get(1);
        assertEquals(0, cut.forwardError(), 1e-7);
        assertTrue(cut.backwardError() >= 1, report.table());
        assertFalse(cut.passed());
    }

    @Test
    void resultsThatChangeFromRunToRunAreReported() {
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        KernelCheck.Report report = KernelCheck.run(List.of(
                faulty("racy", x -> x.mul(2 + 1e-7 * calls.incrementAndGet()))), ConvolutionBackend.ENGINE, 3, 1);
        assertTrue(report.results().get(0).variesBetweenRepeats(), report.table());
        assertTrue(report.results().get(0).passed(), "within tolerance, but flagged");
    }

    private static float[] oneHot(int n, int at, float value) {
        float[] v = new float[n];
        v[at] = value;
        return v;
    }
}
