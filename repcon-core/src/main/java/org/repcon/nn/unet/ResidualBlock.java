package org.repcon.nn.unet;

import ai.djl.ndarray.NDArray;
import java.util.Random;
import org.repcon.nn.Activation;
import org.repcon.nn.Parameters;
import org.repcon.nn.layers.Conv2d;
import org.repcon.nn.layers.Dense;
import org.repcon.nn.layers.Dropout;
import org.repcon.nn.layers.GroupNorm;

/**
 * DDPM's residual block with the time embedding, {@code x [B, in, H, W]}, {@code e [B, E]} (the activated time
 * embedding {@code SiLU(temb)}) to {@code [B, out, H, W]}:
 * <pre>
 * h = conv3x3_1( SiLU( norm1(x) ) ) + (W_t e + b_t)[:, :, None, None]                  (additive)
 * y = skip(x) + conv3x3_2( dropout( SiLU( norm2(h) ) ) )
 * </pre>
 * With scale-shift (Nichol and Dhariwal 2021) {@code W_t e + b_t} has 2 out features {@code [scale, shift]} and
 * {@code norm2(h)} becomes {@code norm2(h_conv) (1 + scale) + shift}. {@code skip} is a 1x1 convolution when
 * {@code in != out}, else the identity.
 *
 * <p>Parameters, in creation order: {@code <name>.norm1}, {@code .conv1}, {@code .time}, {@code .norm2},
 * {@code .conv2}, {@code .skip} (if any).
 */
final class ResidualBlock {
    private final GroupNorm norm1;
    private final Conv2d conv1;
    private final Dense time;
    private final GroupNorm norm2;
    private final Dropout dropout;
    private final Conv2d conv2;
    private final Conv2d skip;
    private final int out;
    private final boolean scaleShift;

    ResidualBlock(Parameters p, String name, int in, int out, int embedding, UNetSettings s, Random rng) {
        this.norm1 = s.normalization().create(p, name + ".norm1", in, s.groups());
        this.conv1 = Conv2d.builder().setName(name + ".conv1").setChannels(in, out).setKernel(3).optPadding(1)
                .optSeed(rng.nextLong()).build(p);
        this.time = Dense.builder().setName(name + ".time").setUnits(embedding, s.scaleShift() ? 2 * out : out)
                .optSeed(rng.nextLong()).build(p);
        this.norm2 = s.normalization().create(p, name + ".norm2", out, s.groups());
        this.dropout = Dropout.of(s.dropout());
        this.conv2 = Conv2d.builder().setName(name + ".conv2").setChannels(out, out).setKernel(3).optPadding(1)
                .optSeed(rng.nextLong()).build(p);
        this.skip = in == out ? null
                : Conv2d.builder().setName(name + ".skip").setChannels(in, out).setKernel(1).optSeed(rng.nextLong()).build(p);
        this.out = out;
        this.scaleShift = s.scaleShift();
    }

    NDArray forward(NDArray x, NDArray embedding, boolean training) {
        NDArray h = conv1.forward(Activation.SILU.apply(norm1.forward(x, training)), training);
        long b = x.getShape().get(0);
        NDArray projected = time.forward(embedding, training);
        if (scaleShift) {
            NDArray ss = projected.reshape(b, 2, out, 1, 1);
            NDArray scale = ss.get(":, 0");
            NDArray shift = ss.get(":, 1");
            h = norm2.forward(h, training).mul(scale.add(1)).add(shift);
        } else {
            h = norm2.forward(h.add(projected.reshape(b, out, 1, 1)), training);
        }
        h = conv2.forward(dropout.forward(Activation.SILU.apply(h), training), training);
        return (skip == null ? x : skip.forward(x, training)).add(h);
    }
}
