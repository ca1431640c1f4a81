package org.repcon.data;

/**
 * A problem with input data: a missing, truncated, corrupt or mismatched file or folder. The message names the
 * file (or folder), says what is wrong with it, and how to fix it.
 */
public class DataException extends RuntimeException implements org.repcon.experiment.ExplainedFailure {
    private static final long serialVersionUID = 1L;

    public DataException(String message) {
        super(message);
    }

    public DataException(String message, Throwable cause) {
        super(message, cause);
    }
}
