package org.repcon.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repcon.DjlTestCase;
import org.repcon.nn.Mlp;

/**
 * Saving and loading a trained model with its run ({@link TrainedRun}) on the toy experiment: the loaded model
 * reproduces the run's own final fit error to the last bit (float64), seed, config and provenance come with it, and
 * every wrong directory is refused with a message saying what to do.
 */
class TrainedRunTest extends DjlTestCase {
    @TempDir
    Path tmp;

    private final Runner runner = new Runner(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), null);

    private Path trainedToy() throws IOException {
        Path dir = tmp.resolve("toy");
        Runner.Result r = runner.runNested(RunnerTest.toy(), dir, List.of("test"));
        assertTrue(r.succeeded(), r::message);
        return dir;
    }

    @Test
    void aLoadedModelReproducesTheRunsFitErrorWithItsSeedConfigAndProvenance() throws IOException {
        Path dir = trainedToy();
        double runFitError = ((Number) RunDirectory.readJson(dir.resolve("metrics.json")).get("fit_error")).doubleValue();
        try (TrainedRun<TrainingSettings, Mlp> run = ToyExperiment.LOADER.load(dir)) {
            double[] xs = new double[32];
            double[] ys = new double[32];
            for (int i = 0; i < xs.length; i++) { // the toy's data
                xs[i] = -1 + 2.0 * i / (xs.length - 1);
                ys[i] = Math.sin(Math.PI * xs[i]);
            }
            NDArray x = run.manager().create(xs, new Shape(32, 1));
            NDArray y = run.manager().create(ys, new Shape(32, 1));
            double fitError = run.model().forward(x).sub(y).square().mean().toType(DataType.FLOAT64, false).getDouble();
            assertEquals(runFitError, fitError, 0.0, "the saved weights, not the initial ones");
            assertTrue(fitError < 0.1, "trained: " + fitError);
            assertEquals(3, run.seed());
            assertEquals(DataType.FLOAT64, run.config().dtype());
            assertEquals(DataType.FLOAT64, run.parameters().dataType());
            assertEquals(3, ((Number) run.provenance().get("seed")).intValue());
            assertEquals("toy-fit", run.provenance().get("experiment"));
            assertEquals("toy-fit", run.spec().getString("experiment"));
        }
    }

    @Test
    void aDirectoryThatIsNotARunIsRefused() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ToyExperiment.LOADER.load(empty));
        assertEquals(empty + " is not a repcon run directory (no spec.yaml)", e.getMessage());
    }

    @Test
    void aSuiteDirectoryNamesOneOfItsNestedRuns() throws IOException {
        Map<String, Object> suite = new LinkedHashMap<>(Map.of("experiment", "toy-suite", "seed", 3, "threads", 1,
                "variants", List.of("a", "b")));
        suite.put("training", RunnerTest.toy().get("training"));
        Path dir = tmp.resolve("suite");
        assertTrue(runner.runNested(suite, dir, List.of("test")).succeeded());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ToyExperiment.LOADER.load(dir));
        assertEquals(dir + " is a run of 'toy-suite', not of the toy fit (a suite: pass one of its runs/<variant> directories)",
                e.getMessage());
        try (TrainedRun<TrainingSettings, Mlp> a = ToyExperiment.LOADER.load(dir.resolve("runs").resolve("a"))) {
            assertEquals(3, a.seed());
        }
    }

    @Test
    void aMissingModelFileSaysHowToFinishTheRun() throws IOException {
        Path dir = trainedToy();
        Files.delete(dir.resolve(TrainedRun.MODEL_FILE));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ToyExperiment.LOADER.load(dir));
        assertEquals(dir + " has no model.bin: the run did not finish training (resume it with 'repcon resume " + dir + "')",
                e.getMessage());
    }

    @Test
    void aCorruptOrForeignModelFileIsRefusedNamingTheFile() throws IOException {
        Path dir = trainedToy();
        Path file = dir.resolve(TrainedRun.MODEL_FILE);
        byte[] good = Files.readAllBytes(file);
        byte[] corrupt = good.clone();
        corrupt[corrupt.length / 2] ^= 0x5A;
        Files.write(file, corrupt);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ToyExperiment.LOADER.load(dir));
        assertTrue(e.getMessage().startsWith("model file " + file + " is corrupt (checksum mismatch)"), e::getMessage);
        // a model file of another architecture (e.g. a loader that builds a wider network): refused, naming the file
        Files.write(file, good);
        TrainedRun.Family<TrainingSettings, Mlp> wider = new TrainedRun.Family<>("toy-fit", "the toy",
                s -> TrainingSettings.read(s.getChild("training")), TrainingSettings::dtype,
                (t, seed, p) -> Mlp.builder().setInputs(1).setOutputs(1).optHidden(9).build(p));
        e = assertThrows(IllegalArgumentException.class, () -> wider.load(dir));
        assertTrue(e.getMessage().startsWith("model file " + file + " does not fit this model"), e::getMessage);
    }
}
