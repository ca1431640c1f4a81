package org.repcon.nn;

import ai.djl.ndarray.NDArray;

/**
 * Pointwise activations with their first and second derivatives, as needed by forward-mode (jet)
 * propagation of input derivatives.
 *
 * <p>For {@code s = f(a)}: {@link #apply} gives {@code s}; {@link #derivatives} gives {@code f'(a)} and
 * {@code f''(a)} (each the same shape as {@code a}), reusing {@code s} where the formula allows.
 */
public enum Activation {
    /** tanh: f' = 1 - s^2, f'' = -2 s f'. */
    TANH {
        @Override
        public NDArray apply(NDArray a) {
            return a.tanh();
        }

        @Override
        public NDArray[] derivatives(NDArray a, NDArray s, boolean second) {
            NDArray d1 = s.square().neg().add(1);
            return new NDArray[] {d1, second ? s.mul(d1).mul(Scalars.constant(s, -2)) : null};
        }
    },
    /** sin: f' = cos a, f'' = -sin a = -s. */
    SIN {
        @Override
        public NDArray apply(NDArray a) {
            return a.sin();
        }

        @Override
        public NDArray[] derivatives(NDArray a, NDArray s, boolean second) {
            return new NDArray[] {a.cos(), second ? s.neg() : null};
        }
    },
    /** softplus log(1 + e^a): f' = sigmoid(a), f'' = f'(1 - f'). */
    SOFTPLUS {
        @Override
        public NDArray apply(NDArray a) {
            // log(1 + e^a) = max(a, 0) + log(1 + e^-|a|), stable for large |a|
            return a.maximum(Scalars.constant(a, 0)).add(a.abs().neg().exp().add(1).log());
        }

        @Override
        public NDArray[] derivatives(NDArray a, NDArray s, boolean second) {
            NDArray sig = a.getNDArrayInternal().sigmoid();
            return new NDArray[] {sig, second ? sig.mul(sig.neg().add(1)) : null};
        }
    },
    /** GELU (exact, erf form) a * Phi(a): f' = Phi(a) + a phi(a), f'' = phi(a) (2 - a^2). */
    GELU {
        @Override
        public NDArray apply(NDArray a) {
            return a.mul(cdf(a));
        }

        @Override
        public NDArray[] derivatives(NDArray a, NDArray s, boolean second) {
            NDArray pdf = a.square().mul(Scalars.constant(a, -0.5)).exp().mul(Scalars.constant(a, INV_SQRT_2PI));
            NDArray d1 = cdf(a).add(a.mul(pdf));
            return new NDArray[] {d1, second ? pdf.mul(a.square().neg().add(2)) : null};
        }
    },
    /**
     * SiLU (swish) a * sigmoid(a): f' = sig (1 + a (1 - sig)), f'' = sig (1 - sig) (2 + a (1 - 2 sig)), with
     * sig = sigmoid(a) (libtorch's stable kernel). The value is libtorch's fused {@code silu} kernel
     * ({@link FusedOps#silu}, one kernel each way instead of a sigmoid and a product).
     */
    SILU {
        @Override
        public NDArray apply(NDArray a) {
            return FusedOps.silu(a);
        }

        @Override
        public NDArray[] derivatives(NDArray a, NDArray s, boolean second) {
            NDArray sig = a.getNDArrayInternal().sigmoid();
            NDArray oneMinus = sig.neg().add(1);
            NDArray d1 = sig.mul(a.mul(oneMinus).add(1));
            NDArray d2 = second ? sig.mul(oneMinus).mul(a.mul(oneMinus.sub(sig)).add(2)) : null;
            return new NDArray[] {d1, d2};
        }
    },
    /** ReLU max(a, 0): f' = 1[a > 0], f'' = 0 (almost everywhere; unsuitable for second-order residuals). */
    RELU {
        @Override
        public NDArray apply(NDArray a) {
            return a.maximum(Scalars.constant(a, 0));
        }

        @Override
        public NDArray[] derivatives(NDArray a, NDArray s, boolean second) {
            NDArray d1 = a.gt(0).toType(a.getDataType(), false);
            return new NDArray[] {d1, second ? a.zerosLike() : null};
        }
    };

    private static final double INV_SQRT_2PI = 1.0 / Math.sqrt(2 * Math.PI);

    private static NDArray cdf(NDArray a) {
        return a.mul(Scalars.constant(a, 1.0 / Math.sqrt(2))).erf().add(1).mul(Scalars.constant(a, 0.5));
    }

    /** s = f(a), same shape as a. */
    public abstract NDArray apply(NDArray a);

    /**
     * f'(a) and, if {@code second}, f''(a) (else null).
     *
     * @param a pre-activation
     * @param s {@code apply(a)}, already computed
     */
    public abstract NDArray[] derivatives(NDArray a, NDArray s, boolean second);

    /** Parses a spec name such as {@code "tanh"} (case-insensitive). */
    public static Activation parse(String name) {
        return valueOf(name.trim().toUpperCase(java.util.Locale.ROOT));
    }
}
