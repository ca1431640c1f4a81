package org.repcon.experiment;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.repcon.nn.Parameters;
import org.repcon.objective.LossValues;
import org.repcon.objective.Objective;
import org.repcon.report.HtmlReport;
import org.repcon.report.MetricsCsv;
import org.repcon.training.Checkpoint;
import org.repcon.training.CheckpointStore;
import org.repcon.training.MetricsLog;
import org.repcon.training.StepContext;
import org.repcon.training.StopRequestedException;
import org.repcon.training.Trainer;
import org.repcon.training.TrainingListener;
import org.repcon.training.progress.ProgressDisplay;
import org.repcon.training.progress.TaskProgress;

/**
 * What a running experiment gets from the {@link Runner}: its run directory, seed, provenance, the final
 * metrics map, report sections, and {@link #train}, which wires a trainer to the run's metrics file,
 * checkpoints and progress display, and resumes it from the last checkpoint when the run is being resumed.
 */
public final class RunContext {
    private final RunDirectory directory;
    private final long seed;
    private final boolean resuming;
    private final Provenance provenance;
    private final ProgressDisplay progress;
    private final PrintStream out;
    private final Map<String, Object> metrics = new LinkedHashMap<>();
    private final List<Consumer<HtmlReport>> sections = new ArrayList<>();
    private final List<String> trainings = new ArrayList<>();

    /** {@code out}: the runner's stream, where nested runs print their messages too. */
    RunContext(RunDirectory directory, long seed, boolean resuming, Provenance provenance, ProgressDisplay progress,
            PrintStream out) {
        this.out = out;
        this.directory = directory;
        this.seed = seed;
        this.resuming = resuming;
        this.provenance = provenance;
        this.progress = progress;
    }

    public RunDirectory directory() {
        return directory;
    }

    /** The spec's seed: derive every random choice of the run from it. */
    public long seed() {
        return seed;
    }

    /** True when this run continues an earlier, interrupted one. */
    public boolean resuming() {
        return resuming;
    }

    public Provenance provenance() {
        return provenance;
    }

    /** The runner's stream, for the run's messages. */
    PrintStream out() {
        return out;
    }

    /**
     * Prints one line of the run's messages on the runner's stream (where its nested runs print theirs), e.g. the
     * progress of a long evaluation that is not a training and so has no progress bar.
     */
    public void log(String line) {
        out.println(line);
    }

    /**
     * The progress display of a long task other than training (sampling, a likelihood bound, scoring); close it when
     * the task ends. {@link TaskProgress#NONE} when the run shows no progress.
     *
     * @param unit what one of the {@code total} units is, e.g. "image-steps"
     */
    public TaskProgress task(String name, long total, String unit) {
        return progress == null ? TaskProgress.NONE : progress.task(name, total, unit);
    }

    /** Final metrics (flat keys) for {@code metrics.json}. */
    public void putMetric(String key, Object value) {
        if (value instanceof Double d && !Double.isFinite(d)) {
            value = null; // JSON has no NaN
        }
        metrics.put(key, value);
    }

    public Map<String, Object> metrics() {
        return metrics;
    }

    /**
     * Runs another experiment inside this run (e.g. one variant of a comparison suite) in
     * {@code runs/<name>/} of this run directory, with its own spec, metrics, checkpoints and report. A
     * completed nested run is reused and an interrupted one resumed, so resuming the outer run resumes its
     * nested runs. Its messages go to this run's stream (the runner's), like this run's own.
     *
     * @param name the folder name, {@link RunDirectory#isFolderName} (validate it when the config is read)
     * @param tree the nested run's complete spec (it is validated like a spec file)
     * @throws IllegalArgumentException if {@code name} is not a plain folder name (e.g. {@code ..})
     */
    public Runner.Result runNested(String name, Map<String, Object> tree) throws IOException {
        if (!RunDirectory.isFolderName(name)) {
            throw new IllegalArgumentException("nested run name \"" + name + "\" is not a plain folder name ("
                    + RunDirectory.FOLDER_NAME + ")");
        }
        Runner.Result result = new Runner(out, progress).runNested(tree, directory.path().resolve("runs").resolve(name),
                List.of("nested run " + name + " of " + directory.path()));
        if (result.interrupted()) { // this run stops too (a suite must not go on to its next variant)
            throw new StopRequestedException("in nested run runs/" + name, -1);
        }
        return result;
    }

