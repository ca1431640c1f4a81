package org.repcon.physics.hamiltonian.systems;

import org.repcon.physics.integrators.VectorField;

/**
 * A Hamiltonian system with one degree of freedom, state {@code (q, p)}.
 *
 * <p>Hamilton's equations: {@code dq/dt = dH/dp}, {@code dp/dt = -dH/dq}. The energy {@code H(q, p)}
 * is conserved along exact trajectories.
 */
public interface HamiltonianSystem {

    /** Short identifier, e.g. {@code "ideal-spring"}. */
    String name();

    /** The Hamiltonian (total energy) {@code H(q, p)}. */
    double energy(double q, double p);

    /** Writes {@code out[0] = dq/dt = dH/dp} and {@code out[1] = dp/dt = -dH/dq} at {@code (q, p)}. */
    void timeDerivative(double q, double p, double[] out);

    /** The data-generation settings used for this system by the HNN paper code (Greydanus et al., 2019). */
    TrajectoryProtocol paperProtocol();

    /** {@code H(state[0], state[1])}. */
    default double energy(double[] state) {
        return energy(state[0], state[1]);
    }

    /** This system's exact (ground truth) dynamics as a batched {@link VectorField}. */
    default VectorField vectorField() {
        return (states, out) -> {
            if (states.length != out.length) {
                throw new IllegalArgumentException("states and derivativesOut must have the same number of rows");
            }
            for (int i = 0; i < states.length; i++) {
                timeDerivative(states[i][0], states[i][1], out[i]);
            }
        };
    }
}
