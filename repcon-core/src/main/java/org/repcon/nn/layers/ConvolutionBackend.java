package org.repcon.nn.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.repcon.engine.KernelSafety;

/**
 * The two ways repcon can compute a 2-D convolution (cross-correlation, NCHW, square kernel, equal stride and
 * zero padding on both axes). Both give the same values and gradients up to float rounding (tested against
 * each other and a plain loop); they differ in which native kernels run.
 *
 * <ul>
 *   <li>{@link #ENGINE}: libtorch's {@code convolution}; in float32 on x86 that is oneDNN's JIT kernels (forward,
 *       backward-data and backward-weights primitives), in float64 libtorch's im2col + GEMM.</li>
 *   <li>{@link #FLOAT64}: libtorch's convolution computed in float64 (its im2col + DGEMM, no oneDNN) on inputs cast
 *       up, the result cast back; the rest of the model stays in the caller's precision.</li>
 * </ul>
 *
 * <p>Which one layers use is decided once per process by {@link org.repcon.engine.KernelSafety}.
 */
public enum ConvolutionBackend {
    ENGINE {
        @Override
        public NDArray conv2d(NDArray x, NDArray weight, NDArray bias, int stride, int padding) {
            return x.getNDArrayInternal().convolution(x, weight, bias, new Shape(stride, stride), new Shape(padding, padding),
                    new Shape(1, 1), 1).singletonOrThrow();
        }
    },
    FLOAT64 {
        @Override
        public NDArray conv2d(NDArray x, NDArray weight, NDArray bias, int stride, int padding) {
            DataType type = x.getDataType();
            if (type == DataType.FLOAT64) {
                return ENGINE.conv2d(x, weight, bias, stride, padding);
            }
            // DJL's toType cuts the autograd graph: cast up by type promotion, down by an in-place copy (both differentiable)
            NDArray one = x.getManager().ones(new Shape(1), DataType.FLOAT64);
            NDArray b = bias == null ? null : ParameterViews.reshape(bias, x, bias.getShape()).mul(one);
            NDArray y = ENGINE.conv2d(x.mul(one), ParameterViews.reshape(weight, x, weight.getShape()).mul(one), b, stride, padding);
            NDArray out = x.getManager().zeros(y.getShape(), type);
            out.set(new NDIndex("..."), y);
            return out;
        }
    };

    /**
     * The backend for arrays of {@code type}: float32 uses the one {@link KernelSafety} chose for this process (the
     * first call makes that choice, running the start-up check), every other type libtorch's kernel (which uses no
     * oneDNN kernel outside float32 and its reduced-precision types).
     */
    public static ConvolutionBackend forType(DataType type) {
        return type == DataType.FLOAT32 ? KernelSafety.convolution() : ENGINE;
    }

    /**
     * {@code y[b, o, i, j] = bias[o] + sum_{c, u, v} weight[o, c, u, v] * xpad[b, c, s i + u, s j + v]}.
     *
     * @param x input {@code [B, C, H, W]}
     * @param weight {@code [O, C, k, k]}
     * @param bias {@code [O]} or null
     * @param stride s on both axes
     * @param padding zeros added on every side
     * @return {@code [B, O, H', W']}, {@code H' = floor((H + 2p - k) / s) + 1}
     */
    public abstract NDArray conv2d(NDArray x, NDArray weight, NDArray bias, int stride, int padding);
}
