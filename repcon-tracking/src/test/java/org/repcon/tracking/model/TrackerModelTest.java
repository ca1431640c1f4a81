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

/** The renderer decoder against {@link LineRenderer}; shapes; the slot-set distance's order invariance; the local attraction. */
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

    /**
     * The proposals' local attraction against a plain-Java loop of its formula, sum w g rho / sum w g over every
     * cell's neighbourhood (w = max(0, I - floor), g the Gaussian window, rho = d^2 / (d^2 + c^2)), at the example's
     * shapes (64 x 64 images, 8 px cells): small when every proposal lies on the track, large when none does.
     */
    @Test
    void localAttractionMatchesItsFormulaAndIsSmallOnlyOnTheTrack() {
        int size = 64;
        int cell = 8;
        double floor = 0.3;
        double c = 3;
        double radius = 0.75 * cell;
        Line track = new Line(0.7, 3);
        float[] image = LineRenderer.render(List.of(track), size, size, 0.8);
        double[] centres = LineProposals.centres(size, size, cell);
        int g = centres.length / 2;
        try (NDManager root = NDManager.newBaseManager()) {
            NDArray x = root.create(image, new Shape(1, 1, size, size));
            NDArray patches = LineProposals.patches(x, cell);
            NDArray window = LineProposals.window(root, cell, radius, DataType.FLOAT32);
            NDArray centresArray = root.create(centres, new Shape(1, g, 2)).toType(DataType.FLOAT32, false);
            double[] values = new double[2];
            Line[] proposed = {track, new Line(2.0, -6)};
            for (int t = 0; t < 2; t++) {
                double[] slot = Slots.of(proposed[t]);
                float[] p = new float[g * 4];
                for (int j = 0; j < g; j++) {
                    for (int q = 0; q < 4; q++) {
                        p[j * 4 + q] = (float) slot[q];
                    }
                }
                NDArray proposals = root.create(p, new Shape(1, g, 4));
                values[t] = TrackerLosses.localAttraction(LineProposals.localDistance2(proposals, centresArray, cell),
                        patches, window, floor, c).toType(DataType.FLOAT64, false).getDouble();
                double want = localAttraction(image, size, cell, proposed[t], floor, c, radius);
                assertEquals(want, values[t], 1e-4 * want + 1e-6, "line " + t);
            }
            assertTrue(values[0] < 0.05, "on the track: " + values[0]);
            assertTrue(values[1] > 0.3, "off the track: " + values[1]);
        }
    }

    /** The local attraction of proposals all on {@code line}, by loops over cells and their neighbourhoods. */
    private static double localAttraction(float[] image, int size, int cell, Line line, double floor, double c, double r) {
        double num = 0;
        double den = 0;
        for (int ci = 0; ci < size / cell; ci++) {
            for (int cj = 0; cj < size / cell; cj++) {
                double cx = (cj + 0.5) * cell;
                double cy = (ci + 0.5) * cell;
                for (int i = (ci - 1) * cell; i < (ci + 2) * cell; i++) {
                    for (int j = (cj - 1) * cell; j < (cj + 2) * cell; j++) {
                        if (i < 0 || j < 0 || i >= size || j >= size) {
                            continue;
                        }
                        double w = Math.max(0, image[i * size + j] - floor)
                                * Math.exp(-((j + 0.5 - cx) * (j + 0.5 - cx) + (i + 0.5 - cy) * (i + 0.5 - cy)) / (2 * r * r));
                        double d = line.distance(j + 0.5, i + 0.5, size, size);
                        num += w * d * d / (d * d + c * c);
                        den += w;
                    }
                }
            }
        }
        return num / (den + 1e-6);
    }
}
