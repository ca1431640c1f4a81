package org.repcon.training;

import org.repcon.objective.LossValues;

/**
 * The contents of one checkpoint: where training was, and the exact bytes of every piece of state.
 *
 * @param steps steps completed (the position in the schedule, counting steps a converged stage skipped)
 * @param stage index of the stage the next step belongs to
 * @param wallSeconds training wall time spent so far (across resumes)
 * @param stageStep global step at which that stage's optimizer was created
 * @param parameters {@link org.repcon.nn.Parameters#write} bytes
 * @param optimizer the stage optimizer's state bytes
 * @param extra bytes of the trainer's extra {@link Stateful} (possibly empty)
 * @param executed optimizer steps actually taken ({@link Trainer#stepsExecuted()}; below {@code steps} after an
 *     early convergence)
 * @param last the loss values of the last step taken, or null (none yet, or a checkpoint of format version 1)
 */
public record Checkpoint(long steps, int stage, double wallSeconds, long stageStep, byte[] parameters,
        byte[] optimizer, byte[] extra, long executed, LossValues last) {

    /** A checkpoint without the last step's values (as format version 1 stored them). */
    public Checkpoint(long steps, int stage, double wallSeconds, long stageStep, byte[] parameters, byte[] optimizer,
            byte[] extra) {
        this(steps, stage, wallSeconds, stageStep, parameters, optimizer, extra, steps, null);
    }
}
