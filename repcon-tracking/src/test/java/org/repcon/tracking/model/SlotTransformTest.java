package org.repcon.tracking.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.repcon.engine.Engines;
import org.repcon.tracking.geometry.Line;
import org.repcon.tracking.geometry.LineTransform;
import org.repcon.transformations.image.AffineTransform;

/** T_tr on slot arrays against {@link LineTransform} on random lines and random affine maps; slot round trips. */
class SlotTransformTest {
    @BeforeAll
    static void engine() {
        Engines.start(1);
    }

    @Test
    void slotsRoundTripLines() {
        Random rng = new Random(3);
        for (int n = 0; n < 200; n++) {
            Line line = new Line(rng.nextDouble() * Math.PI, (rng.nextDouble() * 2 - 1) * 20);
            double[] s = Slots.of(line);
            Line back = Slots.toLine(s[0], s[1], s[2], s[3]);
            assertSame(line, back, 1e-9);
            // any point of the line represents it
            double[] d = line.direction();
            double t = rng.nextGaussian() * 10;
            assertSame(line, Slots.toLine(s[0], s[1], s[2] + t * d[0], s[3] + t * d[1]), 1e-9);
            double[] c = Slots.canonicalPoint(s[0], s[1], s[2] + t * d[0], s[3] + t * d[1]);
            assertEquals(s[2], c[0], 1e-9);
            assertEquals(s[3], c[1], 1e-9);
        }
    }

    @Test
    void matchesLineTransformOnRandomLinesAndMaps() {
        Random rng = new Random(7);
        int b = 40;
        int k = 3;
        Line[][] lines = new Line[b][k];
        AffineTransform[] maps = new AffineTransform[b];
        double[] values = new double[b * k * Slots.SIZE];
        for (int n = 0; n < b; n++) {
            maps[n] = AffineTransform.compose(AffineTransform.scale(0.8 + 0.4 * rng.nextDouble(), 0.8 + 0.4 * rng.nextDouble()),
                    AffineTransform.shear(0.3 * (rng.nextDouble() - 0.5)), AffineTransform.rotation(rng.nextDouble() * 7 - 3.5),
                    AffineTransform.translation(rng.nextGaussian() * 4, rng.nextGaussian() * 4));
            for (int s = 0; s < k; s++) {
                lines[n][s] = new Line(rng.nextDouble() * Math.PI, (rng.nextDouble() * 2 - 1) * 20);
                double[] v = Slots.of(lines[n][s]);
                double t = rng.nextGaussian() * 5; // a point of the line other than the nearest one
                double[] d = lines[n][s].direction();
                int o = (n * k + s) * Slots.SIZE;
                values[o] = v[0];
                values[o + 1] = v[1];
                values[o + 2] = v[2] + t * d[0];
                values[o + 3] = v[3] + t * d[1];
                values[o + 4] = rng.nextGaussian();
            }
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray z = manager.create(values, new Shape(b, k, Slots.SIZE));
            double[] out = SlotTransform.apply(z, maps).toType(DataType.FLOAT64, false).toDoubleArray();
            for (int n = 0; n < b; n++) {
                for (int s = 0; s < k; s++) {
                    int o = (n * k + s) * Slots.SIZE;
                    Line expected = LineTransform.apply(maps[n], lines[n][s]);
                    assertEquals(1.0, Math.hypot(out[o], out[o + 1]), 1e-9);
                    assertSame(expected, Slots.toLine(out[o], out[o + 1], out[o + 2], out[o + 3]), 1e-8);
                    assertEquals(values[o + 4], out[o + 4], 0);
                }
            }
        }
    }

    @Test
    void rotationTurnsDoubledAngleByTwicePhi() {
        try (NDManager manager = NDManager.newBaseManager()) {
            double theta = 0.3;
            double phi = 0.4;
            NDArray z = manager.create(new double[] {Math.cos(2 * theta), Math.sin(2 * theta), 0, 5, 0}, new Shape(1, 1, 5));
            double[] out = SlotTransform.apply(z, new AffineTransform[] {AffineTransform.rotation(phi)}).toDoubleArray();
            assertEquals(Math.cos(2 * (theta + phi)), out[0], 1e-12);
            assertEquals(Math.sin(2 * (theta + phi)), out[1], 1e-12);
        }
    }

    private static void assertSame(Line expected, Line actual, double tol) {
        double da = Math.abs(expected.angle() - actual.angle());
        if (Math.PI - da < 1e-6) {
            // the same line across the wrap: angle ~0 vs ~pi, offsets opposite
            assertEquals(expected.offset(), -actual.offset(), tol * 100);
            return;
        }
        assertEquals(expected.angle(), actual.angle(), tol, () -> expected + " vs " + actual);
        assertEquals(expected.offset(), actual.offset(), tol * 100, () -> expected + " vs " + actual);
    }
}
