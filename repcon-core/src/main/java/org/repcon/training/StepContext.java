package org.repcon.training;

import ai.djl.ndarray.NDManager;

/**
 * What a model's forward pass may need to know about the step it runs in. Arrays the forward pass creates
 * with {@link #manager()} (or derives from its inputs) are freed by the trainer at the end of the evaluation.
 *
 * @param step global step (0-based)
 * @param manager a manager scoped to this evaluation
 */
public record StepContext(long step, NDManager manager) {}
