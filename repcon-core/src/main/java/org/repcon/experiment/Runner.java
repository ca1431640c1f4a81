package org.repcon.experiment;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.repcon.engine.Engines;
import org.repcon.report.HtmlReport;
import org.repcon.report.LossCurves;
import org.repcon.report.MetricsCsv;
import org.repcon.spec.Spec;
import org.repcon.spec.SpecException;
import org.repcon.spec.SpecLoader;
import org.repcon.spec.SpecWriter;
import org.repcon.training.StopRequestedException;
import org.repcon.training.progress.ProgressDisplay;

/**
 * Runs an experiment from a spec into a new run directory, or resumes one.
 *
 * <p>The spec and the input files are validated completely before anything is written (a bad spec or missing
 * data leaves no run directory). A process holds an exclusive lock on a run directory while it runs or resumes it
 * ({@link RunLock}): a second process is refused before it touches anything. A failed run is marked {@code failed}
 * in its status.json with the reason (including a failure to write metrics.json or report.html), keeps its
 * checkpoints, and its {@link Result} says so; a run stopped by a signal is marked {@code interrupted}
 * ({@link Interruption}). The CLI turns both into a non-zero exit.
 */
public final class Runner {
    private final PrintStream out;
    private final ProgressDisplay progress;

    /**
     * @param out where to print the run's messages
     * @param progress shows the progress of each training and long task (null for none)
     */
    public Runner(PrintStream out, ProgressDisplay progress) {
        this.out = out;
        this.progress = progress;
    }

    /**
     * The outcome of a run.
     *
     * @param succeeded true if the run completed and its results were written
     * @param message why it failed or was interrupted (null on success)
     * @param interruptedBy the signal (e.g. {@code SIGTERM}) that interrupted the run, or null
     */
    public record Result(RunDirectory directory, boolean succeeded, String message, Map<String, Object> metrics,
            String interruptedBy) {
        /** True if the run was stopped by a signal (status.json: interrupted); it can be resumed. */
        public boolean interrupted() {
            return interruptedBy != null;
        }
    }

    private record Prepared(Experiment<Object> experiment, Object config, long seed, int threads, String resolvedYaml, Spec spec) {}

    @SuppressWarnings("unchecked")
    private static Prepared prepare(Spec spec) {
        String name = spec.getString("experiment");
        Experiment<Object> experiment;
        try {
            experiment = (Experiment<Object>) ExperimentRegistry.get(name);
        } catch (IllegalArgumentException e) {
            throw spec.error("experiment", e.getMessage());
        }
        long seed = RunSettings.seed(spec);
        int threads = RunSettings.threads(spec);
        spec.getString("description", "");
        Object config = experiment.configure(spec);
        spec.finish();
        experiment.checkInputs(config); // missing data is bad input: found before anything is written
        return new Prepared(experiment, config, seed, threads, SpecWriter.toYaml(spec), spec);
    }

    /**
     * Validates a spec tree (e.g. a nested run's) without running it, including that its input files exist;
     * returns the resolved YAML.
     *
     * @throws SpecException if the spec is invalid
     * @throws org.repcon.data.DataException if an input file is missing or broken
     */
    public static String validate(Map<String, Object> tree) {
        return prepare(Spec.of(tree)).resolvedYaml();
    }

    /** Validates a spec file (with overrides) without running it, as {@link #validate(Map)}. */
    public static String validate(Path specFile, List<String> overrides) {
        return prepare(SpecLoader.load(specFile, overrides)).resolvedYaml();
    }

    /**
     * Runs {@code specFile} with {@code overrides} into a new directory under {@code outRoot}.
     *
     * @throws SpecException if the spec is invalid (nothing is written then)
     * @throws org.repcon.data.DataException if an input file is missing or broken (nothing is written then)
     */
    public Result run(Path specFile, List<String> overrides, Path outRoot, List<String> commandLine) throws IOException {
        return run(SpecLoader.load(specFile, overrides), outRoot, commandLine);
    }

    /** Runs the spec {@code tree} (e.g. one the CLI made) into a new directory under {@code outRoot}, as a spec file. */
    public Result run(Map<String, Object> tree, Path outRoot, List<String> commandLine) throws IOException {
        return run(Spec.of(tree), outRoot, commandLine);
    }

