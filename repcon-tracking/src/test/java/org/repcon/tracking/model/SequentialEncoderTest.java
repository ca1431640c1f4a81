package org.repcon.tracking.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.repcon.DjlTestCase;
import org.repcon.nn.Parameters;
import org.repcon.tracking.data.LineRenderer;
import org.repcon.tracking.geometry.Line;

class SequentialEncoderTest extends DjlTestCase {

    private TrackerModel model(Parameters p, int slots) {
        return TrackerModel.builder().setImageSize(32, 32).setSlots(slots).optChannels(8, 8).optEraseWidth(2.0)
                .optEncoder(TrackerModel.EncoderKind.SEQUENTIAL).optSeed(3).build(p);
    }

    @Test
    void eachSlotReadsTheResidualWithTheEarlierSlotsLinesErased() {
        try (Parameters p = new Parameters(manager, DataType.FLOAT32)) {
            TrackerModel model = model(p, 3);
            float[] image = LineRenderer.render(List.of(new Line(0.5, 3), new Line(2.2, -5)), 32, 32, 0.8);
            SlotEncoding e = model.encodeWithResiduals(manager.create(image, new Shape(1, 1, 32, 32)), false);
            assertEquals(new Shape(1, 3, 5), e.slots().getShape());
            assertEquals(new Shape(1, 3, 32, 32), e.residuals().getShape());
            float[] r = e.residuals().toFloatArray();
            float[] z = e.slots().toFloatArray();
            for (int i = 0; i < 32 * 32; i++) {
                assertEquals(image[i], r[i], 1e-6, "slot 0 reads the image");
            }
            for (int k = 1; k < 3; k++) {
                NDArray prev = manager.create(java.util.Arrays.copyOfRange(z, (k - 1) * 5, k * 5), new Shape(1, 1, 5));
                float[] d2 = LineField.distance2(prev, 32, 32).toFloatArray();
                for (int i = 0; i < 32 * 32; i++) {
                    double keep = 1 - Math.exp(-d2[i] / (2 * 2.0 * 2.0));
                    assertEquals(r[(k - 1) * 1024 + i] * keep, r[k * 1024 + i], 1e-5, "slot " + k + " pixel " + i);
                }
            }
        }
    }

    @Test
    void theAttractionTrainsTheEncoderThroughEverySlot() {
        for (int slot = 0; slot < 3; slot++) {
            try (Parameters p = new Parameters(manager, DataType.FLOAT32)) {
                TrackerModel model = model(p, 3);
                float[] image = LineRenderer.render(List.of(new Line(0.5, 3), new Line(2.2, -5)), 32, 32, 0.8);
                NDArray x = manager.create(image, new Shape(1, 1, 32, 32));
                String k = "0:1, " + slot + ":" + (slot + 1);
                try (GradientCollector g = Engine.getEngine("PyTorch").newGradientCollector()) {
                    SlotEncoding e = model.encodeWithResiduals(x, true);
                    g.backward(TrackerLosses.sequentialAttraction(e.slots().get(k + ", :"), e.residuals().get(k + ", :, :"),
                            0.3, 4.0));
                }
                double[] grad = new double[p.count()];
                p.gradientTo(grad);
                double norm = 0;
                for (double v : grad) {
                    norm += v * v;
                }
                assertTrue(norm > 1e-12, "slot " + slot + ": gradient norm " + norm);
            }
        }
    }
}
