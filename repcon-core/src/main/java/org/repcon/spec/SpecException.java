package org.repcon.spec;

/**
 * A problem with an experiment spec: unknown key, wrong type, value out of range, malformed YAML,
 * bad {@code --set} override. The message always says where: {@code spec error at training.stages[1].lr:
 * expected a number, got "fast"}. Errors that concern a whole file (not one key) have an empty path and
 * name the file in the detail instead.
 */
public class SpecException extends RuntimeException implements org.repcon.experiment.ExplainedFailure {
    private static final long serialVersionUID = 1L;

    private final String path;
    private final String detail;

    /** @param path key path such as {@code network.width} or {@code training.stages[1].lr}; empty for file-level errors */
    public SpecException(String path, String detail) {
        this(path, detail, null);
    }

    public SpecException(String path, String detail, Throwable cause) {
        super(path == null || path.isEmpty() ? "spec error: " + detail : "spec error at " + path + ": " + detail, cause);
        this.path = path == null ? "" : path;
        this.detail = detail;
    }

    /** The key path the error refers to ({@code ""} for file-level errors). */
    public String path() {
        return path;
    }

    /** The message without the {@code "spec error at <path>: "} prefix. */
    public String detail() {
        return detail;
    }
}
