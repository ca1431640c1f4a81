package org.repcon.optim.lbfgs;

/**
 * Outcome of one {@link Lbfgs#iterate} call.
 *
 * @param loss        objective value at the point left in {@code x} (after the step)
 * @param evaluations number of calls of the objective made by this iteration
 * @param converged   {@code true} if a tolerance was met or no further progress is possible
 *                    (small gradient, non-descent direction, negligible step or loss change)
 * @param stepLength  accepted step length {@code t} along the search direction ({@code 0} if no step was taken)
 */
public record IterationResult(double loss, int evaluations, boolean converged, double stepLength) {
}
