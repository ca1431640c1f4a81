package org.repcon.tracking.data;

import org.repcon.DjlTestCase;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.repcon.tracking.geometry.Line;

/**
 * The renderer against hand-computed pixel values, its soft union, the DJL version against the plain one, and the
 * DJL version's gradients against central finite differences.
 */
class LineRendererTest extends DjlTestCase {
    // exp(-d^2 / (2 * 0.8^2)) for d = 0.5, 1.5, 2.5
    private static final double E05 = 0.8225775623986646;
    private static final double E15 = 0.17242162389375282;
    private static final double E25 = 0.0075756774442599355;


    @Test
    void horizontalAndVerticalLinesHaveHandComputedProfiles() {
        // 4 x 4: pixel centres at centred coordinates -1.5, -0.5, 0.5, 1.5
        float[] horizontal = LineRenderer.render(List.of(new Line(0, 0)), 4, 4, 0.8); // y = 0
        float[] rows = {(float) E15, (float) E05, (float) E05, (float) E15};
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                assertEquals(rows[i], horizontal[i * 4 + j], 1e-7);
            }
        }
        // angle pi/2, offset 1: normal (-1, 0), so the line is x = -1 (left of the centre), between columns 0 and 1
        float[] vertical = LineRenderer.render(List.of(new Line(Math.PI / 2, 1)), 4, 4, 0.8);
        float[] cols = {(float) E05, (float) E05, (float) E15, (float) E25};
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                assertEquals(cols[j], vertical[i * 4 + j], 1e-7);
            }
        }
    }

    @Test
    void slotsCombineByTheSoftUnionWeightedByPresence() {
        double[] angles = {0, Math.PI / 2};
        double[] offsets = {0, 1};
        float[] both = LineRenderer.render(angles, offsets, new double[] {1, 0.5}, 4, 4, 0.8);
        float[] h = LineRenderer.render(List.of(new Line(0, 0)), 4, 4, 0.8);
        float[] v = LineRenderer.render(List.of(new Line(Math.PI / 2, 1)), 4, 4, 0.8);
        for (int p = 0; p < 16; p++) {
            assertEquals(1 - (1 - h[p]) * (1 - 0.5 * v[p]), both[p], 1e-6);
        }
        float[] absent = LineRenderer.render(angles, offsets, new double[] {0, 0}, 4, 4, 0.8);
        assertArrayEquals(new float[16], absent);
        assertThrows(IllegalArgumentException.class,
                () -> LineRenderer.render(angles, offsets, new double[] {1}, 4, 4, 0.8));
    }

    @Test
    void djlRendererEqualsThePlainOne() {
        Random rng = new Random(4);
        int b = 2;
        int k = 3;
        int h = 8;
        int w = 10;
        double[] angles = new double[b * k];
        double[] offsets = new double[b * k];
        double[] presence = new double[b * k];
        for (int s = 0; s < b * k; s++) {
            angles[s] = rng.nextDouble() * Math.PI;
            offsets[s] = (rng.nextDouble() * 2 - 1) * 4;
            presence[s] = rng.nextDouble();
        }
        NDArray out = LineRenderer.render(manager.create(angles, new Shape(b, k)), manager.create(offsets, new Shape(b, k)),
                manager.create(presence, new Shape(b, k)), h, w, 1.1);
        assertEquals(new Shape(b, 1, h, w), out.getShape());
        assertEquals(DataType.FLOAT64, out.getDataType());
        double[] got = out.toDoubleArray();
        for (int n = 0; n < b; n++) {
            float[] plain = LineRenderer.render(slice(angles, n, k), slice(offsets, n, k), slice(presence, n, k), h, w, 1.1);
            for (int p = 0; p < h * w; p++) {
                assertEquals(plain[p], got[n * h * w + p], 1e-6);
            }
        }
        NDArray f32 = LineRenderer.render(manager.create(angles, new Shape(b, k)).toType(DataType.FLOAT32, false),
                manager.create(offsets, new Shape(b, k)).toType(DataType.FLOAT32, false),
                manager.create(presence, new Shape(b, k)).toType(DataType.FLOAT32, false), h, w);
        assertEquals(DataType.FLOAT32, f32.getDataType());
        assertThrows(IllegalArgumentException.class, () -> LineRenderer.render(manager.create(angles, new Shape(b, k)),
                manager.create(offsets, new Shape(b * k)), manager.create(presence, new Shape(b, k)), h, w));
    }

    @Test
    void djlRendererGradientsMatchFiniteDifferences() {
        Random rng = new Random(9);
        int h = 5;
        int w = 6;
        double[] params = {0.4, 2.1, 0.7, -1.2, 0.9, 0.6}; // angles (2), offsets (2), presence (2)
        double[] weights = new double[h * w];
        for (int p = 0; p < weights.length; p++) {
            weights[p] = rng.nextDouble() * 2 - 1;
        }
        NDArray leaf = manager.create(params, new Shape(3, 1, 2));
        leaf.setRequiresGradient(true);
        try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
            gc.backward(loss(leaf, weights, h, w));
        }
        double[] grad = leaf.getGradient().toDoubleArray();
        double step = 1e-6;
        for (int i = 0; i < params.length; i++) {
            double[] up = params.clone();
            up[i] += step;
            double[] down = params.clone();
            down[i] -= step;
            double fd = (loss(manager.create(up, new Shape(3, 1, 2)), weights, h, w).getDouble()
                    - loss(manager.create(down, new Shape(3, 1, 2)), weights, h, w).getDouble()) / (2 * step);
            assertEquals(fd, grad[i], 1e-6 * Math.max(1, Math.abs(fd)), "parameter " + i);
        }
    }

    /** sum of render(angle, offset, presence) * weights, parameters stacked as [3, 1, 2]. */
    private NDArray loss(NDArray params, double[] weights, int h, int w) {
        NDArray img = LineRenderer.render(params.get(0), params.get(1), params.get(2), h, w, 0.9);
        return img.mul(manager.create(weights, new Shape(1, 1, h, w))).sum();
    }

    private static double[] slice(double[] v, int n, int k) {
        double[] out = new double[k];
        System.arraycopy(v, n * k, out, 0, k);
        return out;
    }
}
