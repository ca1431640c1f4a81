package org.repcon.tracking.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.function.UnaryOperator;
import org.repcon.tracking.geometry.Line;
import org.repcon.nn.Scalars;

/**
 * The proposal encoder's geometry: a fully convolutional network proposes one line per cell of a G = gh x gw grid
 * (cells of {@code cell} x {@code cell} pixels), each line held by a point near its cell's centre; K slots are then
 * chosen one at a time, as a Hough finder takes peaks: the proposal that explains most of the residual's lit pixels
 * (its support), whose line is then erased from the residual.
 *
 * <ul>
 *   <li>support of proposal j on residual R: S_j = sum of max(0, R_p - floor) over the pixels p under its line
 *       (sampled every pixel along it);
 *   <li>slot k = the proposal of largest S on R_k (its values, differentiable; the choice itself is not), presence
 *       logit a (log S - log S_0) with learned a and S_0 ({@link TrackerModel}), S the larger of the proposal's
 *       support and that of its short fit to R_k ({@link #ERASE_FIT});
 *   <li>R_{k+1} = R_k (1 - exp(-d_k^2 / (2 e^2))), d_k the distance to the chosen line after a short fit to R_k
 *       ({@link #ERASE_FIT}), held constant.
 * </ul>
 * The proposals are trained by the local attraction ({@link TrackerLosses#localAttraction}): proposal j fits the lit
 * pixels near its cell (Gaussian window of radius {@code cell * 0.75}), a local task with (mostly) one track in view.
 */
public final class LineProposals {
    /**
     * The fit of a chosen line to the residual before it is erased (3 iterations at 1.5 px): a proposal is exact
     * near its own cell only, and a line erased a pixel off leaves a remnant that a later slot would take again.
     */
    static final LineRefinement ERASE_FIT = new LineRefinement(TrackerModel.LIT_FLOOR, 1.5, 3);

    /**
     * The farthest a proposal's point may lie from the image centre, in image sizes (H + W): a proposal is a point
     * near its cell (the cell's centre + cell * a raw output of order 1), so a point farther than this belongs to no
     * cell; the model has diverged. The bound also keeps {@link #support}'s walk along the line short: at most
     * 2 (MAX_POINT_DISTANCE + 1) (H + W) samples per proposal, where a huge, infinite or NaN point would make it
     * endless (at 2^53, t += 1 no longer changes t).
     */
    static final double MAX_POINT_DISTANCE = 16;

    private LineProposals() {}

    /** Cell centres in centred pixel coordinates, [G, 2] as (x, y), row-major over the grid. */
    public static double[] centres(int height, int width, int cell) {
        int gh = height / cell;
        int gw = width / cell;
        double[] out = new double[gh * gw * 2];
        for (int i = 0; i < gh; i++) {
            for (int j = 0; j < gw; j++) {
                out[2 * (i * gw + j)] = (j + 0.5) * cell - width / 2.0;
                out[2 * (i * gw + j) + 1] = (i + 0.5) * cell - height / 2.0;
            }
        }
        return out;
    }

    /**
     * Every cell's neighbourhood, [B, G, 3 cell, 3 cell]: the cell and its eight neighbours (zeros outside the
     * image), for images [B, 1, H, W] with H, W multiples of {@code cell}.
     */
    public static NDArray patches(NDArray images, int cell) {
        Shape s = images.getShape();
        long b = s.get(0);
        int gh = (int) s.get(2) / cell;
        int gw = (int) s.get(3) / cell;
        NDArray x = images.reshape(b, s.get(2), s.get(3));
        NDArray zc = x.zerosLike().get(new NDIndex(":, :, 0:" + cell));
        x = NDArrays.concat(new NDList(zc, x, zc), 2); // [B, H, W + 2c]
        NDArray zr = x.zerosLike().get(new NDIndex(":, 0:" + cell + ", :"));
        x = NDArrays.concat(new NDList(zr, x, zr), 1); // [B, H + 2c, W + 2c]
        NDArray blocks = x.reshape(b, gh + 2, cell, gw + 2, cell).transpose(0, 1, 3, 2, 4); // [B, gh+2, gw+2, c, c]
        NDList rows = new NDList();
        for (int di = 0; di < 3; di++) {
            NDList cols = new NDList();
            for (int dj = 0; dj < 3; dj++) {
                cols.add(blocks.get(new NDIndex(":, " + di + ":" + (di + gh) + ", " + dj + ":" + (dj + gw) + ", :, :")));
            }
            rows.add(NDArrays.concat(cols, 4)); // [B, gh, gw, c, 3c]
        }
        return NDArrays.concat(rows, 3).reshape(b, (long) gh * gw, 3L * cell, 3L * cell);
    }

