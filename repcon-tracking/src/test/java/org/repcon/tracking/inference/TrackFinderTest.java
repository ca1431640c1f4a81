package org.repcon.tracking.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.DataType;
import org.junit.jupiter.api.Test;
import org.repcon.DjlTestCase;
import org.repcon.nn.Parameters;
import org.repcon.tracking.model.DivergedModelException;
import org.repcon.tracking.model.LineRefinement;
import org.repcon.tracking.model.Slots;
import org.repcon.tracking.model.TrackerModel;

/** What {@link TrackFinder} makes of the encoder's slots. */
class TrackFinderTest extends DjlTestCase {
    @Test
    void nonFiniteSlotsAreADivergedModelNamingTheSlotAndImage() {
        try (Parameters p = new Parameters(manager, DataType.FLOAT32)) {
            TrackerModel model = TrackerModel.builder().setImageSize(16, 16).setSlots(2).optChannels(4, 4).build(p);
            TrackFinder finder = new TrackFinder(model, 0.5, new LineRefinement(TrackerModel.LIT_FLOOR, 1.5, 3));
            float[] slots = new float[2 * 2 * Slots.SIZE]; // two images of two slots, all (1, 0, 0, 0, 0) ...
            for (int s = 0; s < 4; s++) {
                slots[s * Slots.SIZE + Slots.U] = 1;
                slots[s * Slots.SIZE + Slots.LOGIT] = 3;
            }
            assertEquals(1, finder.raw(slots, 1).size(), "two equal slots: one track");
            slots[3 * Slots.SIZE + Slots.PX] = Float.NaN; // ... but slot 1 of image 1
            DivergedModelException e = assertThrows(DivergedModelException.class, () -> finder.raw(slots, 1));
            assertTrue(e.getMessage().startsWith("slot 1 of image 1 has non-finite values (u, v, px, py, logit) = (1.0, 0.0, NaN, 0.0, 3.0)"),
                    e::getMessage);
            assertEquals(1, finder.raw(slots, 0).size(), "image 0 is fine");
        }
    }

    @Test
    void duplicatesAreDroppedWithinTheFindersOwnTolerances() {
        try (Parameters p = new Parameters(manager, DataType.FLOAT32)) {
            TrackerModel model = TrackerModel.builder().setImageSize(16, 16).setSlots(2).optChannels(4, 4).build(p);
            LineRefinement refinement = new LineRefinement(TrackerModel.LIT_FLOOR, 1.5, 3);
            float[] slots = new float[2 * Slots.SIZE]; // one image, two present slots 1 px apart, same direction
            for (int s = 0; s < 2; s++) {
                slots[s * Slots.SIZE + Slots.U] = 1;
                slots[s * Slots.SIZE + Slots.PY] = s;
                slots[s * Slots.SIZE + Slots.LOGIT] = 3 - s;
            }
            assertEquals(1, new TrackFinder(model, 0.5, refinement).raw(slots, 0).size(), "default: within 2 px");
            TrackFinder tight = new TrackFinder(model, 0.5, refinement, new DuplicateFilter(0.05, 0.5));
            assertEquals(2, tight.raw(slots, 0).size(), "within 0.5 px only: two tracks");
            assertEquals(0.5, tight.duplicates().offset());
        }
    }
}
