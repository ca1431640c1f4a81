package org.repcon.tracking.constraints;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.repcon.objective.Objective;
import org.repcon.tracking.model.SlotTransform;
import org.repcon.tracking.model.TrackerLosses;
import org.repcon.tracking.model.TrackerOutput;
import org.repcon.transformations.image.AffineTransform;
import org.repcon.transformations.image.AffineWarp;

/**
 * Where the tracker's equivariance is enforced: E and D are made to commute with paired transformations of the
 * image (T_im) and of the latent slots (T_tr), both driven by the same xi.
 * <ol>
 *   <li>{@link #sample}: xi per image, drawn from (seed, step) among the families switched on in the spec's
 *       {@code transformations:} (rotation, translation, scale, shear: {@link Families});
 *   <li>{@link #transformSlots}: T_tr(z | xi) ({@link SlotTransform}); {@link #transformImages}: T_im(I | xi)
 *       ({@link AffineWarp}), the identity when every family is off;
 *   <li>{@link #views}: the arrays the terms compare, E(T_im(I | xi)) and T_im(D(z) | xi), computed only when their
 *       term is on;
 *   <li>{@link #addTerms}: {@code latent_equivariance} |T_tr(E(I) | xi) - E(T_im(I | xi))|^2 (minimum over slot
 *       orders, {@link TrackerLosses#slotSetDistance}) and {@code decoder_equivariance}
 *       L2(D(T_tr(z | xi)), T_im(D(z) | xi)) inside the crop C.
 * </ol>
 * Whether each term is on is decided once, here: weight > 0 and at least one family on. With every
 * family off xi is the identity and the tracker is a plain autoencoder. (The reconstruction,
 * L2(D(T_tr(E(I) | xi)), T_im(I | xi)), also compares transformed arrays, but it is the data fit and stays with the
 * experiment.)
 */
public final class Equivariance {
    /** The families xi is drawn from and their ranges (the spec's {@code transformations:}). */
    public record Families(boolean rotation, double rotationDegrees, boolean translation, double translationPx,
            boolean scale, double scaleMax, boolean shear, double shearMax) {
        /** Whether any family is on (else xi is the identity). */
        boolean any() {
            return rotation || translation || scale || shear;
        }

        /** One xi: scale, shear, rotation, translation (each only if on), composed in that order. */
        AffineTransform draw(Random rng) {
            List<AffineTransform> parts = new ArrayList<>();
            if (scale) {
                parts.add(AffineTransform.scale(Math.exp((2 * rng.nextDouble() - 1) * Math.log(scaleMax))));
            }
            if (shear) {
                parts.add(AffineTransform.shear((2 * rng.nextDouble() - 1) * shearMax));
            }
            if (rotation) {
                parts.add(AffineTransform.rotation(Math.toRadians((2 * rng.nextDouble() - 1) * rotationDegrees)));
            }
            if (translation) {
                parts.add(AffineTransform.translation((2 * rng.nextDouble() - 1) * translationPx,
                        (2 * rng.nextDouble() - 1) * translationPx));
            }
            return AffineTransform.compose(parts.toArray(new AffineTransform[0]));
        }
    }

    private final Families families;
    private final double latentWeight;
    private final double decoderWeight;
    private final long seed;

    /** xi drawn from {@code seed} among {@code families}; the two terms' weights (0: off). */
    public Equivariance(Families families, double latentWeight, double decoderWeight, long seed) {
        this.families = families;
        this.latentWeight = latentWeight;
        this.decoderWeight = decoderWeight;
        this.seed = seed;
    }

    /** Whether the latent equivariance term is on. */
    public boolean latentOn() {
        return latentWeight > 0 && families.any();
    }

    /** Whether the decoder equivariance term is on. */
    public boolean decoderOn() {
        return decoderWeight > 0 && families.any();
    }

    /** xi for the {@code images} images of training step {@code step}, one per image. */
    public AffineTransform[] sample(long step, int images) {
        Random rng = new Random(seed * 0x9E3779B97F4A7C15L + step);
        AffineTransform[] xi = new AffineTransform[images];
        for (int n = 0; n < xi.length; n++) {
            xi[n] = families.draw(rng);
        }
        return xi;
    }

    /** T_tr(z | xi): slots [B, K, 5], xi per image. */
    public NDArray transformSlots(NDArray z, AffineTransform[] xi) {
        return SlotTransform.apply(z, xi);
    }

    /** T_im(I | xi): images [B, C, H, W], xi per image; the images themselves when every family is off. */
    public NDArray transformImages(NDArray images, AffineTransform[] xi) {
        return families.any() ? AffineWarp.warp(images, xi) : images;
    }

    /**
     * The arrays the equivariance terms compare.
     *
     * @param target T_im(I | xi)
     * @param slotsOfTarget E(T_im(I | xi)), or null when the latent term is off
     * @param warpedDecoded T_im(D(z) | xi), or null when the decoder term is off
     */
    public record Views(NDArray target, NDArray slotsOfTarget, NDArray warpedDecoded) {}

    /**
     * T_im(I | xi) and what the terms that are on need, for images I, their slots z = E(I) and the model's
     * {@code encoder} and {@code decoder} (as used in this training step).
     */
    public Views views(NDArray images, NDArray z, AffineTransform[] xi, UnaryOperator<NDArray> encoder,
            UnaryOperator<NDArray> decoder) {
        NDArray target = transformImages(images, xi);
        NDArray slotsOfTarget = latentOn() ? encoder.apply(target) : null;
        NDArray warpedDecoded = decoderOn() ? AffineWarp.warp(decoder.apply(z), xi) : null;
        return new Views(target, slotsOfTarget, warpedDecoded);
    }

    /**
     * Adds the terms that are on to {@code objective}: the latent term compares slot sets with positions divided
     * by {@code scale} px; the decoder term is a mean squared error inside {@code mask} [1, 1, H, W]
     * ({@code maskPixels} of them).
     */
    public void addTerms(Objective.Builder<TrackerOutput> objective, NDArray mask, double maskPixels, double scale) {
        if (latentOn()) {
            objective.add("latent_equivariance", latentWeight,
                    o -> TrackerLosses.slotSetDistance(o.transformedSlots(), o.slotsOfTarget(), scale));
        }
        if (decoderOn()) {
            objective.add("decoder_equivariance", decoderWeight,
                    o -> TrackerLosses.maskedMse(o.reconstruction(), o.warpedDecoded(), mask, maskPixels));
        }
    }
}
