package org.repcon.physics.hamiltonian;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import org.repcon.physics.integrators.VectorField;
import org.repcon.nn.Matrices;
import org.repcon.nn.Mlp;

/**
 * A learned time derivative d(q, p)/dt = F(q, p), [N, 2] -> [N, 2]: either the baseline (the network
 * outputs F directly) or a Hamiltonian network (the network outputs H, F = {@link HamiltonianField}).
 */
public interface Dynamics {
    /** F at the states [N, 2] (differentiable w.r.t. the parameters). */
    NDArray timeDerivative(NDArray states);

    /** Baseline: F = network(q, p), network 2 -> 2. */
    static Dynamics direct(Mlp network) {
        return network::forward;
    }

    /** Hamiltonian network: F = (dH/dp, -dH/dq), network 2 -> 1. */
    static Dynamics hamiltonian(Mlp network) {
        return states -> HamiltonianField.of(network.jet(states, HamiltonianField.COORDINATES));
    }

    /** This model as a batched vector field on plain arrays, for RK4 rollouts (no gradients). */
    default VectorField asVectorField(NDManager parent, DataType dataType) {
        return (states, out) -> {
            try (NDScope scope = new NDScope(); NDManager m = parent.newSubManager()) {
                double[][] f = Matrices.rows(timeDerivative(Matrices.of(m, states, dataType)));
                for (int i = 0; i < f.length; i++) {
                    System.arraycopy(f[i], 0, out[i], 0, f[i].length);
                }
            }
        };
    }
}
