package org.repcon.tracking.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repcon.data.ImageSet;
import org.repcon.experiment.Runner;
import org.repcon.tracking.data.TrackImageFiles;
import org.repcon.tracking.data.TrackImageGenerator;
import org.repcon.tracking.data.TrackImageSet;
import org.repcon.tracking.data.TrackImageSpec;
import org.repcon.tracking.inference.TrainedTracker;

/** A few training steps of a tiny tracker through the runner: the run succeeds and writes its metrics and model. */
class TrackerExperimentSmokeTest {
    @Test
    void tinyRunWritesMetricsForTrackerAndHough(@TempDir Path dir) throws Exception {
        Map<String, Object> tree = Map.of(
                "experiment", "tracker", "seed", 3, "threads", 1,
                "data", Map.of("size", 32, "train_images", 16, "test_images", 6, "validation_images", 5),
                "model", Map.of("channels", List.of(8, 8), "slots", 3),
                "transformations", Map.of("scale", true, "shear", true, "decoder_equivariance", 0.1),
                "conditions", Map.of("presence_l1", 0.01),
                "evaluation", Map.of("overlay_images", 4, "extra_noise_levels", List.of(0.2), "extra_noise_images", 4),
                "training", Map.of("batch_size", 8, "epochs", 2, "log_every", 1));
        Runner.validate(tree); // throws on a bad spec
        Runner.Result result = new Runner(System.out, null).runNested(tree, dir.resolve("run"), List.of("test"));
        assertTrue(result.succeeded(), result::message);
        Map<String, Object> m = result.metrics();
        for (String key : List.of("efficiency", "fake_rate", "angle_rmse_mrad", "offset_rmse_px", "hough_efficiency",
                "hough_fake_rate", "hough_angle_rmse_mrad", "steps", "train_loss", "encoder_efficiency",
                "efficiency_noise_0.05", "efficiency_noise_0.2", "hough_efficiency_noise_0.2",
                "hough_refined_efficiency", "hough_refined_fake_rate", "hough_refined_angle_rmse_mrad",
                "hough_refined_offset_rmse_px", "hough_refined_efficiency_noise_0.2", "common_tracks",
                "angle_rmse_mrad_common", "encoder_angle_rmse_mrad_common", "hough_angle_rmse_mrad_common",
                "hough_refined_angle_rmse_mrad_common", "offset_rmse_px_common", "hough_offset_rmse_px_common",
                "val_efficiency", "val_fake_rate", "val_angle_rmse_mrad", "val_encoder_efficiency", "val_hough_efficiency",
                "val_hough_refined_efficiency", "val_common_tracks", "val_hough_angle_rmse_mrad_common", "val_images")) {
            assertTrue(m.containsKey(key), () -> "missing metric " + key + " in " + m.keySet());
        }
        assertTrue(Files.exists(dir.resolve("run").resolve(TrackerExperiment.MODEL_FILE)));
        assertEquals(6.0, ((Number) m.get("images")).doubleValue(), "extra noise levels stay out of the headline");
        assertEquals(5.0, ((Number) m.get("val_images")).doubleValue(), "data.validation_images");
        assertTrue(!m.containsKey("val_efficiency_noise_0.2"), "validation is at the data's noise level only");
        for (String plot : List.of("overlays.png", "angle_scatter.png")) {
            assertTrue(Files.exists(dir.resolve("run").resolve("plots").resolve(plot)), plot);
        }

        // the trained model on image files: CSV with the documented header, overlays, other sizes rejected
        Path images = dir.resolve("images");
        TrackImageFiles.write(images, TrackImageSet.generate(new TrackImageGenerator(TrackImageSpec.defaults().withSize(32, 32)), 9, 0, 3));
        try (TrainedTracker tracker = TrainedTracker.load(dir.resolve("run"))) {
            ImageSet set = tracker.readImages(images);
            assertEquals(3, set.size());
            var tracks = tracker.track(set);
            Path csv = dir.resolve("tracks.csv");
            TrainedTracker.writeCsv(csv, set, tracks, tracker.width(), tracker.height());
            assertEquals(TrainedTracker.HEADER, Files.readAllLines(csv).get(0));
            tracker.writeOverlays(dir.resolve("overlay"), set, tracks);
            assertTrue(Files.exists(dir.resolve("overlay").resolve("img00000.png")));
            Path big = dir.resolve("big");
            TrackImageFiles.write(big, TrackImageSet.generate(new TrackImageGenerator(TrackImageSpec.defaults()), 9, 0, 1));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> tracker.readImages(big));
            assertTrue(e.getMessage().contains("64x64"), e::getMessage);
        }
    }

    @Test
    void aCorruptOrTruncatedModelFileIsRefusedNamingTheFile(@TempDir Path dir) throws Exception {
        Map<String, Object> tree = Map.of(
                "experiment", "tracker", "seed", 3, "threads", 1,
                "data", Map.of("size", 32, "train_images", 8, "test_images", 2),
                "model", Map.of("channels", List.of(8, 8), "slots", 3),
                "training", Map.of("batch_size", 8, "epochs", 1));
        Path run = dir.resolve("run");
        assertTrue(new Runner(System.out, null).runNested(tree, run, List.of("test")).succeeded());
        Path file = run.resolve(TrackerExperiment.MODEL_FILE);
        byte[] good = Files.readAllBytes(file);
        try (TrainedTracker t = TrainedTracker.load(run)) {
            assertEquals(32, t.width());
        }
        byte[] corrupt = good.clone();
        for (int i = corrupt.length / 2; i < corrupt.length / 2 + 64; i++) {
            corrupt[i] ^= 0x5A;
        }
        Files.write(file, corrupt);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainedTracker.load(run));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("corrupt"), e::getMessage);
        Files.write(file, java.util.Arrays.copyOf(good, good.length / 2));
        e = assertThrows(IllegalArgumentException.class, () -> TrainedTracker.load(run));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("truncated"), e::getMessage);
    }

    @Test
    void aDivergingRunFailsQuicklyWithAClearMessage(@TempDir Path dir) {
        Map<String, Object> tree = Map.of(
                "experiment", "tracker", "seed", 3, "threads", 1,
                "data", Map.of("size", 32, "train_images", 32, "test_images", 4),
                "model", Map.of("channels", List.of(8, 8), "slots", 3),
                "training", Map.of("batch_size", 8, "epochs", 2, "lr", 1.0e3));
        // The timeout only guards against a hang (e.g. NaN proposals looping forever); it is no speed requirement:
        // what "fails quickly" means is asserted below (the run fails with the divergence message, no model file).
        Runner.Result result = assertTimeoutPreemptively(Duration.ofMinutes(2),
                () -> new Runner(System.out, null).runNested(tree, dir.resolve("run"), List.of("test")));
        assertFalse(result.succeeded(), "a learning rate of 1000 diverges");
        assertTrue(result.message().contains("the model diverged; lower training.lr"), result::message);
        assertFalse(Files.exists(dir.resolve("run").resolve(TrackerExperiment.MODEL_FILE)));
    }

    @Test
    void badEncoderOrNoiseLevelsAreSpecErrors() {
        for (Map<String, Object> section : List.of(Map.<String, Object>of("model", Map.of("encoder", "hough")),
                Map.<String, Object>of("evaluation", Map.of("extra_noise_levels", List.of(0.1, 2.0))))) {
            Map<String, Object> tree = new java.util.HashMap<>(Map.of("experiment", "tracker"));
            tree.putAll(section);
            org.repcon.spec.SpecException e = assertThrows(org.repcon.spec.SpecException.class, () -> Runner.validate(tree));
            assertTrue(e.getMessage().contains("encoder") || e.getMessage().contains("extra_noise_levels"), e::getMessage);
        }
    }

    @Test
    void duplicateTolerancesAreTheirOwnKeysWithTheOldValuesAsDefaults() {
        TrackerConfig defaults = TrackerConfig.read(org.repcon.spec.Spec.of(Map.of("experiment", "tracker")));
        assertEquals(0.05, defaults.evaluation().duplicateAngle());
        assertEquals(2.0, defaults.evaluation().duplicateOffset());
        assertEquals(500, defaults.data().validationImages());
        TrackerConfig set = TrackerConfig.read(org.repcon.spec.Spec.of(Map.of("experiment", "tracker",
                "evaluation", Map.of("angle_tolerance", 0.02, "offset_tolerance", 1.0, "duplicate_offset", 3.0))));
        assertEquals(0.05, set.evaluation().duplicateAngle(), "the match tolerance does not move the duplicate one");
        assertEquals(3.0, set.evaluation().duplicateOffset());
        assertEquals(3.0, TrackerExperiment.duplicates(set).offset());
        assertEquals(1.0, set.evaluation().offsetTolerance());
    }

    @Test
    void theRemovedRegressionEncodersAreSpecErrorsThatSayWhy() {
        for (String removed : List.of("sequential", "parallel")) {
            Map<String, Object> tree = Map.of("experiment", "tracker", "model", Map.of("encoder", removed));
            org.repcon.spec.SpecException e = assertThrows(org.repcon.spec.SpecException.class, () -> Runner.validate(tree));
            assertTrue(e.getMessage().contains("model.encoder") && e.getMessage().contains("was removed")
                    && e.getMessage().contains("did not learn") && e.getMessage().contains("proposals"), e::getMessage);
        }
        Runner.validate(Map.of("experiment", "tracker", "model", Map.of("encoder", "proposals")));
    }
}