    /**
     * Squared distances of every proposal's line to the pixel centres of its own neighbourhood ({@link #patches}),
     * [B, G, 3 cell, 3 cell]; proposals [B, G, 4+], centres [1, G, 2].
     */
    public static NDArray localDistance2(NDArray proposals, NDArray centres, int cell) {
        Shape s = proposals.getShape();
        long b = s.get(0);
        long g = s.get(1);
        int n = 3 * cell;
        double[] o = new double[n];
        for (int t = 0; t < n; t++) {
            o[t] = t + 0.5 - 1.5 * cell;
        }
        DataType type = proposals.getDataType();
        NDManager manager = proposals.getManager();
        NDArray ox = Scalars.owned(manager.create(o, new Shape(1, 1, 1, n)), type);
        NDArray oy = Scalars.owned(manager.create(o, new Shape(1, 1, n, 1)), type);
        NDArray u = proposals.get(new NDIndex(":, :, 0")).reshape(b, g, 1, 1);
        NDArray v = proposals.get(new NDIndex(":, :, 1")).reshape(b, g, 1, 1);
        NDArray dx = centres.get(new NDIndex(":, :, 0")).sub(proposals.get(new NDIndex(":, :, 2"))).reshape(b, g, 1, 1);
        NDArray dy = centres.get(new NDIndex(":, :, 1")).sub(proposals.get(new NDIndex(":, :, 3"))).reshape(b, g, 1, 1);
        NDArray a = ox.add(dx); // [B, G, 1, n]
        NDArray c = oy.add(dy); // [B, G, n, 1]
        return LineField.squaredDistance(u, v, a, c);
    }

