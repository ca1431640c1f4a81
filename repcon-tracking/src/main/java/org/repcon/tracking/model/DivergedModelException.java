package org.repcon.tracking.model;

/**
 * The tracker's network produced values no trained or training model produces: a line proposal or slot that is NaN,
 * infinite, or absurdly far from the image. Such values would make the host-side loops over a line's pixels run
 * (practically) forever, so they stop the computation instead, with a message naming what diverged. During training
 * this fails the run, as the non-finite loss guard does.
 */
public final class DivergedModelException extends IllegalStateException implements org.repcon.experiment.ExplainedFailure {
    /** The advice appended to every message. */
    static final String ADVICE = "the model diverged; lower training.lr (or check the input images)";

    /**
     * @param what what is wrong, e.g. "line proposal 3 of image 0 has non-finite parameters (u, v, px, py) = (...)"
     */
    public DivergedModelException(String what) {
        super(what + ": " + ADVICE);
    }
}
