package org.repcon.tracking.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import org.repcon.autoencoders.ConvDecoder;
import org.repcon.autoencoders.ConvEncoder;
import org.repcon.nn.Parameters;
import org.repcon.nn.Scalars;

/**
 * The equivariant line tracker's autoencoder: a convolutional encoder E from an image [B, 1, H, W] to K slots
 * [B, K, 5] ({@link Slots}) and a decoder D from slots back to an image [B, 1, H, W] in [0, 1].
 *
 * <p>Encoder: {@link ConvEncoder} (stride-2 convolutions, ReLU, dense) to K * 5 raw numbers r; per slot
 * (u, v) = (r0, r1) / |(r0, r1)| (with a small epsilon), (px, py) = pointScale * (r2, r3) (pointScale = min(H, W) / 4,
 * so the raw outputs are O(1)), logit = r4.
 *
 * <p>Decoders ({@link DecoderKind}):
 * <ul>
 *   <li>{@code CONV}: a learned {@link ConvDecoder} from the K * 5 slot vector (with (px, py) / pointScale and
 *       presence = sigmoid(logit) in place of the logit);
 *   <li>{@code RENDERER}: the differentiable line renderer: slot k draws exp(-dist^2 / (2 sigma^2)) with
 *       dist^2 = (q - p)^T n n^T (q - p), weighted by gain * presence_k, combined by the soft union
 *       1 - prod_k (1 - w_k I_k) (the formula of {@code LineRenderer}, written on the (u, v, p) form so that no
 *       angle is taken); gain = sigmoid(g) with one learned parameter g.
 * </ul>
 */
public final class TrackerModel {
    /** Which decoder. */
    public enum DecoderKind { CONV, RENDERER }

    private final ConvEncoder encoder;
    private final ConvDecoder decoder;
    private final NDArray gain;
    private final int slots;
    private final int height;
    private final int width;
    private final double pointScale;
    private final double sigma;

    private TrackerModel(ConvEncoder encoder, ConvDecoder decoder, NDArray gain, int slots, int height, int width,
            double sigma) {
        this.encoder = encoder;
        this.decoder = decoder;
        this.gain = gain;
        this.slots = slots;
        this.height = height;
        this.width = width;
        this.pointScale = Math.min(height, width) / 4.0;
        this.sigma = sigma;
    }

    /**
     * Builds the model's parameters into {@code parameters}.
     *
     * @param channels encoder (and conv decoder) widths; H and W divisible by 2^channels.length
     */
    public static TrackerModel build(Parameters parameters, int height, int width, int slots, int[] channels,
            DecoderKind kind, double sigma, long seed) {
        if (slots < 1) {
            throw new IllegalArgumentException("need at least one slot, got " + slots);
        }
        ConvEncoder encoder = ConvEncoder.builder().setImageShape(1, height, width).setLatentSize(slots * Slots.SIZE)
                .optHiddenChannels(channels).optName("encoder").optSeed(seed).build(parameters);
        ConvDecoder decoder = null;
        NDArray gain = null;
        if (kind == DecoderKind.CONV) {
            decoder = ConvDecoder.builder().setImageShape(1, height, width).setLatentSize(slots * Slots.SIZE)
                    .optHiddenChannels(channels).optName("decoder").optSeed(seed + 1).build(parameters);
        } else {
            gain = parameters.add("decoder.gain", new Shape(1), new double[] {1.0});
        }
        return new TrackerModel(encoder, decoder, gain, slots, height, width, sigma);
    }

