package org.repcon.objective;

/** A loss term (or the total) became NaN or infinite; the message names the term and the step. */
public final class NonFiniteLossException extends RuntimeException {
    private final String term;
    private final long step;

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

    public long step() {
        return step;
    }
}
