package org.repcon.objective;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.repcon.nn.Scalars;

/**
 * A classifier's output on a batch: logits [B, K] and the one-hot targets [B, K], with the softmax cross-entropy
 * {@code -(1/B) sum_b sum_k y_bk log softmax(z_b)_k} as a loss term ({@code Objective.add("cross_entropy", 1,
 * ClassLogits::crossEntropy)}).
 *
 * @param logits z, [B, K]
 * @param oneHot y, [B, K]
 */
public record ClassLogits(NDArray logits, NDArray oneHot) {

    /** The mean softmax cross-entropy over the batch, a scalar. */
    public NDArray crossEntropy() {
        return logits.logSoftmax(1).mul(oneHot).sum(new int[] {1}).mean().neg();
    }

    /**
     * The one-hot rows of class indices, [B, K] float32 in {@code manager}.
     *
     * @throws IllegalArgumentException if an index is outside [0, K)
     */
    public static NDArray oneHot(NDManager manager, int[] classes, int k) {
        float[] v = new float[classes.length * k];
        for (int i = 0; i < classes.length; i++) {
            if (classes[i] < 0 || classes[i] >= k) {
                throw new IllegalArgumentException("class index " + classes[i] + " outside [0, " + k + ")");
            }
            v[i * k + classes[i]] = 1;
        }
        return Scalars.owned(manager.create(v, new Shape(classes.length, k)), DataType.FLOAT32);
    }
}
