package org.repcon.physics.hamiltonian.systems;

/**
 * Task 2 of the HNN paper: the ideal (frictionless, nonlinear) pendulum.
 *
 * <pre>
 *   H(q, p) = a (1 - cos q) + b p^2
 *   dq/dt   =  dH/dp = 2 b p
 *   dp/dt   = -dH/dq = -a sin q
 * </pre>
 *
 * <p>The default {@code a = 3, b = 1} is the paper <em>code</em>'s {@code H = 3*(1-cos(q)) + p**2}
 * ({@code experiment-pend/data.py}, latest version). The paper <em>text</em> writes
 * {@code H = 2mgl(1 - cos q) + l^2 p^2 / (2m)} with {@code m = l = 1, g = 3}, i.e. {@code a = 6, b = 1/2}
 * ({@link #asWrittenInPaper()}). Both give the same angle motion {@code q'' = -6 sin q} (small-angle
 * {@code omega = sqrt(6)}); they differ only in the momentum scale ({@code p_code = p_text / 2},
 * {@code H_code = H_text / 2}). Since the data protocol's radius is measured in the code's {@code (q, p)}
 * coordinates, the published numbers correspond to the default. The separatrix (rotation threshold) is at
 * {@code H = 2a}.
 */
public final class IdealPendulum implements HamiltonianSystem {

    private final double a;
    private final double b;

    /** The paper code's pendulum, {@code H = 3 (1 - cos q) + p^2}. */
    public IdealPendulum() {
        this(3.0, 1.0);
    }

    /** {@code H = a (1 - cos q) + b p^2} with {@code a, b > 0}. */
    public IdealPendulum(double a, double b) {
        if (!(a > 0) || !(b > 0) || !Double.isFinite(a) || !Double.isFinite(b)) {
            throw new IllegalArgumentException("coefficients must be finite and positive");
        }
        this.a = a;
        this.b = b;
    }

    /** The paper text's {@code H = 2mgl(1 - cos q) + l^2 p^2/(2m)} with {@code m = l = 1, g = 3}: {@code 6(1 - cos q) + p^2/2}. */
    public static IdealPendulum asWrittenInPaper() {
        return new IdealPendulum(6.0, 0.5);
    }

    public double potentialCoefficient() {
        return a;
    }

    public double momentumCoefficient() {
        return b;
    }

    @Override
    public String name() {
        return "ideal-pendulum";
    }

    @Override
    public double energy(double q, double p) {
        return a * (1 - Math.cos(q)) + b * p * p;
    }

    @Override
    public void timeDerivative(double q, double p, double[] out) {
        out[0] = 2 * b * p;
        out[1] = -a * Math.sin(q);
    }

    /**
     * The paper code's pendulum data protocol (latest {@code experiment-pend/data.py}): {@code t in [0, 3]},
     * timescale 15 (45 observations), radius {@code U[1.3, 2.3)} ({@code rand() + 1.3}), noise std 0.1.
     */
    @Override
    public TrajectoryProtocol paperProtocol() {
        return TrajectoryProtocol.fromTimescale(0, 3, 15, TrajectoryProtocol.RadiusSampler.uniform(1.3, 2.3), 0.1);
    }

    @Override
    public String toString() {
        return "IdealPendulum[H = " + a + " (1 - cos q) + " + b + " p^2]";
    }
}
