package org.repcon.spec;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The table of renamed keys: each old key fails at its path naming the new one; nothing else is touched. */
class RenamedKeysTest {
    @Test
    void everyRowFailsAtItsOldPathNamingTheNewKeyAndOnlyForItsFamily() {
        for (RenamedKeys.Rename r : RenamedKeys.TABLE) {
            Map<String, Object> tree = new LinkedHashMap<>();
            Map<String, Object> node = tree;
            String[] parts = r.oldPath().split("\\.");
            for (int i = 0; i < parts.length - 1; i++) {
                Map<String, Object> child = new LinkedHashMap<>();
                node.put(parts[i], child);
                node = child;
            }
            node.put(parts[parts.length - 1], null); // present, even when null
            SpecException e = assertThrows(SpecException.class, () -> RenamedKeys.reject(Spec.of(tree), r.family()), r::toString);
            assertEquals(r.oldPath(), e.path());
            assertTrue(e.detail().startsWith("renamed") || e.detail().startsWith("moved to " + r.newPath()), e.getMessage());
            SpecException nested = assertThrows(SpecException.class, () -> RenamedKeys.reject(tree, "tracker", r.family()));
            assertEquals("tracker." + r.oldPath(), nested.path());
            assertDoesNotThrow(() -> RenamedKeys.reject(tree, "", "some-other-experiment"));
        }
    }

    @Test
    void theNewVocabularyPassesAndOldPathsAreUnique() {
        Map<String, Object> tracker = Map.of("loss", Map.of("reconstruction", 1.0), "conditions", Map.of("attraction", 1.0),
                "transformations", Map.of("rotation", true, "latent_equivariance", 0.01), "training", Map.of());
        assertDoesNotThrow(() -> RenamedKeys.reject(Spec.of(tracker), "tracker"));
        assertDoesNotThrow(() -> RenamedKeys.reject(Spec.of(Map.of("loss", 3, "conditions", List.of())), "tracker"));
        assertDoesNotThrow(() -> RenamedKeys.reject(Spec.of(Map.of("loss", Map.of("mse_u", 1), "conditions", Map.of("mse_f", 1))),
                "burgers-pinn"));
        Set<String> seen = new HashSet<>();
        for (RenamedKeys.Rename r : RenamedKeys.TABLE) {
            assertTrue(seen.add(r.family() + ":" + r.oldPath()), "listed twice: " + r);
            for (String newKey : r.newPath().split(", ")) {
                String section = newKey.split("\\.")[0];
                assertTrue(List.of("loss", "conditions", "transformations", "training").contains(section), r.toString());
            }
        }
    }
}
