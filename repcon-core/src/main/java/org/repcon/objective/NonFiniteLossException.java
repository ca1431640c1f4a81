package org.repcon.objective;

/**
 * A loss term (or the total) became NaN or infinite; the message names the term and the step. Steps are numbered
 * from 1, as the progress display and metrics.csv number them: "at step 8" is the step after the 7 that completed.
 */
public final class NonFiniteLossException extends RuntimeException implements org.repcon.experiment.ExplainedFailure {
    private final String term;
    private final long step;

    /**
     * @param step the 1-based number of the step in which the value appeared
     */
    public NonFiniteLossException(String term, long step, double value) {
        super("loss term '" + term + "' became " + value + " at step " + step
                + " (try a smaller learning rate, or check the inputs and the term's formula)");
        this.term = term;
        this.step = step;
    }

    /** Name of the term that went non-finite. */
    public String term() {
        return term;
    }

    /** The 1-based number of the step (as in metrics.csv's {@code step} column). */
    public long step() {
        return step;
    }
}
