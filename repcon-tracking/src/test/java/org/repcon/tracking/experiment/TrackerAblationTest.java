package org.repcon.tracking.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.repcon.spec.Spec;
import org.repcon.spec.SpecException;

/** The ablation's variants switch the transform families as documented; bad tracker keys are spec errors. */
class TrackerAblationTest {
    @Test
    @SuppressWarnings("unchecked")
    void variantsSwitchTransformFamilies() {
        Spec spec = Spec.of(Map.of("experiment", "tracker-ablation", "seed", 5,
                "tracker", Map.of("data", Map.of("size", 32), "model", Map.of("channels", List.of(8, 8)))));
        TrackerAblation.Config c = new TrackerAblation().configure(spec);
        assertEquals(List.of("plain", "rotation", "translation", "affine"), List.copyOf(c.variants().keySet()));
        Map<String, Object> plain = (Map<String, Object>) c.variants().get("plain").get("transformations");
        assertEquals(false, plain.get("rotation"));
        assertEquals(false, plain.get("translation"));
        Map<String, Object> rot = (Map<String, Object>) c.variants().get("rotation").get("transformations");
        assertEquals(true, rot.get("rotation"));
        assertEquals(false, rot.get("translation"));
        Map<String, Object> affine = (Map<String, Object>) c.variants().get("affine").get("transformations");
        assertEquals(true, affine.get("shear"));
        assertEquals(5L, ((Number) c.variants().get("affine").get("seed")).longValue());
    }

    @Test
    void variantNamesAreKnownFamiliesAndUnique() {
        // a variant's name is the folder runs/<name>/ of its nested run: only the four families, each once
        for (List<String> bad : List.of(List.of(".."), List.of("."), List.of("plain", "plain"), List.of("../plain"))) {
            Spec spec = Spec.of(Map.of("experiment", "tracker-ablation", "variants", bad));
            SpecException e = assertThrows(SpecException.class, () -> new TrackerAblation().configure(spec), bad::toString);
            org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("variants"), e.getMessage());
        }
    }

    @Test
    void badTrackerKeyIsASpecError() {
        Spec spec = Spec.of(Map.of("experiment", "tracker-ablation", "tracker", Map.of("model", Map.of("slotz", 3))));
        assertThrows(SpecException.class, () -> new TrackerAblation().configure(spec));
    }

    @Test
    void oldTransformsSectionOfTheNestedTrackerNamesItsNewKey() {
        Spec spec = Spec.of(Map.of("experiment", "tracker-ablation", "tracker", Map.of("transforms", Map.of("crop_radius", 12))));
        SpecException e = assertThrows(SpecException.class, () -> new TrackerAblation().configure(spec));
        assertEquals("spec error at tracker.transforms: renamed to transformations", e.getMessage());
        Spec moved = Spec.of(Map.of("experiment", "tracker-ablation", "tracker", Map.of("loss", Map.of("attraction", 0))));
        SpecException m = assertThrows(SpecException.class, () -> new TrackerAblation().configure(moved));
        assertEquals("tracker.loss.attraction", m.path());
        org.junit.jupiter.api.Assertions.assertTrue(m.detail().contains("conditions.attraction"), m.getMessage());
    }
}
