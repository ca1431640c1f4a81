package org.repcon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.repcon.experiment.Runner;
import org.repcon.spec.RenamedKeys;
import org.repcon.spec.SpecException;
import org.repcon.spec.SpecLoader;

/**
 * One spec vocabulary (loss, conditions, transformations, training) in every example, and every key of the
 * renaming table rejected with a message that names its new key, in the family's spec and nested in its suite.
 */
class SpecVocabularyTest {
    private static final Path EXAMPLES = CliTest.EXAMPLES;
    private static final Map<String, String> EXAMPLE_OF_FAMILY = Map.of("burgers-pinn", "burgers.yaml", "tracker", "tracker.yaml");
    private static final Map<String, String> SUITE_OF_FAMILY = Map.of("tracker", "tracker-ablation.yaml");

    static Stream<Path> examples() throws IOException {
        try (Stream<Path> s = Files.list(EXAMPLES)) {
            return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("examples")
    void everyExampleValidatesAndUsesNoOldKey(Path example) throws IOException {
        String yaml = Files.readString(example);
        // the examples that read Fashion-MNIST (under CI=true, .ci/run installs it)
        if (java.util.regex.Pattern.compile("(?m)^experiment: (autoencoder|ae-suite|diffusion|latent-diffusion|anomaly-one-class|anomaly-shift|anomaly-unlikely-unknown)\\s*$")
                .matcher(yaml).find()) {
            Assumptions.assumeTrue(Files.isDirectory(Path.of("/usr/share/datasets/fashion-mnist")), "Fashion-MNIST not installed");
        }
        // the examples that name MNIST as an out-of-distribution set (scripts/setup-mnist.sh installs it; CI does not)
        if (java.util.regex.Pattern.compile("(?m)^\\s*ood:.*\\bmnist\\b").matcher(yaml).find()) {
            Assumptions.assumeTrue(Files.isRegularFile(org.repcon.data.ood.MnistDigits.defaultDir().resolve(org.repcon.data.ood.MnistDigits.IMAGES)),
                    "MNIST digits not installed (scripts/setup-mnist.sh)");
        }
        String resolved = Runner.validate(example, List.of());
        for (String old : List.of("objective:", "transforms:")) {
            assertTrue(!yaml.contains(old) && !resolved.contains(old), example + " still uses " + old);
        }
    }

    static Stream<RenamedKeys.Rename> renames() {
        return RenamedKeys.TABLE.stream();
    }

    @ParameterizedTest
    @MethodSource("renames")
    void everyOldKeyNamesItsNewKey(RenamedKeys.Rename r) {
        Map<String, Object> tree = SpecLoader.load(EXAMPLES.resolve(EXAMPLE_OF_FAMILY.get(r.family()))).copyTree();
        put(tree, r.oldPath(), 0.5);
        SpecException e = assertThrows(SpecException.class, () -> Runner.validate(tree), r::toString);
        assertEquals(r.oldPath(), e.path(), e.getMessage());
        for (String newKey : r.newPath().split(", ")) {
            String[] parts = newKey.split("\\.");
            assertTrue(e.detail().contains(newKey) || e.detail().contains(parts[0] + " (" + parts[1]), e.getMessage());
        }

        String suite = SUITE_OF_FAMILY.get(r.family());
        if (suite != null) { // a spec nested in a suite: the error names the key at its path in the suite's spec
            Map<String, Object> suiteTree = SpecLoader.load(EXAMPLES.resolve(suite)).copyTree();
            put(suiteTree, r.family() + "." + r.oldPath(), 0.5);
            SpecException n = assertThrows(SpecException.class, () -> Runner.validate(suiteTree), r::toString);
            assertEquals(r.family() + "." + r.oldPath(), n.path(), n.getMessage());
            assertEquals(e.detail(), n.detail());
        }
    }

    @Test
    void theMessagesOfTheBrief() {
        Map<String, Object> burgers = SpecLoader.load(EXAMPLES.resolve("burgers.yaml"), List.of("objective.mse_f=0")).copyTree();
        SpecException b = assertThrows(SpecException.class, () -> Runner.validate(burgers));
        assertTrue(b.getMessage().startsWith("spec error at objective: renamed: the weights of the terms are under loss (mse_u) "
                + "and conditions (mse_f"), b.getMessage());
        SpecException t = assertThrows(SpecException.class,
                () -> Runner.validate(EXAMPLES.resolve("tracker.yaml"), List.of("transforms.scale=true")));
        assertEquals("spec error at transforms: renamed to transformations", t.getMessage());
        SpecException a = assertThrows(SpecException.class,
                () -> Runner.validate(EXAMPLES.resolve("tracker-ablation.yaml"), List.of("tracker.loss.attraction=0")));
        assertTrue(a.getMessage().startsWith("spec error at tracker.loss.attraction: moved to conditions.attraction"), a.getMessage());
    }

    @Test
    void theNewKeysAreRead() {
        String burgers = Runner.validate(EXAMPLES.resolve("burgers.yaml"), List.of("loss.mse_u=2", "conditions.mse_f=0.5"));
        assertTrue(burgers.contains("loss:\n  mse_u: 2") && burgers.contains("conditions:\n  mse_f: 0.5"), burgers);
        String tracker = Runner.validate(EXAMPLES.resolve("tracker.yaml"), List.of("conditions.attraction=0",
                "transformations.latent_equivariance=0.5", "transformations.decoder_equivariance=0.25", "model.decoder=conv"));
        assertTrue(tracker.contains("attraction: 0") && tracker.contains("latent_equivariance: 0.5")
                && tracker.contains("decoder_equivariance: 0.25") && tracker.contains("decoder: conv"), tracker);
        SpecException e = assertThrows(SpecException.class, () -> Runner.validate(EXAMPLES.resolve("tracker.yaml"),
                List.of("model.encoder=hough")));
        assertEquals("model.encoder", e.path());
        assertTrue(e.detail().startsWith("expected one of: proposals, got"), e.getMessage());
    }

    @Test
    void fixedSetsOfNamesAreEnumsWithTheSameErrorEverywhere() {
        // the schedule type, the tracker's encoder/decoder and the HNN's system/initial states were matched as raw
        // strings; now parsed like optimizer and activation: any case, '-' for '_', the error lists the choices
        String tracker = Runner.validate(EXAMPLES.resolve("tracker.yaml"), List.of("training.lr_schedule.type=Cosine", "model.encoder=Proposals"));
        assertTrue(tracker.contains("type: cosine") && tracker.contains("encoder: proposals"), tracker);
        SpecException schedule = assertThrows(SpecException.class,
                () -> Runner.validate(EXAMPLES.resolve("tracker.yaml"), List.of("training.lr_schedule.type=cosin")));
        assertEquals("training.lr_schedule.type", schedule.path());
        assertTrue(schedule.detail().startsWith("expected one of: constant, exponential, step, cosine"), schedule.getMessage());
        SpecException stage = assertThrows(SpecException.class,
                () -> Runner.validate(EXAMPLES.resolve("burgers.yaml"), List.of("training.stages[0].lr_schedule.type=linear")));
        assertEquals("training.stages[0].lr_schedule.type", stage.path());
        SpecException system = assertThrows(SpecException.class,
                () -> Runner.validate(EXAMPLES.resolve("hnn-spring.yaml"), List.of("system=rotor")));
        assertEquals("spec error at system: expected one of: spring, pendulum, got \"rotor\"", system.getMessage());
        SpecException initial = assertThrows(SpecException.class,
                () -> Runner.validate(EXAMPLES.resolve("hnn-spring.yaml"), List.of("evaluation.initial_states=train")));
        assertTrue(initial.detail().contains("test, paper"), initial.getMessage());
        String hnn = Runner.validate(EXAMPLES.resolve("hnn-pendulum.yaml"), List.of("evaluation.initial_states=paper"));
        assertTrue(hnn.contains("system: pendulum") && hnn.contains("initial_states: paper"), hnn);
    }

    @Test
    void theAutoencodersNamesAreEnumsToo() {
        Assumptions.assumeTrue(Files.isDirectory(Path.of("/usr/share/datasets/fashion-mnist")), "Fashion-MNIST not installed");
        Path ae = EXAMPLES.resolve("autoencoder.yaml");
        String resolved = Runner.validate(ae, List.of("model.type=VAE", "model.latent_space=matrix", "model.normalization=Layer",
                "conditions.algebraic_f=linear", "evaluation.embedding=PCA"));
        for (String line : List.of("type: vae", "latent_space: matrix", "normalization: layer", "projection: none",
                "algebraic_f: linear", "embedding: pca")) {
            assertTrue(resolved.contains(line), line + " in\n" + resolved);
        }
        SpecException p = assertThrows(SpecException.class, () -> Runner.validate(ae, List.of("model.projection=sphere")));
        assertEquals("spec error at model.projection: expected one of: none, unit_sphere, simplex_softmax, simplex_euclidean, "
                + "got \"sphere\"", p.getMessage());
        SpecException t = assertThrows(SpecException.class, () -> Runner.validate(ae, List.of("model.type=gan")));
        assertEquals("spec error at model.type: expected one of: ae, vae, vqvae, got \"gan\"", t.getMessage());
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> tree, String dotted, Object value) {
        String[] parts = dotted.split("\\.");
        Map<String, Object> node = tree;
        for (int i = 0; i < parts.length - 1; i++) {
            node = (Map<String, Object>) node.computeIfAbsent(parts[i], k -> new LinkedHashMap<String, Object>());
        }
        node.put(parts[parts.length - 1], value);
    }
}
