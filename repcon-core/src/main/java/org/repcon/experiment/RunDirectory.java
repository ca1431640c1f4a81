package org.repcon.experiment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The files of one run:
 * <pre>
 *   spec.yaml          resolved spec (defaults filled in): replaying it repeats the run
 *   provenance.json    versions, seed, machine, times, data
 *   status.json        running | completed | failed | interrupted (with the message)
 *   metrics.csv        per-step loss terms (metrics-NAME.csv for further trainings in one run)
 *   metrics.json       final metrics, flat keys
 *   checkpoints/       step-N.ckpt (checkpoints/NAME/ for further trainings)
 *   plots/             PNG files
 *   report.html        self-contained report
 *   .repcon.lock       locked by the process running or resuming the run (holds its pid)
 * </pre>
 * JSON files are written atomically (temporary file, then rename).
 */
public record RunDirectory(Path path) {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** What a folder name inside a run directory (a nested run's {@code runs/<name>/}) may be. */
    public static final String FOLDER_NAME = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";

    private static final java.util.regex.Pattern FOLDER_NAME_PATTERN = java.util.regex.Pattern.compile(FOLDER_NAME);

    /**
     * True if {@code name} is a plain folder name: 1-64 letters, digits, '.', '_' or '-', starting with a letter or
     * digit, so never {@code .} or {@code ..}, hidden, an option-like {@code -x}, or a path with separators.
     */
    public static boolean isFolderName(String name) {
        return name != null && FOLDER_NAME_PATTERN.matcher(name).matches();
    }

    public Path spec() {
        return path.resolve("spec.yaml");
    }

    public Path provenance() {
        return path.resolve("provenance.json");
    }

    public Path status() {
        return path.resolve("status.json");
    }

    public Path metricsJson() {
        return path.resolve("metrics.json");
    }

    public Path report() {
        return path.resolve("report.html");
    }

    public Path plots() {
        return path.resolve("plots");
    }

    /** metrics.csv, or metrics-NAME.csv for a named training. */
    public Path metricsCsv(String training) {
        return path.resolve(training == null ? "metrics.csv" : "metrics-" + training + ".csv");
    }

    /** checkpoints/, or checkpoints/NAME/ for a named training. */
    public Path checkpoints(String training) {
        return training == null ? path.resolve("checkpoints") : path.resolve("checkpoints").resolve(training);
    }

    /** A file in the run directory. */
    public Path file(String name) {
        return path.resolve(name);
    }

    /** Writes {@code status.json}. */
    public void writeStatus(String state, String message) throws IOException {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("state", state);
        status.put("message", message);
        status.put("updated", Instant.now().toString());
        writeJson(status(), status);
    }

    /**
     * The recorded state ({@code running}, {@code completed}, {@code failed}, {@code interrupted}), or null if none.
     * {@code running} in a directory no process holds means the process died without a word (e.g. SIGKILL).
     */
    public String readState() throws IOException {
        if (!Files.exists(status())) {
            return null;
        }
        return String.valueOf(JSON.readValue(status().toFile(), Map.class).get("state"));
    }

    /** Writes any JSON-serialisable value atomically. */
    public static void writeJson(Path file, Object value) throws IOException {
        org.repcon.io.AtomicFiles.write(file, JSON.writeValueAsBytes(value));
    }

    /** Reads a JSON object. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> readJson(Path file) throws IOException {
        return JSON.readValue(file.toFile(), LinkedHashMap.class);
    }
}
