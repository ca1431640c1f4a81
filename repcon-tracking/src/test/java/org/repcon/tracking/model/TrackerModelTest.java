package org.repcon.tracking.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.repcon.engine.Engines;
import org.repcon.nn.Parameters;
import org.repcon.tracking.data.LineRenderer;
import org.repcon.tracking.geometry.Line;

/** The renderer decoder against {@link LineRenderer}; shapes; the slot-set distance's order invariance. */
class TrackerModelTest {
    @BeforeAll
    static void engine() {
        Engines.start(1);
    }

    @Test
    void rendererDecoderDrawsTheSlotsLinesLikeLineRenderer() {
        try (NDManager root = NDManager.newBaseManager(); Parameters p = new Parameters(root, DataType.FLOAT64)) {
            TrackerModel model = TrackerModel.builder().setImageSize(32, 32).setSlots(2).optChannels(8, 8)
                    .optSigma(0.9).optSeed(1).build(p);
            List<Line> lines = List.of(new Line(0.3, 4.5), new Line(2.0, -7));
            double[] z = new double[2 * Slots.SIZE];
            double[] logits = {3.0, -1.0};
            for (int k = 0; k < 2; k++) {
                double[] s = Slots.of(lines.get(k));
                System.arraycopy(s, 0, z, k * Slots.SIZE, 4);
                z[k * Slots.SIZE + 4] = logits[k];
            }
            NDArray out = model.decode(root.create(z, new Shape(1, 2, Slots.SIZE)), false);
            assertEquals(new Shape(1, 1, 32, 32), out.getShape());
            double gain = 1 / (1 + Math.exp(-1.0));
            float[] expected = LineRenderer.render(new double[] {0.3, 2.0}, new double[] {4.5, -7},
                    new double[] {gain * Slots.presence(3.0), gain * Slots.presence(-1.0)}, 32, 32, 0.9);
            double[] got = out.toDoubleArray();
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], got[i], 1e-6);
            }
        }
    }

    @Test
    void encoderGivesUnitOrientationsAndRejectsOtherSizes() {
        try (NDManager root = NDManager.newBaseManager(); Parameters p = new Parameters(root, DataType.FLOAT32)) {
            TrackerModel model = TrackerModel.builder().setImageSize(32, 32).setSlots(3).optChannels(8, 8)
                    .optDecoder(TrackerModel.DecoderKind.CONV).optSeed(1).build(p);
            float[] pixels = new float[2 * 32 * 32]; // deterministic input: the result must not depend on the engine's RNG
            java.util.Random rng = new java.util.Random(4);
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = rng.nextFloat();
            }
            NDArray x = root.create(pixels, new Shape(2, 1, 32, 32));
            NDArray z = model.encode(x, false);
            assertEquals(new Shape(2, 3, Slots.SIZE), z.getShape());
            float[] v = z.toFloatArray();
            for (int k = 0; k < 6; k++) {
                double norm = Math.hypot(v[k * 5], v[k * 5 + 1]); // r / sqrt(r^2 + 1e-6) for the raw norm r
                assertTrue(norm <= 1 + 1e-6 && norm > 0.9, "slot " + k + ": |(u, v)| = " + norm);
            }
            assertEquals(new Shape(2, 1, 32, 32), model.decode(z, false).getShape());
            assertThrows(IllegalArgumentException.class, () -> model.encode(root.zeros(new Shape(1, 1, 16, 16)), false));
        }
    }

    @Test
    void slotSetDistanceIgnoresSlotOrder() {
        try (NDManager root = NDManager.newBaseManager()) {
            java.util.Random rng = new java.util.Random(5); // seeded data, not the engine's unseeded RNG
            NDArray a = root.create(gaussian(rng, 4 * 3 * Slots.SIZE), new Shape(4, 3, Slots.SIZE));
            NDArray permuted = a.get("0:4, 2:3, :").concat(a.get("0:4, 0:2, :"), 1);
            assertEquals(0.0, TrackerLosses.slotSetDistance(a, permuted, 8).getFloat(), 1e-6);
            NDArray other = a.add(root.create(gaussian(rng, 4 * 3 * Slots.SIZE), new Shape(4, 3, Slots.SIZE)));
            double d = TrackerLosses.slotSetDistance(a, other, 8).getFloat();
            assertEquals(true, d > 0);
        }
    }

    private static float[] gaussian(java.util.Random rng, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) rng.nextGaussian();
        }
        return v;
    }

    @Test
    void attractionIsSmallWhenASlotLiesOnTheTrackAndLargeOtherwise() {
        try (NDManager root = NDManager.newBaseManager()) {
            Line track = new Line(0.7, 3);
            float[] image = LineRenderer.render(List.of(track), 32, 32, 0.8);
            NDArray x = root.create(image, new Shape(1, 1, 32, 32));
            NDArray mask = TrackerLosses.cropMask(root, 32, 32, 14, DataType.FLOAT32);
            double[] on = Slots.of(track);
            double[] off = Slots.of(new Line(2.0, -6));
            NDArray good = root.create(new float[] {(float) off[0], (float) off[1], (float) off[2], (float) off[3], 0,
                    (float) on[0], (float) on[1], (float) on[2], (float) on[3], 0}, new Shape(1, 2, Slots.SIZE));
            NDArray bad = root.create(new float[] {(float) off[0], (float) off[1], (float) off[2], (float) off[3], 0,
                    (float) off[0], (float) off[1], (float) off[2], (float) off[3], 0}, new Shape(1, 2, Slots.SIZE));
            double g = TrackerLosses.attraction(good, x, mask, 0.3, 3).toType(DataType.FLOAT64, false).getDouble();
            double b = TrackerLosses.attraction(bad, x, mask, 0.3, 3).toType(DataType.FLOAT64, false).getDouble();
            assertEquals(true, g < 0.05, "on the track: " + g);
            assertEquals(true, b > 0.3, "off the track: " + b);
        }
    }
}
