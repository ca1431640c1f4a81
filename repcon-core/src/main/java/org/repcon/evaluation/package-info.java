/**
 * Evaluation of learned representations from plain Java arrays (latents {@code double[N][D]}, labels {@code int[N]},
 * images as channel-first {@code float[]}), independent of the model that produced them.
 *
 * <ul>
 *   <li>Downstream classification: {@link org.repcon.evaluation.LinearProbe} (softmax regression on frozen
 *       latents, DJL matrix products + L-BFGS) and {@link org.repcon.evaluation.KnnClassifier} (k-NN, chunked DJL
 *       distances with exact re-ranking).</li>
 *   <li>Projections for plots: {@link org.repcon.evaluation.Pca} (Jacobi eigen-decomposition) and
 *       {@link org.repcon.evaluation.Tsne} (exact t-SNE, plain Java, 2 threads).</li>
 *   <li>Whether a constraint holds: {@link org.repcon.evaluation.LatentStatistics} (sparsity, unit sphere,
 *       simplex, active units, Gaussian KL, codebook perplexity, invariance) and
 *       {@link org.repcon.evaluation.ImageMetrics} (MSE, PSNR).</li>
 * </ul>
 * Bad input (ragged or non-finite matrices, mismatched lengths, negative labels) is rejected with an
 * {@link java.lang.IllegalArgumentException} that names the argument.
 */
package org.repcon.evaluation;
