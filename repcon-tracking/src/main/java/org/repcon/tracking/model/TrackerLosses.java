package org.repcon.tracking.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import org.repcon.nn.Scalars;

/** The tracker's loss functions on DJL arrays (autograd-safe). */
public final class TrackerLosses {
    private TrackerLosses() {}

    /** The crop C as a mask [1, 1, H, W]: 1 at pixel centres within {@code radius} of the image centre, else 0. */
    public static NDArray cropMask(NDManager manager, int height, int width, double radius, DataType type) {
        double[] m = new double[height * width];
        for (int i = 0; i < height; i++) {
            for (int j = 0; j < width; j++) {
                double x = j + 0.5 - width / 2.0;
                double y = i + 0.5 - height / 2.0;
                m[i * width + j] = x * x + y * y <= radius * radius ? 1 : 0;
            }
        }
        return Scalars.owned(manager.create(m, new Shape(1, 1, height, width)), type);
    }

    /** Mean squared difference over the pixels inside {@code mask} [1, 1, H, W] (and the batch). */
    public static NDArray maskedMse(NDArray a, NDArray b, NDArray mask, double maskPixels) {
        long batch = a.getShape().get(0);
        NDArray sum = a.sub(b).square().mul(mask).sum();
        return Scalars.times(sum, 1.0 / (batch * maskPixels));
    }

    /**
     * Per slot features for comparing slot sets: (u, v, cx / scale, cy / scale) with (cx, cy) the line's point nearest
     * the centre (N p), [B, K, 4]; and the presence sigmoid(logit), [B, K].
     */
    static NDArray features(NDArray z, double scale) {
        NDArray u = z.get(new NDIndex(":, :, 0"));
        NDArray v = z.get(new NDIndex(":, :, 1"));
        NDArray px = z.get(new NDIndex(":, :, 2"));
        NDArray py = z.get(new NDIndex(":, :, 3"));
        NDArray cx = u.neg().add(1).mul(px).sub(v.mul(py));
        NDArray cy = u.add(1).mul(py).sub(v.mul(px));
        double f = 0.5 / scale;
        return NDArrays.stack(new NDList(u, v, Scalars.times(cx, f), Scalars.times(cy, f)), 2);
    }

    /**
     * Distance between two slot sets a, b [B, K, 5], invariant to the slots' order: per image the minimum over
     * the K! assignments of sum_i cost(a_i, b_pi(i)) with cost = (P_a - P_b)^2 + (P_a + P_b) / 2 |f_a - f_b|^2
     * (P presence, f {@link #features}); mean over images. K <= 6.
     */
    public static NDArray slotSetDistance(NDArray a, NDArray b, double scale) {
        Shape s = a.getShape();
        long batch = s.get(0);
        int k = (int) s.get(1);
        NDArray fa = features(a, scale).expandDims(2); // [B, K, 1, 4]
        NDArray fb = features(b, scale).expandDims(1); // [B, 1, K, 4]
        NDArray pa = a.get(new NDIndex(":, :, 4")).getNDArrayInternal().sigmoid().expandDims(2); // [B, K, 1]
        NDArray pb = b.get(new NDIndex(":, :, 4")).getNDArrayInternal().sigmoid().expandDims(1); // [B, 1, K]
        NDArray geometric = fa.sub(fb).square().sum(new int[] {3}); // [B, K, K]
        NDArray cost = pa.sub(pb).square().add(Scalars.times(pa.add(pb), 0.5).mul(geometric));
        List<int[]> perms = new ArrayList<>();
        permutations(new int[k], new boolean[k], 0, perms);
        long[] idx = new long[perms.size() * k];
        for (int p = 0; p < perms.size(); p++) {
            for (int i = 0; i < k; i++) {
                idx[p * k + i] = (long) i * k + perms.get(p)[i];
            }
        }
        NDArray index = Scalars.owned(a.getManager().create(idx, new Shape(1, idx.length)), DataType.INT64)
                .broadcast(batch, idx.length);
        NDArray chosen = cost.reshape(batch, (long) k * k).gather(index, 1).reshape(batch, perms.size(), k);
        return chosen.sum(new int[] {2}).min(new int[] {1}).mean();
    }

    private static void permutations(int[] current, boolean[] used, int at, List<int[]> out) {
        if (at == current.length) {
            out.add(current.clone());
            return;
        }
        for (int j = 0; j < current.length; j++) {
            if (!used[j]) {
                used[j] = true;
                current[at] = j;
                permutations(current, used, at + 1, out);
                used[j] = false;
            }
        }
    }

    /**
     * The proposals' local attraction (the line-fitting condition): proposal j fits the lit pixels of its cell's
     * neighbourhood weighted by the window g, sum w_p g_p rho_j(p) / sum w_p g_p over images, proposals and
     * neighbourhood pixels, with w = max(0, I - floor) from {@code patches} [B, G, n, n] (constants for autograd),
     * the robust penalty rho = d^2 / (d^2 + c^2), d^2 from {@code distance2} [B, G, n, n]
     * ({@link LineProposals#localDistance2}) and {@code window} [1, 1, n, n]. A neighbourhood holds a piece of one
     * track (or a crossing): fitting it is a local regression, unlike picking one of several tracks of the whole
     * image. Without it the reconstruction alone lets presence collapse to 0 early (a line drawn in the wrong place
     * costs more than no line, and the geometry's gradient is proportional to presence).
     */
    public static NDArray localAttraction(NDArray distance2, NDArray patches, NDArray window, double floor, double c) {
        NDArray rho = distance2.div(distance2.add(c * c));
        NDArray weights = patches.sub(floor).maximum(0).stopGradient().mul(window).toType(rho.getDataType(), false);
        return rho.mul(weights).sum().div(weights.sum().add(1e-6));
    }

    /** Mean presence sigmoid(logit) over slots and images. */
    public static NDArray meanPresence(NDArray z) {
        return z.get(new NDIndex(":, :, 4")).getNDArrayInternal().sigmoid().mean();
    }
}
