package org.repcon.autoencoders.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repcon.data.IdxFile;
import org.repcon.experiment.Runner;

/** k-NN's k is chosen on the validation images: the test labels never move it. */
class ChoicesOnValidationTest {
    private static AutoencoderConfig.Evaluation candidates(List<Integer> ks) {
        return new AutoencoderConfig.Evaluation(true, 5, 0, AutoencoderConfig.Embedding.PCA, 10, 100, ks);
    }

    /**
     * 1-D latents: five class-0 points around 0 and one class-1 point at 0.1. A query at 0.1 is class 1 for k = 1 and
     * class 0 for k = 5, so labels saying 1 choose k = 1 and labels saying 0 choose k = 5.
     */
    @Test
    void theChosenKIsTheBestOnTheSetItIsGivenAndTheFirstOfEquals() {
        double[][] train = {{0}, {0.01}, {-0.01}, {0.02}, {-0.02}, {0.1}};
        int[] trainY = {0, 0, 0, 0, 0, 1};
        double[][] query = {{0.1}, {0.099}};
        AutoencoderEvaluation.KnnChoice onOnes = AutoencoderEvaluation.chooseKnnK(candidates(List.of(5, 1)), train, trainY,
                query, new int[] {1, 1}, 0);
        assertEquals(1, onOnes.k());
        assertEquals(1.0, onOnes.validationAccuracy());
        AutoencoderEvaluation.KnnChoice onZeros = AutoencoderEvaluation.chooseKnnK(candidates(List.of(5, 1)), train, trainY,
                query, new int[] {0, 0}, 0);
        assertEquals(5, onZeros.k());
        assertEquals(5, AutoencoderEvaluation.chooseKnnK(candidates(List.of(5, 3)), train, trainY, query, new int[] {0, 1}, 0).k(),
                "equal accuracies: the first candidate");
        assertEquals(5, AutoencoderEvaluation.chooseKnnK(candidates(List.of()), train, trainY, query, new int[] {1, 1}, 0).k(),
                "no candidates: knn_k as it is");
    }

    @Test
    void theEvaluationChoosesKOnValidationWhateverTheTestLabelsSay() {
        double[][] train = {{0}, {0.01}, {-0.01}, {0.02}, {-0.02}, {0.1}};
        int[] trainY = {0, 0, 0, 0, 0, 1};
        double[][] val = {{0.1}, {0.099}};
        double[][] test = {{0.1}, {0.098}, {0.101}};
        AutoencoderConfig.Evaluation e = new AutoencoderConfig.Evaluation(false, 5, 0, AutoencoderConfig.Embedding.PCA, 10,
                100, List.of(5, 1));
        // test labels that agree with the validation's would keep k = 1; labels 0 would choose k = 5 if they were read
        for (int[] testY : List.of(new int[] {1, 1, 1}, new int[] {0, 0, 0})) {
            Map<String, Number> m = AutoencoderEvaluation.classification(e, train, trainY, val, new int[] {1, 1}, test, testY, 0);
            assertEquals(1, m.get("knn_k").intValue(), "chosen on validation");
            assertEquals(1.0, m.get("val_knn_accuracy").doubleValue());
            assertEquals(testY[0] == 1 ? 1.0 : 0.0, m.get("knn_accuracy").doubleValue(), "the test scored with k = 1");
        }
        assertEquals(5, AutoencoderEvaluation.chooseKnnK(e, train, trainY, test, new int[] {0, 0, 0}, 0).k(),
                "the second test set's labels would have chosen k = 5");
    }

    /**
     * n images of three classes (a bright square in a class-specific corner, noise), labelled by their class or, with
     * {@code randomLabels}, by a seeded draw that a test-set choice of k would chase.
     */
    private static void write(Path dir, String prefix, int n, long seed, boolean randomLabels) throws IOException {
        Random rng = new Random(seed);
        Random labelRng = new Random(seed + 100);
        byte[] pixels = new byte[n * 784];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int c = i % 3;
            labels[i] = randomLabels ? labelRng.nextInt(3) : c;
            int y0 = c == 0 ? 3 : 14;
            int x0 = c == 1 ? 3 : 14;
            for (int y = 0; y < 28; y++) {
                for (int x = 0; x < 28; x++) {
                    boolean on = y >= y0 && y < y0 + 10 && x >= x0 && x < x0 + 10;
                    pixels[i * 784 + y * 28 + x] = (byte) ((on ? 200 : 10) + rng.nextInt(40));
                }
            }
        }
        IdxFile.writeImages(dir.resolve(prefix + "-images-idx3-ubyte.gz"), pixels, n, 28, 28, true);
        IdxFile.writeLabels(dir.resolve(prefix + "-labels-idx1-ubyte.gz"), labels, true);
    }

    private static Map<String, Object> run(Path data, Path dir) throws IOException {
        Map<String, Object> tree = Map.of("experiment", "autoencoder", "seed", 2, "threads", 1,
                "data", Map.of("dir", data.toString(), "validation_fraction", 0.25),
                "model", Map.of("latent_size", 4, "channels", List.of(4, 8)),
                "evaluation", Map.of("knn_k_candidates", List.of(1, 3, 5, 9), "knn_train_subsample", 0, "embedding", "pca",
                        "embedding_points", 20),
                "training", Map.of("batch_size", 15, "epochs", 1));
        Runner.Result result = new Runner(System.out, null).runNested(tree, dir, List.of("test"));
        assertTrue(result.succeeded(), result::message);
        return result.metrics();
    }

    @Test
    void testLabelsThatWouldScoreDifferentlyLeaveTheChoiceAndTheValidationMetricsAlone(@TempDir Path tmp) throws IOException {
        Path right = Files.createDirectories(tmp.resolve("right"));
        Path wrong = Files.createDirectories(tmp.resolve("wrong"));
        write(right, "train", 60, 1, false);
        write(right, "t10k", 30, 2, false);
        write(wrong, "train", 60, 1, false);
        write(wrong, "t10k", 30, 2, true); // the same test images, labels drawn at random
        Map<String, Object> a = run(right, tmp.resolve("run-right"));
        Map<String, Object> b = run(wrong, tmp.resolve("run-wrong"));
        assertNotEquals(a.get("knn_accuracy"), b.get("knn_accuracy"), "the test labels do change the test score");
        for (String key : List.of("knn_k", "val_knn_accuracy", "val_probe_accuracy", "val_mse", "val_psnr", "test_mse")) {
            assertTrue(a.get(key) instanceof Number, key + " in " + a);
            assertEquals(a.get(key), b.get(key), key + ": chosen and measured without the test labels");
        }
    }
}
