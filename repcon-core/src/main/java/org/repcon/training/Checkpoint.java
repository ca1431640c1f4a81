package org.repcon.training;

/**
 * The contents of one checkpoint: where training was, and the exact bytes of every piece of state.
 *
 * @param steps steps completed
 * @param stage index of the stage the next step belongs to
 * @param wallSeconds training wall time spent so far (across resumes)
 * @param stageStep global step at which that stage's optimizer was created
 * @param parameters {@link org.repcon.nn.Parameters#write} bytes
 * @param optimizer the stage optimizer's state bytes
 * @param extra bytes of the trainer's extra {@link Stateful} (possibly empty)
 */
public record Checkpoint(long steps, int stage, double wallSeconds, long stageStep, byte[] parameters,
        byte[] optimizer, byte[] extra) {}
