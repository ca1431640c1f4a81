package org.repcon.evaluation;

/**
 * Outcome of {@link Tsne#fit}.
 *
 * @param embedding {@code [N][dims]} embedded points, centred at the origin
 * @param klDivergence {@code KL(P || Q)} of the final embedding (with the un-exaggerated P)
 * @param klIterations iterations (number of completed updates) at which the KL divergence was recorded, ascending;
 *                     the first is 0 (the initial embedding), the last the total number of iterations
 * @param klHistory KL divergence at each of {@code klIterations}
 */
public record TsneResult(double[][] embedding, double klDivergence, int[] klIterations, double[] klHistory) {
}
