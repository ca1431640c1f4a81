package org.repcon.experiment;

/**
 * Marks an exception whose message says all a user needs (what went wrong and what to do), e.g. a loss that
 * became NaN, a diverged model, missing data, a bad spec, a CPU whose kernels compute wrongly: a failed run shows
 * the message without a stack trace.
 */
public interface ExplainedFailure {}
