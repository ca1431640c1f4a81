package org.repcon.nn.unet;

/** The block settings a {@link UNet} passes to each of its residual blocks. */
record UNetSettings(UNetNormalization normalization, int groups, double dropout, boolean scaleShift) {}
