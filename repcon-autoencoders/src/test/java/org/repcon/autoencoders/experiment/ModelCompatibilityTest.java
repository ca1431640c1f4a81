package org.repcon.autoencoders.experiment;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repcon.spec.Spec;
import org.repcon.spec.SpecException;

/**
 * Settings that cannot go together are spec errors of {@link AutoencoderConfig#read} (so {@code repcon validate}
 * finds them before a run directory exists), naming both keys; the combinations that do work are accepted.
 */
class ModelCompatibilityTest {
    @TempDir
    Path data;

    private AutoencoderConfig read(Map<String, Object> model, Map<String, Object> conditions) {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("experiment", "autoencoder");
        tree.put("data", Map.of("dir", data.toString()));
        tree.put("model", model);
        tree.put("conditions", conditions);
        return AutoencoderConfig.read(Spec.of(tree));
    }

    private SpecException rejected(Map<String, Object> model, Map<String, Object> conditions, String key, String... named) {
        SpecException e = assertThrows(SpecException.class, () -> read(model, conditions), model + " " + conditions);
        assertTrue(e.getMessage().contains(key), e.getMessage());
        for (String n : named) {
            assertTrue(e.getMessage().contains(n), "should name " + n + ": " + e.getMessage());
        }
        return e;
    }

    @Test
    void aProjectionOnAVaeOrVqVaeIsRejectedNamingBothKeys() {
        for (String p : List.of("unit_sphere", "simplex_softmax", "simplex_euclidean")) {
            rejected(Map.of("type", "vae", "projection", p), Map.of(), "model.projection", "model.projection: " + p,
                    "model.type: vae", "reparameterised posterior");
            rejected(Map.of("type", "vqvae", "projection", p), Map.of(), "model.projection", "model.projection: " + p,
                    "model.type: vqvae", "codebook");
        }
    }

    @Test
    void theVaesOwnSettingsOnAnotherModelAreRejectedNamingTheModelType() {
        rejected(Map.of("type", "ae"), Map.of("kl", 0.01), "conditions.kl", "model.type: ae", "model.type: vae");
        rejected(Map.of("type", "vqvae"), Map.of("kl", 0.01), "conditions.kl", "model.type: vqvae");
        rejected(Map.of("type", "ae"), Map.of("kl_warmup_steps", 10), "conditions.kl_warmup_steps", "model.type: ae", "model.type: vae");
        rejected(Map.of("type", "vae"), Map.of("commitment", 0.5), "conditions.commitment", "model.type: vae", "model.type: vqvae");
    }

    @Test
    void compatibleCombinationsAreAccepted() {
        for (String space : List.of("vector", "matrix")) { // projections act on all of a sample's values, so a matrix too
            for (String p : List.of("none", "unit_sphere", "simplex_softmax", "simplex_euclidean")) {
                assertDoesNotThrow(() -> read(Map.of("type", "ae", "latent_space", space, "projection", p), Map.of("sparsity", 0.1)));
            }
        }
        assertDoesNotThrow(() -> read(Map.of("type", "vae", "projection", "none"), Map.of("kl", 0.01, "kl_warmup_steps", 5)));
        assertDoesNotThrow(() -> read(Map.of("type", "vqvae", "latent_space", "matrix"), Map.of("commitment", 0.5, "unit_sphere", 0.1)));
    }
}
