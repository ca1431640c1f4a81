package org.repcon.nn.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
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
 *   <li>{@link #IM2COL}: repcon's own lowering, no oneDNN: the {@code k*k} strided slices of the padded input are
 *       stacked into columns {@code [B, C k k, H' W']} and multiplied by the weight {@code [O, C k k]} (one
 *       batched matrix product, libtorch's SGEMM/DGEMM); autograd differentiates slices, stack and product.</li>
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
    IM2COL {
        @Override
        public NDArray conv2d(NDArray x, NDArray weight, NDArray bias, int stride, int padding) {
            Shape s = x.getShape();
            long b = s.get(0);
            long c = s.get(1);
            long o = weight.getShape().get(0);
            int k = (int) weight.getShape().get(2);
            long ho = (s.get(2) + 2L * padding - k) / stride + 1;
            long wo = (s.get(3) + 2L * padding - k) / stride + 1;
            NDArray xp = padding == 0 ? x : x.pad(new Shape(padding, padding, padding, padding), 0);
            NDList taps = new NDList(k * k);
            for (int u = 0; u < k; u++) {
                for (int v = 0; v < k; v++) {
                    taps.add(xp.get(new NDIndex(":, :, {}:{}:{}, {}:{}:{}", u, u + stride * (ho - 1) + 1, stride,
                            v, v + stride * (wo - 1) + 1, stride)));
                }
            }
            // [B, C, k*k, H', W'] -> [B, C*k*k, H'*W']: column index c*k*k + u*k + v matches weight [O, C, k, k]
            NDArray columns = (taps.size() == 1 ? taps.get(0).expandDims(2) : NDArrays.stack(taps, 2)).reshape(b, c * k * k, ho * wo);
            NDArray w = ParameterViews.reshape(weight, x, new Shape(o, c * k * k));
            NDArray y = w.matMul(columns); // [O, CKK] x [B, CKK, H'W'] -> [B, O, H'W']
            if (bias != null) {
                y = y.add(ParameterViews.reshape(bias, x, new Shape(1, o, 1)));
            }
            return y.reshape(b, o, ho, wo);
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
