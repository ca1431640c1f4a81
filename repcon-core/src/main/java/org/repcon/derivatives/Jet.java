package org.repcon.derivatives;

import ai.djl.ndarray.NDArray;
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
 *   <li>{@code first}: d arrays (one per input coordinate), each [N, w] or [1, w] (broadcast over N)
 *   <li>{@code second}: m arrays (one per requested pair), each [N, w] or [1, w], or null (all zero)
 * </ul>
 *
 * <p>Rules: for a dense layer {@code a = h W + b}: {@code a_i = h_i W}, {@code a_ij = h_ij W}; for
 * {@code s = f(a)}: {@code s_i = f'(a) a_i}, {@code s_ij = f''(a) a_i a_j + f'(a) a_ij}.
 *
 * <p>Each derivative is its own array rather than a slice of a stacked one: autograd's backward of a slice
 * allocates and zero-fills the whole stacked array, which once cost a third of a Burgers training step.
 */
public final class Jet {
    private final Coordinates coordinates;
    private final NDArray value;
    private final List<NDArray> first;
    private final List<NDArray> second;

    Jet(Coordinates coordinates, NDArray value, List<NDArray> first, List<NDArray> second) {
        this.coordinates = coordinates;
        this.value = value;
        this.first = first;
        this.second = second;
    }

    /** The jet of the inputs themselves: value x [N, d], dx/dx_i = e_i ([1, d]), second derivatives zero. */
    public static Jet ofInputs(NDArray x, Coordinates coordinates) {
        int d = coordinates.size();
        if (x.getShape().dimension() != 2 || x.getShape().get(1) != d) {
            throw new IllegalArgumentException("inputs must be [N, " + d + "] for coordinates "
                    + coordinates.names() + ", got " + x.getShape());
        }
        NDArray eye = x.getManager().eye(d).toType(x.getDataType(), false);
        List<NDArray> seeds = new ArrayList<>(d);
        for (int i = 0; i < d; i++) {
            seeds.add(eye.get(i + ":" + (i + 1)));
        }
        return new Jet(coordinates, x, seeds, null);
    }

    /**
     * Affine map of each column, {@code v * scale + shift} (e.g. input normalisation to [-1, 1]); scale and
     * shift are [w]. Derivatives scale by the same factor.
     */
    public Jet affine(NDArray scale, NDArray shift) {
        return new Jet(coordinates, value.mul(scale).add(shift), map(first, a -> a.mul(scale)),
                second == null ? null : map(second, a -> a.mul(scale)));
    }

    /** Dense layer {@code h W + b}; {@code bias} may be null. W is [w_in, w_out]. */
    public Jet dense(NDArray weight, NDArray bias) {
        NDArray v = value.matMul(weight);
        if (bias != null) {
            v = v.add(bias);
        }
        return new Jet(coordinates, v, map(first, a -> a.matMul(weight)),
                second == null ? null : map(second, a -> a.matMul(weight)));
    }

    /** Pointwise activation with the chain rule up to second order. */
    public Jet activate(Activation activation) {
        NDArray s = activation.apply(value);
        List<int[]> pairs = coordinates.secondPairs();
        NDArray[] d = activation.derivatives(value, s, !pairs.isEmpty());
        NDArray f1 = d[0];
        List<NDArray> newFirst = map(first, a -> a.mul(f1));
        List<NDArray> newSecond = null;
        if (!pairs.isEmpty()) {
            newSecond = new ArrayList<>(pairs.size());
            for (int k = 0; k < pairs.size(); k++) {
                int[] p = pairs.get(k);
                // the [1, w] or [N, w] product first, then one full-size multiply by f''
                NDArray s2 = first.get(p[0]).mul(first.get(p[1])).mul(d[1]);
                newSecond.add(second == null ? s2 : s2.add(second.get(k).mul(f1)));
            }
        }
        return new Jet(coordinates, s, newFirst, newSecond);
    }

    private static List<NDArray> map(List<NDArray> arrays, java.util.function.UnaryOperator<NDArray> f) {
        List<NDArray> out = new ArrayList<>(arrays.size());
        for (NDArray a : arrays) {
            out.add(f.apply(a));
        }
        return out;
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
        return broadcastRow(second.get(k));
    }

    private NDArray broadcastRow(NDArray derivative) {
        return derivative.getShape().get(0) == value.getShape().get(0) ? derivative : derivative.broadcast(value.getShape());
    }

    public Coordinates coordinates() {
        return coordinates;
    }
}