    private Result run(Spec spec, Path outRoot, List<String> commandLine) throws IOException {
        Prepared p = prepare(spec);
        Engines.start(p.threads());
        Engines.seed(p.seed());
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Files.createDirectories(outRoot);
        String name = p.experiment().runName(p.config());
        Path dir = outRoot.resolve(name + "-" + stamp);
        for (int i = 2; ; i++) { // createDirectory, not exists-then-create: two runs started in the same second get two directories
            try {
                Files.createDirectory(dir);
                break;
            } catch (FileAlreadyExistsException e) {
                dir = outRoot.resolve(name + "-" + stamp + "-" + i);
            }
        }
        return startNew(spec, p, dir, commandLine);
    }

    /** Starts the validated {@code spec} as a new run in the existing, empty directory {@code dir}, under its lock. */
    private Result startNew(Spec spec, Prepared p, Path dir, List<String> commandLine) throws IOException {
        RunDirectory run = new RunDirectory(dir);
        try (RunLock lock = RunLock.acquire(dir)) {
            SpecWriter.write(spec, run.spec());
            Provenance provenance = Provenance.start(p.experiment().name(), p.seed(), p.threads(), p.resolvedYaml(), commandLine);
            provenance.write(run.provenance());
            out.println("run directory: " + dir);
            return execute(p, run, provenance, false);
        }
    }

    /**
     * Runs a nested experiment (e.g. one variant of a suite) described by a spec {@code tree} in the run
     * directory {@code dir}: a completed run there is reused as it is, an interrupted one is resumed, and
     * otherwise a new run starts there. The spec is validated before anything is written.
     *
     * @throws IOException also if another process holds the directory
     */
    public Result runNested(Map<String, Object> tree, Path dir, List<String> commandLine) throws IOException {
        RunDirectory run = new RunDirectory(dir);
        if (Files.isRegularFile(run.spec())) {
            try (RunLock lock = RunLock.acquire(dir)) {
                if ("completed".equals(run.readState())) {
                    Map<String, Object> metrics = Files.exists(run.metricsJson()) ? RunDirectory.readJson(run.metricsJson()) : Map.of();
                    out.println("reusing completed run: " + dir);
                    return new Result(run, true, null, metrics, null);
                }
                return resumeLocked(run);
            }
        }
        Spec spec = Spec.of(tree);
        Prepared p = prepare(spec);
        Engines.start(p.threads());
        Engines.seed(p.seed());
        Files.createDirectories(dir);
        return startNew(spec, p, dir, commandLine);
    }

    /**
     * Resumes the run in {@code dir} from its latest intact checkpoint, with its saved resolved spec.
     *
     * @throws IOException if {@code dir} is not a run, is completed, or another process holds it (nothing is written
     *     then)
     */
    public Result resume(Path dir) throws IOException {
        RunDirectory run = new RunDirectory(dir);
        if (!Files.isRegularFile(run.spec())) {
            throw new IOException(dir + " is not a repcon run directory (no spec.yaml)");
        }
        try (RunLock lock = RunLock.acquire(dir)) {
            return resumeLocked(run);
        }
    }

    private Result resumeLocked(RunDirectory run) throws IOException {
        Path dir = run.path();
        if ("completed".equals(run.readState())) {
            throw new IOException("run " + dir + " already completed; start a new run instead");
        }
        Prepared p = prepare(SpecLoader.load(run.spec()));
        Engines.start(p.threads());
        Engines.seed(p.seed());
        Provenance provenance = Files.exists(run.provenance()) ? Provenance.read(run.provenance())
                : Provenance.start(p.experiment().name(), p.seed(), p.threads(), p.resolvedYaml(), List.of("resume", dir.toString()));
        out.println("resuming run directory: " + dir);
        return execute(p, run, provenance, true);
    }

