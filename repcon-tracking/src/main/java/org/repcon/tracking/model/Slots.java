package org.repcon.tracking.model;

import java.util.ArrayList;
import java.util.List;
import org.repcon.tracking.geometry.Line;

/**
 * The tracker's latent: K slots per image, each five numbers {@code (u, v, px, py, logit)}:
 * <ul>
 *   <li>{@code (u, v) = (cos 2 angle, sin 2 angle)}, a unit vector: the line's orientation in doubled-angle form, so
 *       the directions d and -d (the same line) have one representation and nothing wraps at angle 0 / pi;
 *   <li>{@code (px, py)}: a point of the line in centred pixel coordinates (q = p - c, c = (W/2, H/2)). Any point
 *       of the line represents it; {@link #canonicalPoint} is the one nearest the centre, offset * n. A point is used
 *       instead of the signed offset because the offset's sign depends on which of d, -d is the direction: with
 *       angle in [0, pi) it jumps (offset -> -offset) when a near-vertical line turns past pi/2 ... pi, which a
 *       network cannot output continuously; the point does not;
 *   <li>{@code logit}: the presence logit, presence = sigmoid(logit); presence > 0.5 is a predicted track.
 * </ul>
 * So the latent is wrap-free and every transformation of it ({@link SlotTransform}) is a smooth function.
 * The line of a slot is {q : n . (q - p) = 0} with n n^T = [[1 - u, -v], [-v, 1 + u]] / 2.
 */
public final class Slots {
    /** Numbers per slot. */
    public static final int SIZE = 5;
    public static final int U = 0;
    public static final int V = 1;
    public static final int PX = 2;
    public static final int PY = 3;
    public static final int LOGIT = 4;

    private Slots() {}

    /** The slot values {u, v, px, py} of {@code line} (centred point offset * n), without the logit. */
    public static double[] of(Line line) {
        double a = line.angle();
        double[] n = line.normal();
        return new double[] {Math.cos(2 * a), Math.sin(2 * a), line.offset() * n[0], line.offset() * n[1]};
    }

    /** The line of a slot, angle in [0, pi), offset n . p. */
    public static Line toLine(double u, double v, double px, double py) {
        double angle = 0.5 * Math.atan2(v, u);
        double offset = -Math.sin(angle) * px + Math.cos(angle) * py;
        return Line.normalized(angle, offset);
    }

    /** The point of the slot's line nearest to the centre, N p with N = n n^T. */
    public static double[] canonicalPoint(double u, double v, double px, double py) {
        double norm = Math.hypot(u, v);
        double uu = norm > 0 ? u / norm : 1;
        double vv = norm > 0 ? v / norm : 0;
        return new double[] {0.5 * ((1 - uu) * px - vv * py), 0.5 * (-vv * px + (1 + uu) * py)};
    }

    /** sigmoid(logit). */
    public static double presence(double logit) {
        return 1 / (1 + Math.exp(-logit));
    }

    /** One predicted slot (line, presence, slot index). */
    public record Predicted(int slot, double presence, Line line) {}

    /**
     * The slots of one image ({@code values} from {@code from}, K slots of {@link #SIZE}), all K of them, in slot
     * order.
     */
    public static List<Predicted> decode(float[] values, int from, int k) {
        List<Predicted> out = new ArrayList<>(k);
        for (int s = 0; s < k; s++) {
            int o = from + s * SIZE;
            out.add(new Predicted(s, presence(values[o + LOGIT]),
                    toLine(values[o + U], values[o + V], values[o + PX], values[o + PY])));
        }
        return out;
    }
}
