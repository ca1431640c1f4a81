package org.repcon.physics.hamiltonian;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import org.repcon.derivatives.Coordinates;
import org.repcon.derivatives.Jet;

/**
 * The Hamiltonian condition (Greydanus et al. 2019): a network predicts a scalar H(q, p) and the dynamics
 * follow from Hamilton's equations
 * <pre>  dq/dt = dH/dp,   dp/dt = -dH/dq  </pre>
 * so the learned field conserves the learned H exactly. Shapes: H is [N, 1], the field [N, 2].
 */
public final class HamiltonianField {
    /** Input coordinates (q, p); first derivatives only. */
    public static final Coordinates COORDINATES = Coordinates.of("q", "p");

    private HamiltonianField() {}

    /** (dH/dp, -dH/dq) from the jet of H. */
    public static NDArray of(Jet h) {
        return NDArrays.concat(new NDList(h.d("p"), h.d("q").neg()), 1);
    }
}
