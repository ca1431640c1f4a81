package org.repcon.conditions;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.repcon.nn.Scalars;
import org.repcon.objective.LossTerm;

/**
 * Algebraic (physical) condition on the latent, {@code f(z) = 0}, added to the loss as the mean squared
 * residual {@code mean f(z)^2}: the mean over the batch and over the k residual components
 * ({@code mean_b mean_j f_j(z_b)^2}).
 *
 * <p>{@code f} is a residual function from the flat latent batch [B, D] to [B] (one equation) or [B, k]
 * (k equations); a matrix latent [B, D, h, w] is flattened to [B, D h w] (row-major) before {@code f} sees it.
 * {@code f} must be built from differentiable array operations, and must not multiply by plain Java numbers with
 * {@code mul(number)} (use {@link Scalars#times}).
 *
 * <p>Built-in residuals: {@link #conservedNorm} ({@code |z|^2 - c}, e.g. a conserved energy) and {@link #linear}
 * ({@code a . z - b}, e.g. a conserved total); {@link #builtin} selects one by name from a spec.
 */
public final class AlgebraicCondition {
    /** Names known to {@link #builtin}, with their parameters. */
    public static final Map<String, List<String>> BUILTINS = Map.of(
            "conserved_norm", List.of("c"),
            "linear", List.of("a", "b"));

    private AlgebraicCondition() {}

    /** {@code mean f(z)^2} over batch and residual components, a scalar. */
    public static NDArray of(Function<NDArray, NDArray> f, NDArray z) {
        NDArray flat = Latents.flat(z);
        NDArray r = f.apply(flat);
        Shape s = r.getShape();
        if (s.dimension() < 1 || s.dimension() > 2 || s.get(0) != flat.getShape().get(0)) {
            throw new IllegalArgumentException("an algebraic condition's residual must have shape [B] or [B, k] with B = "
                    + flat.getShape().get(0) + ", got " + s);
        }
        return r.square().mean();
    }

    /** The condition as a loss term, e.g. {@code AlgebraicCondition.of(conservedNorm(1), AutoencoderOutput::z)}. */
    public static <O> LossTerm<O> of(Function<NDArray, NDArray> f, Function<O, NDArray> z) {
        return o -> of(f, z.apply(o));
    }

    /** Residual {@code |z_b|^2 - c} per sample, [B] (squared Euclidean norm over the flat latent). */
    public static Function<NDArray, NDArray> conservedNorm(double c) {
        return z -> {
            NDArray sq = z.square().sum(new int[] {1});
            return sq.sub(Scalars.constant(sq, c));
        };
    }

    /** Residual {@code a . z_b - b} per sample, [B]; {@code a} has one coefficient per flat latent dimension. */
    public static Function<NDArray, NDArray> linear(double[] a, double b) {
        double[] coefficients = a.clone();
        return z -> {
            long d = z.getShape().get(1);
            if (d != coefficients.length) {
                throw new IllegalArgumentException("linear condition has " + coefficients.length
                        + " coefficients but the latent has " + d + " dimensions per sample");
            }
            NDArray av = Scalars.owned(z.getManager().create(coefficients), z.getDataType());
            NDArray dot = z.matMul(av.reshape(d, 1)).reshape(-1);
            return dot.sub(Scalars.constant(dot, b));
        };
    }

    /**
     * A built-in residual by name, for specs: {@code conserved_norm} with {@code c} (a number), or {@code linear}
     * with {@code a} (a list of numbers or a double[]) and {@code b} (a number).
     *
     * @throws IllegalArgumentException for an unknown name (the message lists the known ones), a missing or
     *     unknown parameter, or a parameter of the wrong type
     */
    public static Function<NDArray, NDArray> builtin(String name, Map<String, Object> params) {
        List<String> expected = BUILTINS.get(name);
        if (expected == null) {
            throw new IllegalArgumentException("unknown algebraic condition '" + name + "' (known: " + known() + ")");
        }
        Map<String, Object> p = params == null ? Map.of() : params;
        Set<String> unknown = new TreeSet<>(p.keySet());
        unknown.removeAll(expected);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("algebraic condition '" + name + "': unknown parameter(s) " + unknown
                    + " (expected " + expected + ")");
        }
        for (String key : expected) {
            if (p.get(key) == null) {
                throw new IllegalArgumentException("algebraic condition '" + name + "' needs parameter '" + key
                        + "' (expected " + expected + ")");
            }
        }
        return switch (name) {
            case "conserved_norm" -> conservedNorm(number(name, "c", p.get("c")));
            case "linear" -> linear(numbers(name, "a", p.get("a")), number(name, "b", p.get("b")));
            default -> throw new IllegalStateException(name);
        };
    }

    private static String known() {
        List<String> list = new ArrayList<>();
        new TreeSet<>(BUILTINS.keySet()).forEach(n -> list.add(n + "(" + String.join(", ", BUILTINS.get(n)) + ")"));
        return String.join(", ", list);
    }

    private static double number(String name, String key, Object v) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw new IllegalArgumentException("algebraic condition '" + name + "': parameter '" + key
                + "' must be a number, got " + v);
    }

    private static double[] numbers(String name, String key, Object v) {
        if (v instanceof double[] d) {
            return d.clone();
        }
        if (v instanceof List<?> list && !list.isEmpty()) {
            double[] d = new double[list.size()];
            for (int i = 0; i < d.length; i++) {
                d[i] = number(name, key + "[" + i + "]", list.get(i));
            }
            return d;
        }
        throw new IllegalArgumentException("algebraic condition '" + name + "': parameter '" + key
                + "' must be a non-empty list of numbers, got " + v);
    }
}
