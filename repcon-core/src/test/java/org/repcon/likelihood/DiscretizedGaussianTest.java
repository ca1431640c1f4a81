package org.repcon.likelihood;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import org.junit.jupiter.api.Test;
import org.repcon.engine.Engines;

class DiscretizedGaussianTest {

    private static double bin(int k) {
        return -1 + 2.0 * k / 255;
    }

    @Test
    void theBinsOfOneGaussianSumToOne() {
        for (double mean : new double[] {-1.2, -0.3, 0, 0.77, 1}) {
            for (double logScale : new double[] {-6, -3, -1, 0.5}) {
                double total = 0;
                for (int k = 0; k < 256; k++) {
                    total += Math.exp(DiscretizedGaussian.logLikelihood(bin(k), mean, logScale));
                }
                // clamping at 1e-12 adds at most 256e-12
                assertEquals(1, total, 1e-9, "mean " + mean + " logScale " + logScale);
            }
        }
    }

    @Test
    void theCdfApproximationIsCloseToTheExactNormalCdf() {
        // exact Phi at a few points (tables): Phi(0)=0.5, Phi(1)=0.8413447, Phi(-2)=0.0227501, Phi(3)=0.9986501
        assertEquals(0.5, DiscretizedGaussian.approximateCdf(0), 1e-15);
        assertEquals(0.8413447, DiscretizedGaussian.approximateCdf(1), 3e-4);
        assertEquals(0.0227501, DiscretizedGaussian.approximateCdf(-2), 3e-4);
        assertEquals(0.9986501, DiscretizedGaussian.approximateCdf(3), 3e-4);
    }

    @Test
    void arraysAgreeWithThePlainJavaReferenceOnEveryBin() {
        Engines.start();
        try (NDManager m = NDManager.newBaseManager()) {
            int n = 256 * 3;
            double[] x = new double[n];
            double[] mean = new double[n];
            double[] logScale = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = bin(i % 256);
                mean[i] = -0.9 + 1.8 * ((i * 37) % 101) / 100.0;
                logScale[i] = new double[] {-5, -2.5, 0}[i / 256];
            }
            for (DataType type : new DataType[] {DataType.FLOAT64, DataType.FLOAT32}) {
                NDArray got = DiscretizedGaussian.logLikelihood(m.create(x).toType(type, false), m.create(mean).toType(type, false),
                        m.create(logScale).toType(type, false));
                double[] g = got.toType(DataType.FLOAT64, false).toDoubleArray();
                for (int i = 0; i < n; i++) {
                    double ref = DiscretizedGaussian.logLikelihood(x[i], mean[i], logScale[i]);
                    if (type == DataType.FLOAT32 && ref < Math.log(1e-4)) {
                        continue; // float32 cannot resolve the difference of two CDFs this far in the tail
                    }
                    double tol = type == DataType.FLOAT64 ? 1e-9 : 2e-3 * Math.max(1, Math.abs(ref));
                    assertEquals(ref, g[i], tol, type + " element " + i);
                }
            }
        }
    }
}
