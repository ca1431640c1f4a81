package org.repcon.nn.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Nearest-neighbour upsampling by 2 followed by a 3x3 convolution with padding 1 (the "resize-convolution" of
 * decoders), {@code [B, in, H, W] -> [B, out, 2H, 2W]}, computed without forming the upsampled image: the same
 * parameters and the same outputs as {@code Upsample.nearest(2)} then {@link Conv2d}, at a quarter of the memory
 * traffic, which is what a decoder step on a CPU is bound by.
 *
 * <p>Identity used: output pixel {@code (2p + r, 2q + s)} only sees source pixels {@code p-1..p+1}; along each
 * axis the three taps {@code w_0, w_1, w_2} fold into phase kernels {@code P_0 w = (w_0, w_1 + w_2, 0)} (offsets
 * -1, 0) and {@code P_1 w = (0, w_0 + w_1, w_2)} (offsets 0, +1). So
 * <pre>  y = PixelShuffle_2( conv3x3_pad1(x, K) ),   K[4o + 2r + s] = P_r W[o] P_s^T,   bias repeated 4 times </pre>
 * with {@code W [out, in, 3, 3]} the layer's weight. K is rebuilt from W every forward pass, so gradients reach W
 * exactly as through the two-step form (tested against it).
 */
public final class UpsampledConv2d implements Layer {
    private static final float[][] PHASES = {
        {1, 0, 0, 0, 1, 1, 0, 0, 0},  // P_0: row -1 <- w0, row 0 <- w1 + w2
        {0, 0, 0, 1, 1, 0, 0, 0, 1}}; // P_1: row 0 <- w0 + w1, row +1 <- w2
    private final Conv2d conv;
    private final int in;
    private final int out;

    private UpsampledConv2d(Conv2d conv, int in, int out) {
        this.conv = conv;
        this.in = in;
        this.out = out;
    }

    /**
     * Wraps a 3x3, stride-1, padding-1 convolution built by {@code builder} (its parameters keep their names, so
     * a model saved with the two-step form loads into this one).
     */
    public static UpsampledConv2d of(Conv2d.Builder builder, int in, int out, org.repcon.nn.Parameters parameters) {
        return new UpsampledConv2d(builder.setChannels(in, out).setKernel(3).optPadding(1).build(parameters), in, out);
    }

    @Override
    public NDArray forward(NDArray x, boolean training) {
        Shape s = x.getShape();
        if (s.dimension() != 4 || s.get(1) != in) {
            throw new IllegalArgumentException("UpsampledConv2d expects [B, " + in + ", H, W], got " + s);
        }
        NDManager m = x.getManager();
        NDArray w = ParameterViews.reshape(conv.weight(), x, new Shape(out, in, 3, 3));
        NDArray[] p = new NDArray[2];
        NDArray[] pt = new NDArray[2];
        for (int r = 0; r < 2; r++) {
            p[r] = m.create(PHASES[r], new Shape(3, 3)).toType(w.getDataType(), false);
            pt[r] = p[r].transpose();
        }
        NDList phases = new NDList(4);
        for (int r = 0; r < 2; r++) {
            NDArray rows = p[r].matMul(w); // [3,3] x [out, in, 3, 3] -> [out, in, 3, 3]
            for (int c = 0; c < 2; c++) {
                phases.add(rows.matMul(pt[c]));
            }
        }
        NDArray kernel = NDArrays.stack(phases, 1).reshape(4L * out, in, 3, 3);
        NDArray bias = null;
        if (conv.bias() != null) {
            bias = m.ones(new Shape(1, 4), w.getDataType()).mul(ParameterViews.reshape(conv.bias(), x, new Shape(out, 1))).reshape(4L * out);
        }
        NDArray y = ConvolutionBackend.forType(x.getDataType()).conv2d(x, kernel, bias, 1, 1);
        return y.reshape(s.get(0), out, 2, 2, s.get(2), s.get(3)).transpose(0, 1, 4, 2, 5, 3).reshape(s.get(0), out, 2 * s.get(2), 2 * s.get(3));
    }

    /** The wrapped convolution (weight {@code [out, in, 3, 3]}, bias {@code [out]}). */
    public Conv2d convolution() {
        return conv;
    }
}
