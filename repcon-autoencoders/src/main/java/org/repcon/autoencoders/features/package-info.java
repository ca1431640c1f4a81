/**
 * Fixed image feature extractors ({@link org.repcon.autoencoders.features.FeatureExtractor}): a Gabor filter bank,
 * frozen layers of a trained network and TorchScript modules. They are what the
 * {@link org.repcon.constraints.loss.Perceptual} loss compares images through; the loss term itself stays in
 * {@code org.repcon.constraints.loss}.
 */
package org.repcon.autoencoders.features;
