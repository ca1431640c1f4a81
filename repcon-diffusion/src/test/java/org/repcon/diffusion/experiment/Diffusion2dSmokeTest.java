package org.repcon.diffusion.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repcon.diffusion.model.MlpNoiseModel;
import org.repcon.experiment.Runner;
import org.repcon.io.ModelFile;
import org.repcon.nn.Parameters;
import org.repcon.spec.SpecException;

/** A few steps of a tiny diffusion-2d run through the runner: metrics, plots, per-bucket loss columns and the EMA model. */
class Diffusion2dSmokeTest {

    private static Map<String, Object> tiny() {
        return Map.of("experiment", "diffusion-2d", "seed", 2, "threads", 1,
                "data", Map.of("datasets", List.of("ring"), "train", 256, "validation", 64, "test", 64),
                "model", Map.of("hidden", 16, "blocks", 1, "timesteps", 50, "input_embedding", 8),
                "loss", Map.of("timestep_buckets", 5),
                "training", Map.of("batch_size", 32, "log_every", 5, "stages", List.of(Map.of("optimizer", "adam", "steps", 20))),
                "sampling", Map.of("ddim_steps", 5),
                "evaluation", Map.of("projections", 20, "grid", 5, "score_levels", List.of(0.1, 0.5)));
    }

    @Test
    void tinyRunWritesMetricsPlotsAndTheAveragedModel(@TempDir Path dir) throws Exception {
        Runner.validate(tiny());
        Path run = dir.resolve("run");
        Runner.Result result = new Runner(System.out, null).runNested(tiny(), run, List.of("test"));
        assertTrue(result.succeeded(), result::message);
        for (String key : List.of("mmd2_ring", "sw_ring", "mmd2_gaussian_ring", "sw_gaussian_ring", "mmd2_floor_ring", "sw_floor_ring",
                "sw_ddim_ring", "mmd2_ddim_ring", "mmd_bandwidth_ring", "test_eps_mse_ring", "train_seconds_ring")) {
            assertTrue(result.metrics().get(key) instanceof Number, () -> "missing metric " + key + " in " + result.metrics());
        }
        for (String plot : List.of("score-ring.png", "samples-ring.png", "strip-ring.png", "buckets-ring.png", "loss-ring.png")) {
            assertTrue(Files.exists(run.resolve("plots").resolve(plot)), plot);
        }
        String header = Files.readAllLines(run.resolve("metrics-ring.csv")).get(0);
        assertTrue(header.contains("eps_mse,eps_mse_t0_9,eps_mse_t10_19,") && header.contains("eps_mse_t40_49") && header.endsWith("grad_norm"),
                header);
        try (NDManager root = NDManager.newBaseManager(); Parameters p = new Parameters(root, DataType.FLOAT32)) {
            MlpNoiseModel.builder().setDimensions(2).optHidden(16).optBlocks(1).optInputEmbedding(8, 25).build(p);
            ModelFile.load(run.resolve("model-ring.bin"), p); // names and shapes match the spec's model
        }
        String html = Files.readString(run.resolve("report.html"));
        assertTrue(html.contains("Distance to the test points"), "the report has the comparison table");
    }

    @Test
    void anUnknownDatasetNamesTheKey() {
        Map<String, Object> tree = new java.util.HashMap<>(tiny());
        tree.put("data", Map.of("datasets", List.of("spiral")));
        SpecException e = assertThrows(SpecException.class, () -> Runner.validate(tree));
        assertEquals("data.datasets", e.path(), e.getMessage());
        assertTrue(e.getMessage().contains("spiral"), e.getMessage());
    }
}