    private Result execute(Prepared p, RunDirectory run, Provenance provenance, boolean resuming) throws IOException {
        out.println("engine: " + Engines.describe() + "; float32 convolution: " + org.repcon.engine.KernelSafety.decision().describe());
        try (Interruption.ActiveRun active = Interruption.register(run)) {
            run.writeStatus("running", null);
            RunContext context = new RunContext(run, p.seed(), resuming, provenance, progress, out);
            String failure = null;
            StopRequestedException stopped = null;
            try {
                p.experiment().run(p.config(), context);
            } catch (StopRequestedException e) {
                stopped = e;
            } catch (Exception | OutOfMemoryError e) {
                failure = e.getMessage() == null ? e.toString() : e.getMessage();
                if (!(e instanceof ExplainedFailure)) {
                    e.printStackTrace(out);
                }
            }
            if (stopped != null) {
                return interrupted(run, provenance, active, stopped);
            }
            provenance.markEnded();
            try {
                provenance.write(run.provenance());
            } catch (IOException e) {
                failure = and(failure, "could not write " + run.provenance().getFileName() + ": " + describe(e));
            }
            Map<String, Object> metrics = new LinkedHashMap<>(context.metrics());
            if (failure == null) {
                try {
                    RunDirectory.writeJson(run.metricsJson(), metrics);
                } catch (IOException e) {
                    failure = "could not write " + run.metricsJson().getFileName() + ": " + describe(e);
                }
            }
            try {
                writeReport(p, run, context, provenance, failure);
            } catch (IOException | RuntimeException e) {
                failure = and(failure, "could not write " + run.report().getFileName() + ": " + describe(e));
            }
            if (failure != null && failure.startsWith("could not write")) {
                failure += " (checkpoints and the trained model are kept: make room, then `repcon resume " + run.path()
                        + "` writes the results again)";
            }
            try {
                active.finish(failure == null ? "completed" : "failed", failure);
            } catch (IOException e) {
                failure = and(failure, "could not write " + run.status().getFileName() + ": " + describe(e));
            }
            return new Result(run, failure == null, failure, metrics, null);
        }
    }

    /** The run stopped on a request (a signal): status interrupted, provenance kept (it records the resumes). */
    private Result interrupted(RunDirectory run, Provenance provenance, Interruption.ActiveRun active, StopRequestedException e) {
        String by = Interruption.signal() == null ? "a stop request" : Interruption.signal();
        String message = "interrupted by " + (Interruption.signal() == null ? "" : "signal ") + by + " " + e.getMessage()
                + "; `repcon resume " + run.path() + "` continues from the last checkpoint";
        try {
            provenance.write(run.provenance());
        } catch (IOException io) {
            System.err.println("warning: could not write " + run.provenance() + ": " + describe(io));
        }
        try {
            active.finish("interrupted", message);
        } catch (IOException io) {
            System.err.println("warning: could not write " + run.status() + ": " + describe(io));
        }
        return new Result(run, false, message, Map.of(), by);
    }

    private static String and(String failure, String more) {
        return failure == null ? more : failure + "; and " + more;
    }

    /** An I/O error with its kind: a FileSystemException's message is often only the path. */
    private static String describe(Exception e) {
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    /** Writes report.html (a missing loss plot becomes a note in it; failing to write the report is an error). */
    private static void writeReport(Prepared p, RunDirectory run, RunContext context, Provenance provenance, String failure)
            throws IOException {
        HtmlReport report = new HtmlReport().title("repcon: " + p.experiment().name());
        report.addParagraph(p.experiment().description());
        if (failure != null) {
            report.addHeading("Run failed");
            report.addParagraph(failure);
        }
        if (!context.metrics().isEmpty()) {
            report.addKeyValueTable("Final metrics (metrics.json)", context.metrics());
        }
        for (String training : context.trainings()) {
            Path csv = run.metricsCsv(training);
            if (Files.exists(csv)) {
                try {
                    Map<String, double[]> losses = MetricsCsv.lossTerms(MetricsCsv.read(csv));
                    Files.createDirectories(run.plots());
                    Path png = run.plots().resolve(training == null ? "loss.png" : "loss-" + training + ".png");
                    LossCurves.plot(losses, png);
                    report.addImage("Loss terms (unweighted) and weighted total" + (training == null ? "" : ", " + training), png);
                } catch (IOException | RuntimeException e) {
                    System.err.println("warning: could not plot the loss curves of " + csv.getFileName() + ": " + describe(e));
                    report.addParagraph("missing loss curves of " + csv.getFileName() + ": " + describe(e));
                }
            }
        }
        for (var section : context.sections()) {
            section.accept(report);
        }
        report.addPreformatted("Resolved spec (spec.yaml)", p.resolvedYaml());
        report.addKeyValueTable("Provenance", flatten(provenance.asMap()));
        report.write(run.report());
    }

    private static Map<String, Object> flatten(Map<String, Object> map) {
        Map<String, Object> flat = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : map.entrySet()) {
            flat.put(e.getKey(), e.getValue() instanceof List<?> l && l.isEmpty() ? "" : String.valueOf(e.getValue()));
        }
        return flat;
    }

    /** Copies {@code list} (used by the CLI to record the command line). */
    public static List<String> commandLine(String... args) {
        return new ArrayList<>(List.of(args));
    }
}
