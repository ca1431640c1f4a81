package org.repcon.autoencoders.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repcon.DjlTestCase;
import org.repcon.autoencoders.AutoencoderModel;
import org.repcon.autoencoders.AutoencoderOutput;
import org.repcon.autoencoders.VariationalAutoencoder;
import org.repcon.autoencoders.VqVae;
import org.repcon.nn.Parameters;
import org.repcon.spec.Spec;

/**
 * The objective asks the model for its own terms and the registry for the conditions: the term names (the
 * metrics.csv columns) and their order are those of the spec, per model type; the model also gives the
 * representation invariance is asked of and its samples.
 */
class ModelsOwnTheirTermsTest extends DjlTestCase {
    @TempDir
    Path data;

    private AutoencoderConfig config(String type, Map<String, Object> conditions, double invariance) {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("experiment", "autoencoder");
        tree.put("data", Map.of("dir", data.toString()));
        tree.put("model", Map.of("type", type, "latent_size", 4, "channels", List.of(2, 3), "codebook_size", 5));
        tree.put("conditions", conditions);
        tree.put("transformations", Map.of("invariance", invariance));
        return AutoencoderConfig.read(Spec.of(tree));
    }

    private AutoencoderModel model(AutoencoderConfig c) {
        return ModelFactory.build(c.model(), 1, 8, 8, 3, new Parameters(manager, DataType.FLOAT64));
    }

    private List<String> terms(AutoencoderConfig c) {
        return ObjectiveFactory.build(c, model(c), null).termNames();
    }

    @Test
    void eachModelAddsItsOwnTermsAfterTheReconstructionAndBeforeTheConditions() {
        assertEquals(List.of("l2"), terms(config("ae", Map.of(), 0)));
        assertEquals(List.of("l2", "kl"), terms(config("vae", Map.of(), 0)));
        assertEquals(List.of("l2"), terms(config("vae", Map.of("kl", 0), 0)));
        assertEquals(List.of("l2", "codebook", "commitment"), terms(config("vqvae", Map.of(), 0)));
        Map<String, Object> all = Map.of("sparsity", 0.1, "unit_sphere", 0.1, "integrity", 0.1, "algebraic", 0.1);
        assertEquals(List.of("l2", "sparsity", "unit_sphere", "integrity", "algebraic", "invariance"), terms(config("ae", all, 0.1)));
        assertEquals(List.of("l2", "kl", "sparsity", "unit_sphere", "integrity", "algebraic", "invariance"), terms(config("vae", all, 0.1)));
        assertEquals(List.of("l2", "codebook", "commitment", "sparsity", "unit_sphere", "integrity", "algebraic", "invariance"),
                terms(config("vqvae", all, 0.1)));
    }

    @Test
    void theConditionsAreTheRegistrysRowsInOrder() {
        assertEquals(List.of("sparsity", "unit_sphere", "integrity", "algebraic"), ConditionRegistry.names());
        assertEquals(List.of("l2", "integrity"), terms(config("ae", Map.of("integrity", 2.0), 0)));
    }

    @Test
    void everyRegisteredConditionIsAWeightUnderConditionsDefaultOff() {
        AutoencoderConfig c = config("ae", Map.of("integrity", 0.5), 0);
        assertEquals(ConditionRegistry.names(), List.copyOf(c.conditions().weights().keySet()));
        for (String name : ConditionRegistry.names()) {
            assertEquals(name.equals("integrity") ? 0.5 : 0.0, c.conditions().weight(name), name);
        }
        assertThrows(IllegalArgumentException.class, () -> c.conditions().weight("nonexistent"));
    }

    @Test
    void theRepresentationIsTheModelsOwn() {
        NDArray x = manager.randomUniform(0, 1, new Shape(2, 1, 8, 8), DataType.FLOAT64);
        AutoencoderModel ae = model(config("ae", Map.of(), 0));
        AutoencoderModel vae = model(config("vae", Map.of(), 0));
        AutoencoderModel vq = model(config("vqvae", Map.of(), 0));
        assertArrayEquals(ae.encode(x, false).toDoubleArray(), ae.representation(x, false).toDoubleArray(), 0.0);
        assertArrayEquals(((VariationalAutoencoder) vae).posterior(x, false)[0].toDoubleArray(), vae.representation(x, false).toDoubleArray(), 0.0);
        assertArrayEquals(((VqVae) vq).encodeContinuous(x, false).toDoubleArray(), vq.representation(x, false).toDoubleArray(), 0.0);
        AutoencoderOutput o = vae.forward(x, null, true, 1);
        assertTrue(vae.representation(o) == o.extra(AutoencoderOutput.Extras.MU));
        AutoencoderOutput q = vq.forward(x, null, true);
        assertTrue(vq.representation(q) == q.extra(AutoencoderOutput.Extras.Z_E));
        AutoencoderOutput a = ae.forward(x, null, true);
        assertTrue(ae.representation(a) == a.z());
    }

    @Test
    void samplesAndEvaluationExtrasComeFromTheModel() {
        NDArray x = manager.randomUniform(0, 1, new Shape(2, 1, 8, 8), DataType.FLOAT64);
        AutoencoderModel ae = model(config("ae", Map.of(), 0));
        AutoencoderModel vae = model(config("vae", Map.of(), 0));
        AutoencoderModel vq = model(config("vqvae", Map.of(), 0));
        assertFalse(ae.sample(3, 1, manager).isPresent());
        assertEquals(new Shape(3, 1, 8, 8), vae.sample(3, 1, manager).orElseThrow().images().getShape());
        assertTrue(vae.sample(3, 1, manager).orElseThrow().caption().contains("prior"));
        assertEquals(new Shape(3, 1, 8, 8), vq.sample(3, 1, manager).orElseThrow().images().getShape());
        assertTrue(vq.sample(3, 1, manager).orElseThrow().caption().contains("codes"));

        AutoencoderModel.Encoded e = ae.encodeForEvaluation(x);
        assertNull(e.logvar());
        assertNull(e.codes());
        assertEquals(0, ae.codebookSize());
        assertEquals(new Shape(2, 4), vae.encodeForEvaluation(x).logvar().getShape());
        assertEquals(new Shape(2), vq.encodeForEvaluation(x).codes().getShape());
        assertEquals(5, vq.codebookSize());
    }

    @Test
    void buildingAProjectedVaeDirectlyIsRefusedToo() {
        AutoencoderConfig.ModelSettings m = config("vae", Map.of(), 0).model();
        AutoencoderConfig.ModelSettings projected = new AutoencoderConfig.ModelSettings(m.type(), m.latentSpace(), m.latentSize(),
                m.channels(), m.normalization(), AutoencoderConfig.Projection.UNIT_SPHERE, m.codebookSize());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelFactory.build(projected, 1, 8, 8, 3, new Parameters(manager, DataType.FLOAT64)));
        assertTrue(e.getMessage().contains("model.projection: unit_sphere") && e.getMessage().contains("model.type: vae"), e.getMessage());
    }
}
