package org.repcon.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.IValue;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * libtorch operators that DJL 0.36 has no binding for, each one native kernel forward and one backward (the ones
 * {@code torch.nn.GroupNorm}, {@code F.silu} and a per-tensor {@code torch.optim.Adam} step run), reached through a
 * {@link TorchScript} module compiled once per process at first use.
 *
 * <ul>
 *   <li>{@link #groupNorm}: {@code torch.group_norm} (libtorch's {@code native_group_norm}), replacing a layer norm
 *       plus an evaluation-mode batch norm for the affine (2 kernels each way).</li>
 *   <li>{@link #silu}: {@code torch.silu}, {@code a / (1 + e^-a)}, replacing {@code a * sigmoid(a)} (2 kernels
 *       forward, 3 backward).</li>
 *   <li>{@link #adamUpdate}: the Adam update of all parameter arrays in one call (about 30 JNI calls and as many
 *       Java objects per array before), with exactly the same tensor ops and scalars as written out in Java.</li>
 *   <li>{@link #emaUpdate}: an exponential moving average of all arrays in one call, likewise.</li>
 * </ul>
 */
public final class FusedOps {
    private static final String SOURCE = String.join("\n",
            "  def group_norm(self, x: Tensor, gamma: Tensor, beta: Tensor, spec: Tensor) -> Tensor:",
            "    return torch.group_norm(x, int(spec[0]), gamma, beta, float(spec[1]))",
            "  def silu(self, x: Tensor) -> Tensor:",
            "    return torch.silu(x)",
            "  def adam(self, params: List[Tensor], m: List[Tensor], v: List[Tensor], h: List[float]) -> int:",
            "    beta1 = h[0]",
            "    beta2 = h[1]",
            "    c2 = h[2]",
            "    eps = h[3]",
            "    step = h[4]",
            "    decay = h[5]",
            "    for i in range(len(params)):",
            "      p = params[i]",
            "      g = p.grad",
            // prim::grad gives an undefined tensor, not None, for an array the backward pass did not reach;
            // prim::AutogradAllZero is libtorch's test for undefined tensors
            "      if ops.prim.AutogradAllZero(g):",
            "        g = torch.zeros_like(p)",
            "      if decay != 0.0:",
            "        g = g.add(p.mul(decay))",
            "      m[i].mul_(beta1).add_(g.mul(1.0 - beta1))",
            "      v[i].mul_(beta2).add_(g.square().mul_(1.0 - beta2))",
            "      denom = v[i].div(c2).sqrt().add_(eps)",
            "      p.sub_(m[i].mul(step).div_(denom))",
            "    return len(params)",
            "  def ema(self, averages: List[Tensor], params: List[Tensor], h: List[float]) -> int:",
            "    d = h[0]",
            "    for i in range(len(params)):",
            "      averages[i].mul_(d).add_(params[i].mul(1.0 - d))",
            "    return len(params)",
            "");

    private static final Map<String, NDArray> GROUP_NORM_SPECS = new ConcurrentHashMap<>();

    private FusedOps() {}

    /** The module, compiled at first use. */
    private static final class Holder {
        static final TorchScript SCRIPT = TorchScript.compile(SOURCE);
    }

    /**
     * Group normalisation as {@code torch.nn.functional.group_norm}: for {@code x [B, C, ...]}, per sample b and
     * group g of C/G consecutive channels, over the group's n values,
     * {@code y = (x - mean_{b,g}) / sqrt(var_{b,g} + eps) * gamma[c] + beta[c]} (biased variance).
     *
     * @param x {@code [B, C, ...]}, C divisible by {@code groups}
     * @param gamma {@code [C]}
     * @param beta {@code [C]}
     * @return {@code y}, the shape of x, in x's manager; differentiable in x, gamma and beta
     */
    public static NDArray groupNorm(NDArray x, int groups, NDArray gamma, NDArray beta, double eps) {
        TorchScript script = Holder.SCRIPT;
        NDArray spec = GROUP_NORM_SPECS.computeIfAbsent(groups + "/" + eps, k -> script.constant(groups, eps));
        return script.call("group_norm", x, gamma, beta, spec);
    }

    /** SiLU {@code a / (1 + e^-a)} (libtorch's kernel), same shape, in a's manager; differentiable. */
    public static NDArray silu(NDArray a) {
        return Holder.SCRIPT.call("silu", a);
    }

    /**
     * One Adam update, in place, of every array in {@code params} (its gradient {@code g}, moments {@code m} and
     * {@code v} of the same shape), with the exact ops of this Java code and scalars computed in double:
     * <pre>
     * if (decay != 0) g = g.add(p.mul(decay));
     * m.muli(beta1).addi(g.mul(1 - beta1));
     * v.muli(beta2).addi(g.square().muli(1 - beta2));
     * denom = v.div(c2).sqrt().addi(eps);
     * p.subi(m.mul(step).divi(denom));
     * </pre>
     * An array without a gradient (not reached by the last backward pass) has {@code g = 0}, as DJL's
     * {@code getGradient()} gives it.
     *
     * @param c2 {@code 1 - beta2^t}
     * @param step {@code lr / (1 - beta1^t)}
     */
    public static void adamUpdate(List<NDArray> params, List<NDArray> m, List<NDArray> v, double beta1, double beta2, double c2,
            double eps, double step, double decay) {
        if (params.size() != m.size() || params.size() != v.size()) {
            throw new IllegalArgumentException("adamUpdate: " + params.size() + " parameter arrays, " + m.size() + " first and "
                    + v.size() + " second moments");
        }
        TorchScript script = Holder.SCRIPT;
        try (IValue p = IValue.listFrom(params.toArray(new PtNDArray[0]));
                IValue mi = IValue.listFrom(m.toArray(new PtNDArray[0]));
                IValue vi = IValue.listFrom(v.toArray(new PtNDArray[0]));
                IValue h = IValue.listFrom(beta1, beta2, c2, eps, step, decay);
                IValue result = script.run("adam", p, mi, vi, h)) {
            if (result.toLong() != params.size()) {
                throw new IllegalStateException("adamUpdate: the script updated " + result.toLong() + " of " + params.size() + " arrays");
            }
        }
    }

    /**
     * {@code averages[i].muli(d).addi(params[i].mul(1 - d))} for every i, in place, without autograd: the same ops
     * and scalar as written out in Java, one native call for all arrays.
     */
    public static void emaUpdate(List<NDArray> averages, List<NDArray> params, double d) {
        if (averages.size() != params.size()) {
            throw new IllegalArgumentException("emaUpdate: " + averages.size() + " averages for " + params.size() + " arrays");
        }
        try (IValue a = IValue.listFrom(averages.toArray(new PtNDArray[0]));
                IValue p = IValue.listFrom(params.toArray(new PtNDArray[0]));
                IValue h = IValue.listFrom(d);
                IValue result = Holder.SCRIPT.run("ema", a, p, h)) {
            if (result.toLong() != params.size()) {
                throw new IllegalStateException("emaUpdate: the script updated " + result.toLong() + " of " + params.size() + " arrays");
            }
        }
    }
}
