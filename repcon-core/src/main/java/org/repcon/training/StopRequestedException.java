package org.repcon.training;

/**
 * Training (or a run) stopped because the process was asked to stop, e.g. by Ctrl-C or {@code kill}: the trainer
 * finished the step it was in, saved a checkpoint there, and threw this. Not a failure: resuming continues exactly
 * where it stopped.
 */
public final class StopRequestedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final long steps;

    /**
     * @param message where it stopped, e.g. "at step 120 (checkpoint saved)"
     * @param steps steps completed when it stopped, or -1 if not a training's
     */
    public StopRequestedException(String message, long steps) {
        super(message);
        this.steps = steps;
    }

    /** Steps completed when training stopped (-1 if it was not a training that stopped). */
    public long steps() {
        return steps;
    }
}
