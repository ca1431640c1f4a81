package org.repcon.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Safe arithmetic with plain numbers on arrays that are differentiated.
 *
 * <p>Never write {@code x.mul(number)} (nor {@code div}, {@code pow}, {@code maximum}, {@code minimum} with a
 * number) on an array that takes part in a backward pass: DJL 0.36 wraps the number in a tensor over a Java
 * direct buffer and releases it right after the op, but autograd keeps that tensor for the backward pass, which
 * then reads freed memory once the garbage collector has released the buffer (rare, GC-dependent garbage
 * gradients; found by {@code ScalarConstantLifetimeTest}). {@code add} and {@code sub} with a number are safe:
 * their backward does not use the number. Use {@link #times} or {@link #constant} instead.
 *
 * <p>For the same reason, an array made from Java values ({@code manager.create(...)}) and used in a backward
 * pass goes through {@link #owned} first.
 */
public final class Scalars {
    private Scalars() {}

    /** {@code value} as a 0-d array of {@code like}'s data type, in libtorch's own memory. */
    public static NDArray constant(NDArray like, double value) {
        DataType type = like.getDataType();
        // two 0-d operands promote to float64: convert back (a conversion is a copy, also in libtorch's memory)
        return like.getManager().zeros(new Shape(), type).add(value).toType(type, false);
    }

    /**
     * {@code a} (typically just made from Java values) converted to {@code type} as a copy in libtorch's memory,
     * in {@code a}'s manager: autograd may keep it after we return, the Java buffer behind {@code a} it must not.
     */
    public static NDArray owned(NDArray a, DataType type) {
        NDArray converted = a.toType(type, false);
        return converted == a ? a.duplicate() : converted;
    }

    /** {@code a * value}, safe under autograd. */
    public static NDArray times(NDArray a, double value) {
        return a.mul(constant(a, value));
    }
}
