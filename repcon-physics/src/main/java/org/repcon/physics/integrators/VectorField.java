package org.repcon.physics.integrators;

/**
 * An autonomous vector field {@code dx/dt = f(x)} evaluated on a <em>batch</em> of states.
 *
 * <p>{@code states[i]} is the i-th state (for the 1-degree-of-freedom systems of {@code org.repcon.physics.hamiltonian.systems}
 * {@code states[i] = {q, p}}), and the implementation writes {@code f(states[i])} into
 * {@code derivativesOut[i]} (same shape; for Hamiltonian systems {@code {dq/dt, dp/dt}}).
 * Batching lets a neural network evaluate all trajectories of a rollout in one forward pass per
 * integrator stage. Implementations must not keep references to either array and must not modify
 * {@code states}.
 */
@FunctionalInterface
public interface VectorField {

    /** Writes {@code f(states[i])} into {@code derivativesOut[i]} for every row {@code i}. */
    void evaluate(double[][] states, double[][] derivativesOut);
}
