package org.repcon.derivatives;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import org.repcon.nn.Activation;

/**
 * A truncated Taylor expansion ("jet") of a batch of values with respect to the network inputs: the value
 * and its first and selected second derivatives, propagated forward through the network (forward-mode
 * differentiation). One ordinary backward pass through the resulting expression then gives parameter
 * gradients of any loss built from these derivatives, without {@code create_graph} (which leaks memory in
 * DJL, see {@code shared/notes/djl.md}).
 *
 * <p>Shapes, for a batch of N points and width w:
 * <ul>
 *   <li>{@code value}: [N, w]
 *   <li>{@code first}: [d, N, w] or [d, 1, w] (broadcast over N), d = number of input coordinates
 *   <li>{@code second}: [m, N, w] or null (all zero), m = number of requested pairs
 * </ul>
 *
 * <p>Rules: for a dense layer {@code a = h W + b}: {@code a_i = h_i W}, {@code a_ij = h_ij W}; for
 * {@code s = f(a)}: {@code s_i = f'(a) a_i}, {@code s_ij = f''(a) a_i a_j + f'(a) a_ij}.
 */
public final class Jet {
    private final Coordinates coordinates;
    private final NDArray value;
    private final NDArray first;
    private final NDArray second;

    Jet(Coordinates coordinates, NDArray value, NDArray first, NDArray second) {
        this.coordinates = coordinates;
        this.value = value;
        this.first = first;
        this.second = second;
    }

    /** The jet of the inputs themselves: value x [N, d], dx/dx_i = e_i, second derivatives zero. */
    public static Jet ofInputs(NDArray x, Coordinates coordinates) {
        int d = coordinates.size();
        if (x.getShape().dimension() != 2 || x.getShape().get(1) != d) {
            throw new IllegalArgumentException("inputs must be [N, " + d + "] for coordinates "
                    + coordinates.names() + ", got " + x.getShape());
        }
        NDArray seed = x.getManager().eye(d).toType(x.getDataType(), false).reshape(d, 1, d);
        return new Jet(coordinates, x, seed, null);
    }

    /**
     * Affine map of each column, {@code v * scale + shift} (e.g. input normalisation to [-1, 1]); scale and
     * shift are [w]. Derivatives scale by the same factor.
     */
    public Jet affine(NDArray scale, NDArray shift) {
        return new Jet(coordinates, value.mul(scale).add(shift), first.mul(scale), second == null ? null : second.mul(scale));
    }

    /** Dense layer {@code h W + b}; {@code bias} may be null. W is [w_in, w_out]. */
    public Jet dense(NDArray weight, NDArray bias) {
        NDArray v = value.matMul(weight);
        if (bias != null) {
            v = v.add(bias);
        }
        return new Jet(coordinates, v, batchedMatMul(first, weight), second == null ? null : batchedMatMul(second, weight));
    }

    private static NDArray batchedMatMul(NDArray channels, NDArray weight) {
        Shape s = channels.getShape();
        return channels.reshape(s.get(0) * s.get(1), s.get(2)).matMul(weight).reshape(s.get(0), s.get(1), -1);
    }

    /** Pointwise activation with the chain rule up to second order. */
    public Jet activate(Activation activation) {
        NDArray s = activation.apply(value);
        boolean needSecond = !coordinates.secondPairs().isEmpty();
        NDArray[] d = activation.derivatives(value, s, needSecond);
        NDArray f1 = d[0];
        NDArray newFirst = first.mul(f1);
        NDArray newSecond = null;
        if (needSecond) {
            List<NDArray> pairs = new ArrayList<>();
            for (int[] p : coordinates.secondPairs()) {
                pairs.add(first.get(p[0]).mul(first.get(p[1])));
            }
            NDArray products = NDArrays.stack(new ai.djl.ndarray.NDList(pairs));
            newSecond = products.mul(d[1]);
            if (second != null) {
                newSecond = newSecond.add(second.mul(f1));
            }
        }
        return new Jet(coordinates, s, newFirst, newSecond);
    }

    /** Values [N, w]. */
    public NDArray value() {
        return value;
    }

    /** Values of output column {@code k}, [N, 1]. */
    public NDArray value(int k) {
        return value.get(":, " + k + ":" + (k + 1));
    }

    /** d value / d coordinate, [N, w]. */
    public NDArray d(String coordinate) {
        return broadcastRow(first.get(coordinates.index(coordinate)));
    }

    /** d^2 value / (d a d b), [N, w]; the pair must have been requested in the {@link Coordinates}. */
    public NDArray d2(String a, String b) {
        int k = coordinates.secondIndex(coordinates.index(a), coordinates.index(b));
        if (k < 0) {
            throw new IllegalArgumentException("second derivative d2/d" + a + "d" + b
                    + " was not requested; add .withSecond(\"" + a + "\", \"" + b + "\") to the Coordinates");
        }
        if (second == null) {
            return value.zerosLike();
        }
        return second.get(k);
    }

    private NDArray broadcastRow(NDArray derivative) {
        return derivative.getShape().get(0) == value.getShape().get(0) ? derivative : derivative.broadcast(value.getShape());
    }

    public Coordinates coordinates() {
        return coordinates;
    }
}
