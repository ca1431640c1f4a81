package org.repcon.evaluation;

/**
 * Outcome of {@link LinearProbe#fit}.
 *
 * @param trainAccuracy share of training latents classified correctly
 * @param testAccuracy share of test latents classified correctly
 * @param classes number of classes K (1 + the largest label seen)
 * @param iterations L-BFGS iterations performed
 * @param trainLoss final training objective (mean cross-entropy plus the L2 term)
 */
public record ProbeResult(double trainAccuracy, double testAccuracy, int classes, int iterations, double trainLoss) {
}