    /** Adds a section to the report (plots, tables), in order. */
    public void addReportSection(Consumer<HtmlReport> section) {
        sections.add(section);
    }

    /** Adds a PNG (already written) to the report with a caption. */
    public void addPlot(String caption, Path png) {
        sections.add(r -> {
            try {
                r.addImage(caption, png);
            } catch (IOException e) {
                r.addParagraph("missing plot " + png.getFileName() + ": " + e.getMessage());
            }
        });
    }

    /** A path under plots/ (the directory is created). */
    public Path plot(String fileName) throws IOException {
        Files.createDirectories(directory.plots());
        return directory.plots().resolve(fileName);
    }

    List<Consumer<HtmlReport>> sections() {
        return sections;
    }

    /** Names of the trainings run (null for the main one), for the report's loss curves. */
    List<String> trainings() {
        return trainings;
    }

    /** The outcome of {@link #train}; {@code steps} are the optimizer steps actually taken. */
    public record TrainingOutcome(LossValues last, long steps, double wallSeconds, MetricsLog log) {}

    /**
     * Trains {@code model} under {@code objective} as {@code settings} say, with metrics.csv, checkpoints and
     * progress; resumes from the latest intact checkpoint when the run is resumed. A run resumed after its last
     * checkpoint (e.g. killed during the final evaluation) gets the outcome the uninterrupted run had: the
     * checkpoint holds the last step's loss values and the steps taken. Stops at the next step, after saving a
     * checkpoint, when the process is asked to stop ({@link Interruption}).
     *
     * @param name null for the run's main training, or a short name when a run trains several models
     * @param columns adds extra metric columns (e.g. a validation error every k steps); may be null
     * @param listeners further listeners, called before the metrics log
     */
    public <O> TrainingOutcome train(String name, Parameters parameters, Function<StepContext, O> model, Objective<O> objective,
            TrainingSettings settings, Consumer<MetricsLog> columns, TrainingListener... listeners) throws IOException {
        trainings.add(name);
        MetricsLog log = new MetricsLog(directory.metricsCsv(name), objective.termNames(), settings.logEvery());
        if (columns != null) {
            columns.accept(log);
        }
        CheckpointStore store = new CheckpointStore(directory.checkpoints(name), settings.keepCheckpoints());
        Trainer.Builder<O> builder = Trainer.<O>builder().setParameters(parameters).setModel(model).setObjective(objective)
                .optCheckpoints(store, settings.checkpointEvery()).optStopRequest(Interruption::requested);
        for (TrainingListener l : listeners) {
            builder.addListener(l);
        }
        builder.addListener(log);
        settings.toStages(parameters).forEach(builder::addStage);
        if (progress != null) {
            builder.addListener(progress.training());
        }
        Trainer<O> trainer = builder.build();
        if (resuming) {
            List<String> warnings = new ArrayList<>();
            Optional<Checkpoint> checkpoint = store.latest(warnings);
            warnings.forEach(w -> System.err.println("warning: " + w + "; using an earlier checkpoint"));
            if (checkpoint.isPresent()) {
                trainer.restore(checkpoint.get());
                provenance.addResume(checkpoint.get().steps());
            }
        }
        LossValues last;
        Interruption.trainingStarted();
        try {
            last = trainer.fit();
        } finally {
            Interruption.trainingEnded();
        }
        if (last == null && resuming) { // restored after the last step from a checkpoint that predates saving them
            last = lastRow(directory.metricsCsv(name), objective.termNames(), trainer.steps());
        }
        return new TrainingOutcome(last, trainer.stepsExecuted(), trainer.wallSeconds(), log);
    }

    /**
     * The loss values of step {@code step} from metrics.csv's last row, if that row is the step (weights are not
     * logged, so they are left out); null otherwise.
     */
    private static LossValues lastRow(Path csv, List<String> terms, long step) {
        try {
            Map<String, double[]> columns = MetricsCsv.read(csv);
            double[] steps = columns.get("step");
            int n = steps == null ? 0 : steps.length;
            if (n == 0 || steps[n - 1] != step || !columns.containsKey("total")) {
                return null;
            }
            Map<String, Double> values = new LinkedHashMap<>();
            for (String t : terms) {
                if (columns.containsKey(t) && !Double.isNaN(columns.get(t)[n - 1])) {
                    values.put(t, columns.get(t)[n - 1]);
                }
            }
            return new LossValues(values, Map.of(), columns.get("total")[n - 1]);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
