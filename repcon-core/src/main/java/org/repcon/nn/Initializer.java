package org.repcon.nn;

import java.util.Locale;
import java.util.Random;

/**
 * Weight initialisers for a dense weight of shape {@code [fanIn, fanOut]}, computed in Java from an explicit
 * seed so that a run is reproducible independently of the engine's own generator. Biases start at zero.
 */
public enum Initializer {
    /** Glorot/Xavier normal: N(0, 2 / (fanIn + fanOut)). */
    XAVIER_NORMAL,
    /** Glorot/Xavier uniform: U(-a, a), a = sqrt(6 / (fanIn + fanOut)). */
    XAVIER_UNIFORM,
    /** Orthogonal (Saxe et al.): rows or columns orthonormal, from Gram-Schmidt on a Gaussian matrix. */
    ORTHOGONAL;

    /** Row-major values of a {@code [fanIn, fanOut]} weight. */
    public double[] weights(int fanIn, int fanOut, Random rng) {
        double[] w = new double[fanIn * fanOut];
        switch (this) {
            case XAVIER_NORMAL -> {
                double std = Math.sqrt(2.0 / (fanIn + fanOut));
                for (int i = 0; i < w.length; i++) {
                    w[i] = rng.nextGaussian() * std;
                }
            }
            case XAVIER_UNIFORM -> {
                double a = Math.sqrt(6.0 / (fanIn + fanOut));
                for (int i = 0; i < w.length; i++) {
                    w[i] = (2 * rng.nextDouble() - 1) * a;
                }
            }
            case ORTHOGONAL -> {
                // orthonormalise the longer side's vectors: rows if fanIn <= fanOut, columns otherwise
                int vectors = Math.min(fanIn, fanOut);
                int length = Math.max(fanIn, fanOut);
                double[][] q = new double[vectors][length];
                for (int v = 0; v < vectors; v++) {
                    for (int k = 0; k < length; k++) {
                        q[v][k] = rng.nextGaussian();
                    }
                    for (int pass = 0; pass < 2; pass++) { // re-orthogonalise once for accuracy
                        for (int u = 0; u < v; u++) {
                            double dot = 0;
                            for (int k = 0; k < length; k++) {
                                dot += q[v][k] * q[u][k];
                            }
                            for (int k = 0; k < length; k++) {
                                q[v][k] -= dot * q[u][k];
                            }
                        }
                    }
                    double norm = 0;
                    for (int k = 0; k < length; k++) {
                        norm += q[v][k] * q[v][k];
                    }
                    norm = Math.sqrt(norm);
                    for (int k = 0; k < length; k++) {
                        q[v][k] /= norm;
                    }
                }
                for (int i = 0; i < fanIn; i++) {
                    for (int j = 0; j < fanOut; j++) {
                        w[i * fanOut + j] = fanIn <= fanOut ? q[i][j] : q[j][i];
                    }
                }
            }
            default -> throw new IllegalStateException();
        }
        return w;
    }

    /** Parses {@code xavier}, {@code xavier_normal}, {@code xavier-uniform}, {@code orthogonal}. */
    public static Initializer parse(String name) {
        String n = name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        return "XAVIER".equals(n) ? XAVIER_NORMAL : valueOf(n);
    }
}