    public int slots() {
        return slots;
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    public DecoderKind decoderKind() {
        return decoder == null ? DecoderKind.RENDERER : DecoderKind.CONV;
    }

    /** E: images [B, 1, H, W] -> slots [B, K, 5]. */
    public NDArray encode(NDArray images, boolean training) {
        Shape s = images.getShape();
        if (s.dimension() != 4 || s.get(1) != 1 || s.get(2) != height || s.get(3) != width) {
            throw new IllegalArgumentException("the tracker expects images [B, 1, " + height + ", " + width + "], got " + s);
        }
        long b = s.get(0);
        NDArray raw = encoder.forward(images, training).reshape(b, slots, Slots.SIZE);
        NDArray uv = raw.get(new NDIndex(":, :, 0:2"));
        NDArray norm = uv.square().sum(new int[] {2}, true).add(1e-6).sqrt();
        NDArray unit = uv.div(norm);
        NDArray point = Scalars.times(raw.get(new NDIndex(":, :, 2:4")), pointScale);
        NDArray logit = raw.get(new NDIndex(":, :, 4:5"));
        return NDArrays.concat(new NDList(unit, point, logit), 2);
    }

    /** D: slots [B, K, 5] -> images [B, 1, H, W] (the renderer with its final stripe width). */
    public NDArray decode(NDArray z, boolean training) {
        return decode(z, training, sigma);
    }

    /**
     * D with the renderer's stripe width {@code renderSigma} (ignored by the conv decoder): training may start with
     * wide stripes, whose gradients reach tracks a few pixels away, and narrow them (coarse to fine).
     */
    public NDArray decode(NDArray z, boolean training, double renderSigma) {
        return decode(z, training, renderSigma, false);
    }

    /**
     * D as above; with {@code allPresent} every slot is drawn with presence 1 (a warm-up: the reconstruction then
     * moves every slot's geometry instead of switching slots off).
     */
    public NDArray decode(NDArray z, boolean training, double renderSigma, boolean allPresent) {
        long b = z.getShape().get(0);
        NDArray logits = z.get(new NDIndex(":, :, 4:5"));
        NDArray presence = allPresent ? logits.zerosLike().add(1) : logits.getNDArrayInternal().sigmoid();
        if (decoder != null) {
            NDArray features = NDArrays.concat(new NDList(z.get(new NDIndex(":, :, 0:2")),
                    Scalars.times(z.get(new NDIndex(":, :, 2:4")), 1 / pointScale), presence), 2);
            return decoder.forward(features.reshape(b, (long) slots * Slots.SIZE), training);
        }
        return render(z, presence, b, renderSigma);
    }

    /** The renderer's final stripe width. */
    public double sigma() {
        return sigma;
    }

    private NDArray render(NDArray z, NDArray presence, long b, double sigma) {
        DataType type = z.getDataType();
        double[] xs = new double[width];
        for (int j = 0; j < width; j++) {
            xs[j] = j + 0.5 - width / 2.0;
        }
        double[] ys = new double[height];
        for (int i = 0; i < height; i++) {
            ys[i] = i + 0.5 - height / 2.0;
        }
        NDArray out;
        try (NDScope scope = new NDScope()) {
            NDManager manager = z.getManager();
            NDArray x = SlotTransform.owned(manager.create(xs, new Shape(1, 1, 1, width)), type);
            NDArray y = SlotTransform.owned(manager.create(ys, new Shape(1, 1, height, 1)), type);
            NDArray u = z.get(new NDIndex(":, :, 0")).reshape(b, slots, 1, 1);
            NDArray v = z.get(new NDIndex(":, :, 1")).reshape(b, slots, 1, 1);
            NDArray px = z.get(new NDIndex(":, :, 2")).reshape(b, slots, 1, 1);
            NDArray py = z.get(new NDIndex(":, :, 3")).reshape(b, slots, 1, 1);
            NDArray a = x.sub(px); // [B, K, 1, W] (x - px), broadcast below
            NDArray c = y.sub(py); // [B, K, H, 1]
            // dist^2 = ((1 - u) a^2 - 2 v a c + (1 + u) c^2) / 2
            NDArray dist2 = u.neg().add(1).mul(a.square()).sub(Scalars.times(v.mul(a).mul(c), 2.0))
                    .add(u.add(1).mul(c.square()));
            NDArray intensity = Scalars.times(dist2, -1.0 / (4 * sigma * sigma)).exp();
            NDArray weight = presence.reshape(b, slots, 1, 1).mul(gain.getNDArrayInternal().sigmoid().reshape(1, 1, 1, 1));
            NDArray absent = intensity.mul(weight).neg().add(1).prod(new int[] {1}, true);
            out = absent.neg().add(1);
            NDScope.unregister(out);
        }
        NDScope.register(out);
        return out;
    }

    @Override
    public String toString() {
        return "TrackerModel[K=" + slots + ", " + height + "x" + width + ", decoder " + decoderKind() + ", sigma " + sigma
                + "]";
    }

    static String shape(long... dims) {
        return Arrays.toString(dims);
    }
}
