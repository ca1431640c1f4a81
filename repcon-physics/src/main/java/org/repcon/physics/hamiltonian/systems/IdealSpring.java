package org.repcon.physics.hamiltonian.systems;

/**
 * Task 1 of the HNN paper: the ideal (frictionless, linear) mass-spring system.
 *
 * <pre>
 *   H(q, p) = a q^2 + b p^2
 *   dq/dt   =  dH/dp = 2 b p
 *   dp/dt   = -dH/dq = -2 a q
 * </pre>
 *
 * <p>The default {@code a = b = 1} is the paper <em>code</em>'s {@code H = p**2 + q**2}
 * ({@code experiment-spring/data.py}), so {@code dq/dt = 2p}, {@code dp/dt = -2q} and the angular frequency
 * is {@code omega = 2 sqrt(ab) = 2}. (The paper <em>text</em> writes {@code H = k q^2/2 + p^2/(2m)} with
 * {@code k = m = 1}, i.e. {@code a = b = 1/2} and {@code omega = 1}; the published numbers come from the code.
 * Use {@link #fromStiffnessAndMass} for the physical parametrisation.)
 *
 * <p>Closed form through {@code (q0, p0)} at {@code t = 0} ({@link #exactState}):
 * <pre>
 *   q(t) = q0 cos(omega t) + (2 b p0 / omega) sin(omega t)
 *   p(t) = p0 cos(omega t) - (2 a q0 / omega) sin(omega t)
 * </pre>
 * For {@code a = b} this is {@code q = r cos(omega t + phi)}, {@code p = -r sin(omega t + phi)} with
 * {@code r = |(q0, p0)|}, {@code phi = atan2(-p0, q0)}.
 */
public final class IdealSpring implements HamiltonianSystem {

    private final double a;
    private final double b;

    /** The paper code's spring, {@code H = q^2 + p^2}. */
    public IdealSpring() {
        this(1.0, 1.0);
    }

    /** {@code H = a q^2 + b p^2} with {@code a, b > 0}. */
    public IdealSpring(double a, double b) {
        if (!(a > 0) || !(b > 0) || !Double.isFinite(a) || !Double.isFinite(b)) {
            throw new IllegalArgumentException("coefficients must be finite and positive");
        }
        this.a = a;
        this.b = b;
    }

    /** The physical spring {@code H = k q^2 / 2 + p^2 / (2 m)}. */
    public static IdealSpring fromStiffnessAndMass(double stiffness, double mass) {
        return new IdealSpring(stiffness / 2, 1 / (2 * mass));
    }

    public double positionCoefficient() {
        return a;
    }

    public double momentumCoefficient() {
        return b;
    }

    /** {@code omega = 2 sqrt(a b)}. */
    public double angularFrequency() {
        return 2 * Math.sqrt(a * b);
    }

    @Override
    public String name() {
        return "ideal-spring";
    }

    @Override
    public double energy(double q, double p) {
        return a * q * q + b * p * p;
    }

    @Override
    public void timeDerivative(double q, double p, double[] out) {
        out[0] = 2 * b * p;
        out[1] = -2 * a * q;
    }

    /**
     * The paper code's spring data protocol: {@code t in [0, 3]}, timescale 10 (30 observations),
     * radius {@code U[0.1, 1.0)} ({@code rand()*0.9 + 0.1}), noise std 0.1.
     */
    @Override
    public TrajectoryProtocol paperProtocol() {
        return TrajectoryProtocol.fromTimescale(0, 3, 10, TrajectoryProtocol.RadiusSampler.uniform(0.1, 1.0), 0.1);
    }

    /** Writes the exact state at time {@code t} of the trajectory through {@code (q0, p0)} at time 0 into {@code out}. */
    public void exactState(double q0, double p0, double t, double[] out) {
        double omega = angularFrequency();
        double c = Math.cos(omega * t);
        double s = Math.sin(omega * t);
        out[0] = q0 * c + (2 * b * p0 / omega) * s;
        out[1] = p0 * c - (2 * a * q0 / omega) * s;
    }

    @Override
    public String toString() {
        return "IdealSpring[H = " + a + " q^2 + " + b + " p^2]";
    }
}
