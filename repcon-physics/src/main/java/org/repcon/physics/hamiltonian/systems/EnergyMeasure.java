package org.repcon.physics.hamiltonian.systems;

/**
 * The scalar "energy" {@code E(q, p)} whose drift along a rollout is scored by {@link EnergyEvaluation}.
 *
 * <p>Normally this is the system's true Hamiltonian ({@link #of(HamiltonianSystem)}). The HNN paper's
 * analysis notebooks ({@code analyze-spring.ipynb}, {@code analyze-pend.ipynb}) instead score
 * {@code E = q^2 + p^2} for <em>both</em> tasks ({@code energy_loss} uses {@code (x**2).sum(1)}): for the
 * ideal spring ({@code H = q^2 + p^2}) that is exactly {@code H}, for the pendulum it is not; use
 * {@link #PAPER_SQUARED_NORM} to reproduce the published pendulum numbers' definition.
 */
@FunctionalInterface
public interface EnergyMeasure {

    /** {@code E = q^2 + p^2}, the quantity the paper notebooks' {@code energy_loss} compares. */
    EnergyMeasure PAPER_SQUARED_NORM = (q, p) -> q * q + p * p;

    double energy(double q, double p);

    /** The system's true Hamiltonian {@code H(q, p)}. */
    static EnergyMeasure of(HamiltonianSystem system) {
        return system::energy;
    }
}