    /** The Gaussian window exp(-|o|^2 / (2 r^2)) over a neighbourhood's pixel offsets o, [1, 1, 3 cell, 3 cell]. */
    public static NDArray window(NDManager manager, int cell, double radius, DataType type) {
        int n = 3 * cell;
        double[] values = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double y = i + 0.5 - 1.5 * cell;
                double x = j + 0.5 - 1.5 * cell;
                values[i * n + j] = Math.exp(-(x * x + y * y) / (2 * radius * radius));
            }
        }
        return Scalars.owned(manager.create(values, new Shape(1, 1, n, n)), type);
    }

    /**
     * Chooses K slots among the proposals [B, G, 4] (u, v, px, py) on images [B, 1, H, W]: per image, K times, the
     * proposal of largest support on the residual, whose line is then erased (computed on the host: a few thousand
     * samples per image; only the chosen proposals' values carry gradients).
     *
     * @param presence maps the chosen supports [B, K] (constants) to presence logits [B, K] (learned)
     * @return the slots [B, K, 5] with the proposals (no residuals: the proposals are trained locally)
     */
    static SlotEncoding select(NDArray proposals, NDArray images, int k, double floor, double eraseWidth,
            UnaryOperator<NDArray> presence) {
        Shape s = images.getShape();
        int b = (int) s.get(0);
        int height = (int) s.get(2);
        int width = (int) s.get(3);
        int g = (int) proposals.getShape().get(1);
        float[] lines = proposals.toType(DataType.FLOAT32, false).toFloatArray();
        float[] pixels = images.toType(DataType.FLOAT32, false).toFloatArray();
        requirePlausible(lines, b, g, height, width);
        long[] chosen = new long[b * k * 4];
        double[] strength = new double[b * k];
        float[] residual = new float[height * width];
        for (int n = 0; n < b; n++) {
            System.arraycopy(pixels, n * height * width, residual, 0, height * width);
            for (int slot = 0; slot < k; slot++) {
                int best = 0;
                double bestSupport = -1;
                for (int j = 0; j < g; j++) {
                    int o = (n * g + j) * 4;
                    double support = support(residual, height, width, lines[o], lines[o + 1], lines[o + 2], lines[o + 3], floor);
                    if (support > bestSupport) {
                        bestSupport = support;
                        best = j;
                    }
                }
                java.util.Arrays.fill(chosen, (n * k + slot) * 4, (n * k + slot + 1) * 4, best);
                int o = (n * g + best) * 4;
                Line line = Slots.toLine(lines[o], lines[o + 1], lines[o + 2], lines[o + 3]);
                Line fitted = ERASE_FIT.refine(residual, width, height, List.of(line)).get(0);
                double[] f = Slots.of(fitted);
                strength[n * k + slot] = Math.max(bestSupport, support(residual, height, width, f[0], f[1], f[2], f[3], floor));
                erase(residual, height, width, fitted, eraseWidth);
            }
        }
        NDManager manager = proposals.getManager();
        NDArray index = manager.create(chosen, new Shape(b, k, 4));
        NDArray slots4 = proposals.gather(index, 1); // [B, K, 4], differentiable in the chosen proposals
        NDArray support = Scalars.owned(manager.create(strength, new Shape(b, k)), proposals.getDataType());
        NDArray logit = presence.apply(support).reshape(b, k, 1);
        return new SlotEncoding(NDArrays.concat(new NDList(slots4, logit), 2), proposals);
    }

    /**
     * Checks the proposals [B, G, 4] (as {@code lines}) before any loop walks along them.
     *
     * @throws DivergedModelException naming the first proposal with a non-finite value or a point farther than
     *     {@link #MAX_POINT_DISTANCE} image sizes from the centre
     */
    static void requirePlausible(float[] lines, int b, int g, int height, int width) {
        double limit = MAX_POINT_DISTANCE * (height + width);
        for (int n = 0; n < b; n++) {
            for (int j = 0; j < g; j++) {
                int o = (n * g + j) * 4;
                float u = lines[o];
                float v = lines[o + 1];
                float px = lines[o + 2];
                float py = lines[o + 3];
                boolean finite = Float.isFinite(u) && Float.isFinite(v) && Float.isFinite(px) && Float.isFinite(py);
                double distance = Math.hypot(px, py);
                if (!finite || !(distance <= limit)) {
                    throw new DivergedModelException("line proposal " + j + " of image " + n + " has "
                            + (finite ? "absurd" : "non-finite") + " parameters (u, v, px, py) = (" + u + ", " + v + ", " + px
                            + ", " + py + ")" + (finite ? ", a point " + (float) distance + " px from the image centre (a "
                            + width + "x" + height + " image's proposals lie within " + (float) limit + " px)" : ""));
                }
            }
        }
    }

    /**
     * The support of the line (u, v, px, py): the sum of max(0, R - floor) over the
     * pixels under the line, sampled every pixel along it (nearest pixel).
     *
     * @throws IllegalArgumentException if the point is not finite or farther than {@link #MAX_POINT_DISTANCE} image
     *     sizes from the centre (the walk along the line would be endless or needlessly long; {@link #select} checks
     *     its proposals first)
     */
    static double support(float[] residual, int height, int width, double u, double v, double cx, double cy,
            double floor) {
        double[] d = direction(u, v);
        double px = cx + width / 2.0;
        double py = cy + height / 2.0;
        double reach = Math.hypot(px - width / 2.0, py - height / 2.0) + Math.hypot(width, height) / 2 + 1;
        if (!(reach <= (MAX_POINT_DISTANCE + 1) * (height + width)) || !Double.isFinite(d[0] + d[1])) {
            throw new IllegalArgumentException("the support of line (u, v, px, py) = (" + u + ", " + v + ", " + cx + ", " + cy
                    + ") would walk " + reach + " px along it; its point must be finite and near the "
                    + width + "x" + height + " image");
        }
        double sum = 0;
        for (double t = -reach; t <= reach; t += 1) {
            int j = (int) Math.floor(px + t * d[0]);
            int i = (int) Math.floor(py + t * d[1]);
            if (i >= 0 && i < height && j >= 0 && j < width) {
                double lit = residual[i * width + j] - floor;
                if (lit > 0) {
                    sum += lit;
                }
            }
        }
        return sum;
    }

    /** R *= 1 - exp(-d^2 / (2 e^2)), d the distance of each pixel centre to {@code line}. */
    static void erase(float[] residual, int height, int width, Line line, double e) {
        double[] n = line.normal();
        double c = line.offset() + n[0] * width / 2.0 + n[1] * height / 2.0;
        double k = 1 / (2 * e * e);
        for (int i = 0; i < height; i++) {
            double y = i + 0.5;
            for (int j = 0; j < width; j++) {
                double dist = n[0] * (j + 0.5) + n[1] * y - c; // Line.distance
                residual[i * width + j] *= (float) (1 - Math.exp(-dist * dist * k));
            }
        }
    }

    /** The unit direction (cos a, sin a) of the orientation (u, v) = (cos 2a, sin 2a) (normalised first). */
    static double[] direction(double u, double v) {
        double norm = Math.hypot(u, v);
        double uu = norm > 0 ? u / norm : 1;
        double c = Math.sqrt(Math.max(0, (1 + uu) / 2));
        double sn = Math.sqrt(Math.max(0, (1 - uu) / 2));
        return new double[] {c, v < 0 ? -sn : sn};
    }

    /** Proposals [B, G, 4] from the network's map [B, 4, gh, gw]: unit (u, v), point = centre + cell (r2, r3). */
    static NDArray fromMap(NDArray map, NDArray centres, int cell) {
        Shape s = map.getShape();
        long b = s.get(0);
        long g = s.get(2) * s.get(3);
        NDArray r = map.reshape(b, 4, g).transpose(0, 2, 1); // [B, G, 4]
        NDArray uv = r.get(new NDIndex(":, :, 0:2"));
        NDArray unit = uv.div(uv.square().sum(new int[] {2}, true).add(1e-6).sqrt());
        NDArray point = Scalars.times(r.get(new NDIndex(":, :, 2:4")), cell).add(centres);
        return NDArrays.concat(new NDList(unit, point), 2);
    }
}
