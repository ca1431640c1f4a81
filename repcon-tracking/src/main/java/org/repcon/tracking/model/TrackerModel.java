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
import org.repcon.nn.conv.ConvDecoder;
import org.repcon.nn.conv.ConvEncoder;
import org.repcon.nn.conv.LatentSpace;
import org.repcon.nn.Parameters;
import org.repcon.nn.Scalars;

/**
 * The equivariant line tracker's autoencoder: a convolutional encoder E from an image [B, 1, H, W] to K slots
 * [B, K, 5] ({@link Slots}) and a decoder D from slots back to an image [B, 1, H, W] in [0, 1].
 *
 * <p>The encoder (line proposals) reads the image with two coordinate channels ({@link LineField#coordinates},
 * CoordConv) through a fully convolutional {@link ConvEncoder} (stride-2 convolutions, ReLU, 1x1 convolution head,
 * [B, 4, H/c, W/c], cells of c = 2^layers px) that proposes one line per cell: orientation
 * (u, v) = (r0, r1) / |(r0, r1)| (with a small epsilon), point = cell centre + c (r2, r3). K slots are chosen one at
 * a time as the proposals that explain most of the residual image, erasing each chosen line with the erase width
 * ({@link LineProposals}); presence logit = a (log support - log S_0), a and S_0 learned. (Encoders that regress the
 * K slots from the whole image, in one pass or one slot at a time from the residual, did not learn to pick tracks
 * and were removed: README, "Tracker protocol".)
 *
 * <p>Decoders ({@link DecoderKind}):
 * <ul>
 *   <li>{@code CONV}: a learned {@link ConvDecoder} from the K * 5 slot vector (with (px, py) / pointScale, pointScale = min(H, W) / 4, and
 *       presence = sigmoid(logit) in place of the logit);
 *   <li>{@code RENDERER}: the differentiable line renderer: slot k draws exp(-d^2 / (2 sigma^2)) with
 *       d^2 = (q - p)^T n n^T (q - p) ({@link LineField#distance2}), weighted by gain * presence_k, combined by the
 *       soft union 1 - prod_k (1 - w_k I_k) (the formula of the tests' reference {@code LineRenderer}, written on the (u, v, p) form so
 *       that no angle is taken); gain = sigmoid(g) with one learned parameter g.
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
    private final double eraseWidth;
    private final NDArray presence;
    private final int cell;
    private final double[] centres;

    /** Lit pixels: intensity above this floor (support, attraction, refinement). */
    public static final double LIT_FLOOR = 0.3;
    /** Initial presence calibration: logit = a (log S - log S_0), a = 3, S_0 = 5. */
    static final double PRESENCE_SCALE = 3.0;
    static final double PRESENCE_LOG_SUPPORT = Math.log(5);

    private TrackerModel(Builder b, ConvEncoder encoder, ConvDecoder decoder, NDArray gain, NDArray presence, int cell) {
        this.presence = presence;
        this.cell = cell;
        this.centres = LineProposals.centres(b.height, b.width, cell);
        this.encoder = encoder;
        this.decoder = decoder;
        this.gain = gain;
        this.slots = b.slots;
        this.height = b.height;
        this.width = b.width;
        this.pointScale = Math.min(height, width) / 4.0;
        this.sigma = b.sigma;
        this.eraseWidth = b.eraseWidth;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builder: {@code set*} required, {@code opt*} optional. */
    public static final class Builder {
        private int height = -1;
        private int width = -1;
        private int slots = -1;
        private int[] channels = {16, 32, 32};
        private DecoderKind decoderKind = DecoderKind.RENDERER;
        private double sigma = 1.0;
        private double eraseWidth = 2.0;
        private long seed;

        /** Images H x W; both divisible by 2^channels.length. */
        public Builder setImageSize(int height, int width) {
            this.height = height;
            this.width = width;
            return this;
        }

        /** K, the number of slots (the most tracks an image can have). */
        public Builder setSlots(int slots) {
            this.slots = slots;
            return this;
        }

        /** Encoder (and conv decoder) widths; default [16, 32, 32] (proposals: cells of 2^3 = 8 px). */
        public Builder optChannels(int... channels) {
            this.channels = channels.clone();
            return this;
        }

        public Builder optDecoder(DecoderKind kind) {
            this.decoderKind = kind;
            return this;
        }

        /** The renderer's final stripe width, px (default 1). */
        public Builder optSigma(double sigma) {
            this.sigma = sigma;
            return this;
        }

        /** The width e with which the encoder erases a chosen line from the residual image, px (default 2). */
        public Builder optEraseWidth(double eraseWidth) {
            this.eraseWidth = eraseWidth;
            return this;
        }

        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Adds the model's parameters to {@code parameters}. */
        public TrackerModel build(Parameters parameters) {
            if (slots < 1) {
                throw new IllegalArgumentException("need at least one slot, got " + slots);
            }
            if (height < 1 || width < 1) {
                throw new IllegalArgumentException("set the image size (H, W > 0), got " + height + "x" + width);
            }
            if (!(sigma > 0) || !(eraseWidth > 0)) {
                throw new IllegalArgumentException("sigma and erase width must be positive, got " + sigma + ", " + eraseWidth);
            }
            ConvEncoder encoder = ConvEncoder.builder().setImageShape(3, height, width).setLatentSize(4)
                    .optLatentSpace(LatentSpace.MATRIX).optHiddenChannels(channels).optName("encoder").optSeed(seed)
                    .build(parameters);
            NDArray presence = parameters.add("encoder.presence", new Shape(2),
                    new double[] {PRESENCE_SCALE, PRESENCE_LOG_SUPPORT});
            ConvDecoder decoder = null;
            NDArray gain = null;
            if (decoderKind == DecoderKind.CONV) {
                decoder = ConvDecoder.builder().setImageShape(1, height, width).setLatentSize(slots * Slots.SIZE)
                        .optHiddenChannels(channels).optName("decoder").optSeed(seed + 1).build(parameters);
            } else {
                gain = parameters.add("decoder.gain", new Shape(1), new double[] {1.0});
            }
            return new TrackerModel(this, encoder, decoder, gain, presence, 1 << channels.length);
        }
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
        return encodeWithProposals(images, training).slots();
    }

    /** E with the proposals the slots were chosen from ({@link SlotEncoding}). */
    public SlotEncoding encodeWithProposals(NDArray images, boolean training) {
        Shape s = images.getShape();
        if (s.dimension() != 4 || s.get(1) != 1 || s.get(2) != height || s.get(3) != width) {
            throw new IllegalArgumentException("the tracker expects images [B, 1, " + height + ", " + width + "], got " + s);
        }
        long b = s.get(0);
        NDArray coords = LineField.coordinates(images.getManager(), height, width, images.getDataType())
                .broadcast(b, 2, height, width);
        NDArray map = encoder.forward(NDArrays.concat(new NDList(images, coords), 1), training); // [B, 4, gh, gw]
        NDArray c = centres(images.getManager(), images.getDataType());
        NDArray proposals = LineProposals.fromMap(map, c, cell);
        NDArray a = presence.get(new NDIndex("0:1"));
        NDArray logS0 = presence.get(new NDIndex("1:2"));
        return LineProposals.select(proposals, images, slots, LIT_FLOOR, eraseWidth,
                strength -> strength.add(1e-3).log().sub(logS0).mul(a));
    }

    /**
     * The encoder's line-fitting condition (attraction) at robust width {@code c} px: each proposal fits the lit
     * pixels near its cell ({@link TrackerLosses#localAttraction}).
     */
    public NDArray attraction(SlotEncoding e, NDArray images, double c) {
        NDManager m = images.getManager();
        DataType type = e.proposals().getDataType();
        return TrackerLosses.localAttraction(LineProposals.localDistance2(e.proposals(), centres(m, type), cell),
                LineProposals.patches(images, cell), LineProposals.window(m, cell, WINDOW * cell, type), LIT_FLOOR, c);
    }

    /** The proposal cells' centres [1, G, 2] (centred pixel coordinates). */
    private NDArray centres(NDManager manager, DataType type) {
        return Scalars.owned(manager.create(centres, new Shape(1, centres.length / 2, 2)), type);
    }

    /** The proposal windows' radius, in cells. */
    static final double WINDOW = 0.75;

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
        NDArray out;
        try (NDScope scope = new NDScope()) {
            NDArray dist2 = LineField.distance2(z, height, width); // [B, K, H, W]
            NDArray intensity = Scalars.times(dist2, -1.0 / (2 * sigma * sigma)).exp();
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
        return "TrackerModel[K=" + slots + ", proposal encoder, " + height + "x" + width + ", decoder " + decoderKind() + ", sigma " + sigma
                + "]";
    }

    static String shape(long... dims) {
        return Arrays.toString(dims);
    }
}
