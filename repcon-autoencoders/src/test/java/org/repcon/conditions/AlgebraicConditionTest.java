package org.repcon.conditions;

import org.repcon.DjlTestCase;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.repcon.nn.Scalars;

class AlgebraicConditionTest extends DjlTestCase {
    record Out(NDArray z) {}

    private final double[] z = {1, 2, 0, 3, 0.5, 0.5}; // [2, 3]

    @Test
    void userLambdaWithOneOrSeveralEquations() {
        // f(z) = z_0 - z_1 per sample: -1, 2.5 -> mean square (1 + 6.25) / 2
        Function<NDArray, NDArray> diff = v -> v.get(":, 0").sub(v.get(":, 1"));
        assertEquals(3.625, value(AlgebraicCondition.of(diff, Out::z).compute(new Out(array(z, 2, 3)))), 1e-15);
        // two equations [B, 2]: z_0 - z_1 and 2 z_2: values (-1, 0) and (2.5, 1) -> (1 + 0 + 6.25 + 1) / 4
        Function<NDArray, NDArray> two = v -> v.get(":, 0").sub(v.get(":, 1"))
                .stack(Scalars.times(v.get(":, 2"), 2), 1);
        assertEquals(8.25 / 4, value(AlgebraicCondition.of(two, array(z, 2, 3))), 1e-15);
    }

    @Test
    void conservedNorm() {
        // |z|^2 = 5 and 9.5; c = 5: residuals 0 and 4.5
        Function<NDArray, NDArray> f = AlgebraicCondition.conservedNorm(5);
        assertEquals(4.5 * 4.5 / 2, value(AlgebraicCondition.of(f, array(z, 2, 3))), 1e-13);
        assertEquals(4.5 * 4.5 / 2, value(AlgebraicCondition.of(f, array(z, 2, 3, 1, 1))), 1e-13, "matrix latent");
        // d/dz mean (|z|^2 - c)^2 = 2 r 2 z / B
        assertArrayEquals(new double[] {0, 0, 0, 27, 4.5, 4.5},
                gradient(array(z, 2, 3), x -> AlgebraicCondition.of(f, x)), 1e-13);
    }

    @Test
    void linear() {
        // a = (1, -1, 2), b = 1: a.z = -1 and 3.5 -> residuals -2, 2.5
        Function<NDArray, NDArray> f = AlgebraicCondition.linear(new double[] {1, -1, 2}, 1);
        assertEquals((4 + 6.25) / 2, value(AlgebraicCondition.of(f, array(z, 2, 3))), 1e-14);
        NDArray f32 = AlgebraicCondition.of(f, array(z, 2, 3).toType(DataType.FLOAT32, false));
        assertEquals(DataType.FLOAT32, f32.getDataType());
        assertEquals(5.125, value(f32), 1e-6);
        assertArrayEquals(new double[] {-2, 2, -4, 2.5, -2.5, 5},
                gradient(array(z, 2, 3), x -> AlgebraicCondition.of(f, x)), 1e-14);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AlgebraicCondition.of(f, array(new double[4], 2, 2)));
        assertTrue(e.getMessage().contains("3 coefficients") && e.getMessage().contains("2 dimensions"), e.getMessage());
    }

    @Test
    void builtinsByName() {
        NDArray a = array(z, 2, 3);
        assertEquals(value(AlgebraicCondition.of(AlgebraicCondition.conservedNorm(5), a)),
                value(AlgebraicCondition.of(AlgebraicCondition.builtin("conserved_norm", Map.of("c", 5)), a)));
        assertEquals(value(AlgebraicCondition.of(AlgebraicCondition.linear(new double[] {1, -1, 2}, 1), a)),
                value(AlgebraicCondition.of(
                        AlgebraicCondition.builtin("linear", Map.of("a", List.of(1, -1.0, 2), "b", 1.0)), a)));
    }

    @Test
    void builtinErrorsAreClear() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> AlgebraicCondition.builtin("energy", Map.of()));
        assertTrue(unknown.getMessage().contains("'energy'") && unknown.getMessage().contains("conserved_norm(c)")
                && unknown.getMessage().contains("linear(a, b)"), unknown.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> AlgebraicCondition.builtin("linear", Map.of("a", List.of(1.0))));
        assertTrue(missing.getMessage().contains("'b'"), missing.getMessage());
        IllegalArgumentException extra = assertThrows(IllegalArgumentException.class,
                () -> AlgebraicCondition.builtin("conserved_norm", Map.of("c", 1, "k", 2)));
        assertTrue(extra.getMessage().contains("[k]"), extra.getMessage());
        IllegalArgumentException type = assertThrows(IllegalArgumentException.class,
                () -> AlgebraicCondition.builtin("conserved_norm", Map.of("c", "one")));
        assertTrue(type.getMessage().contains("'c'") && type.getMessage().contains("number"), type.getMessage());
    }

    @Test
    void residualMustBePerSample() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AlgebraicCondition.of(v -> v.sum(), array(z, 2, 3)));
        assertTrue(e.getMessage().contains("[B] or [B, k]"), e.getMessage());
    }
}
