package org.repcon.experiment;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import org.repcon.engine.Engines;
import org.repcon.io.ModelFile;
import org.repcon.nn.Parameters;
import org.repcon.spec.Spec;
import org.repcon.spec.SpecLoader;

/**
 * A trained model and the run it came from, for any experiment family: an experiment {@link #save saves} its
 * parameters as the run's {@code model.bin} ({@link ModelFile}, checksummed); the family's {@link Family#load} reads
 * them back with the run's resolved {@code spec.yaml} (which rebuilds the model), seed and {@code provenance.json}:
 * <pre>{@code
 * static final TrainedRun.Family<TrackerConfig, TrackerModel> TRACKER = new TrainedRun.Family<>("tracker", "the tracker",
 *         TrackerConfig::read, c -> c.training().dtype(), (c, seed, parameters) -> build(c, parameters, seed));
 * try (TrainedRun<TrackerConfig, TrackerModel> run = TRACKER.load(runDir)) {
 *     run.model(); run.config(); run.seed(); run.provenance().get("repcon_version");
 * }
 * }</pre>
 * The parameters live in {@code manager}, which this object owns: closing it frees them. Every problem with the
 * directory is an IllegalArgumentException saying what is wrong and what to do (not a run, a run of another
 * experiment, a suite whose variants are the runs, no model file, a corrupt one).
 *
 * @param spec the resolved spec, as read
 * @param provenance where the model came from (versions, machine, seed, command line, resumes, data); empty if absent
 * @param <C> the family's config type
 * @param <M> the model type
 */
public record TrainedRun<C, M>(RunDirectory directory, Spec spec, long seed, C config, Map<String, Object> provenance,
        NDManager manager, Parameters parameters, M model) implements AutoCloseable {
    /** The model file's name in a run directory. */
    public static final String MODEL_FILE = "model.bin";

    /** Saves the trained {@code parameters} (and buffers) as the run's {@link #MODEL_FILE}, atomically. */
    public static void save(RunContext ctx, Parameters parameters) throws IOException {
        ModelFile.save(ctx.directory().file(MODEL_FILE), parameters);
    }

    /** Rebuilds a family's untrained model from its config and seed, its arrays added to {@code parameters}. */
    @FunctionalInterface
    public interface ModelBuilder<C, M> {
        M build(C config, long seed, Parameters parameters);
    }

    /**
     * What loading needs to know of a family.
     *
     * @param experiment the spec's {@code experiment} value
     * @param what how messages call it, e.g. "an autoencoder"
     * @param config reads the family's config from the resolved spec
     * @param dataType the parameters' data type under a config
     */
    public record Family<C, M>(String experiment, String what, Function<Spec, C> config, Function<C, DataType> dataType,
            ModelBuilder<C, M> model) {
        /**
         * Loads the model of a completed run of the family.
         *
         * @throws IllegalArgumentException if {@code runDir} is not such a run or its model file is missing or corrupt
         */
        public TrainedRun<C, M> load(Path runDir) {
            return load(runDir, MODEL_FILE);
        }

        /**
         * As {@link #load(Path)}, for a run that saves several models ({@code modelFile}, e.g. one per dataset).
         *
         * @throws IllegalArgumentException as {@link #load(Path)} does
         */
        public TrainedRun<C, M> load(Path runDir, String modelFile) {
            RunDirectory run = new RunDirectory(runDir);
            if (!Files.isRegularFile(run.spec())) {
                throw new IllegalArgumentException(runDir + " is not a repcon run directory (no spec.yaml)");
            }
            Spec spec = SpecLoader.load(run.spec());
            String found = spec.getString("experiment");
            if (!found.equals(experiment)) {
                throw new IllegalArgumentException(runDir + " is a run of '" + found + "', not of " + what
                        + (Files.isDirectory(runDir.resolve("runs")) ? " (a suite: pass one of its runs/<variant> directories)" : ""));
            }
            long seed = RunSettings.seed(spec);
            spec.ignore("threads", "description");
            C c = config.apply(spec);
            Path file = run.file(modelFile);
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException(runDir + " has no " + modelFile
                        + ": the run did not finish training (resume it with 'repcon resume " + runDir + "')");
            }
            Engines.start();
            NDManager manager = NDManager.newBaseManager();
            try {
                Map<String, Object> provenance = Files.isRegularFile(run.provenance()) ? RunDirectory.readJson(run.provenance()) : Map.of();
                Parameters parameters = new Parameters(manager, dataType.apply(c));
                M m = model.build(c, seed, parameters);
                ModelFile.load(file, parameters);
                return new TrainedRun<>(run, spec, seed, c, provenance, manager, parameters, m);
            } catch (IOException e) { // ModelFile's and Jackson's messages name the file and the problem
                manager.close();
                throw new IllegalArgumentException(e.getMessage(), e);
            } catch (RuntimeException e) {
                manager.close();
                throw new IllegalArgumentException(file + " could not be read as this run's model: " + e.getMessage(), e);
            }
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
