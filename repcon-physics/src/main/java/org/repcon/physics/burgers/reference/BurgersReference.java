package org.repcon.physics.burgers.reference;

import java.util.stream.IntStream;

/**
 * Exact (Cole–Hopf) solution of the viscous Burgers benchmark of Raissi, Perdikaris and Karniadakis
 * (physics-informed neural networks, 2017) and Basdevant et al. (Computers &amp; Fluids 14, 1986):
 * <pre>
 *   u_t + u u_x - nu u_xx = 0,   x in [-1, 1],  t &gt;= 0,
 *   u(0, x) = -sin(pi x),        u(t, -1) = u(t, 1) = 0,      nu = 0.01 / pi by default.
 * </pre>
 *
 * <p><b>Formula.</b> With {@code u = -2 nu phi_x / phi} the equation becomes the heat equation
 * {@code phi_t = nu phi_xx} with {@code phi(0, x) = f(x) = exp(-cos(pi x) / (2 pi nu))}, hence
 * <pre>
 *   u(t, x) = - ∫ sin(pi (x - eta)) f(x - eta) exp(-eta^2 / (4 nu t)) d eta
 *             / ∫ f(x - eta) exp(-eta^2 / (4 nu t)) d eta.
 * </pre>
 * Substituting {@code eta = c s} with {@code c = 2 sqrt(nu t)} turns this into a weighted average
 * {@code u = -<sin(pi y)>} over {@code y = x - c s} with weights
 * {@code w(s) = exp(E(s))}, {@code E(s) = -A cos(pi y) - s^2}, {@code A = 1 / (2 pi nu)} (= 50 for the
 * default viscosity). Because {@code f} is 2-periodic and even, the integrands at {@code x = ±1} are
 * odd in {@code s}, so the boundary conditions hold exactly, and {@code u(t, -x) = -u(t, x)}.
 * Differentiating the average gives the exact slope
 * {@code u_x = -pi <cos(pi y)> - A pi Var(sin(pi y))} ({@link #ux}).
 *
 * <p><b>Numerics.</b> The exponent {@code E} spans about {@code 2A} (= 100), so both sums are
 * evaluated in log space ({@code E - max E} before {@code exp}). The integrals are computed with the
 * trapezoidal rule on {@code s in [-L, L]}, {@code L = sqrt(2A + 50)}: outside it the integrand is
 * below {@code e^-50} times its maximum. The integrand is entire and decays like {@code exp(-s^2)},
 * so the rule converges geometrically in the node spacing {@code h} once {@code 2 pi / h} clears the
 * integrand's highest frequency {@code pi c M}, where {@code M = sqrt(90 A) + 20} bounds the harmonics of
 * {@code exp(-A cos(pi y))} above round-off. The automatic rule (default) therefore uses, at each time,
 * {@code h = min(1/32, pi / (pi c M + 14))}, i.e. at least twice the resolution needed; for the
 * benchmark that is 785 nodes for every {@code t <= 1}, converged to round-off: doubling the nodes
 * changes the standard grid by about 1e-14 (already ~100 nodes give 1e-14). Checked up to
 * {@code t = 100} for {@code nu} from 1e-4 to 1. {@link #withQuadraturePoints(int)} fixes the node
 * count instead (for convergence checks).
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class BurgersReference {
    /** Default viscosity of the benchmark, {@code 0.01 / pi}. */
    public static final double STANDARD_VISCOSITY = 0.01 / Math.PI;
    /** Largest node spacing in {@code s} used by the automatic rule. */
    public static final double MAX_AUTO_SPACING = 1.0 / 32;

    private final double nu;
    /** {@code A = 1 / (2 pi nu)}. */
    private final double a;
    /** Half-width {@code L} of the truncated {@code s}-interval. */
    private final double half;
    /** Number of harmonics {@code M} of {@code exp(-A cos(pi y))} above round-off. */
    private final double harmonics;
    /** Fixed node count, or 0 for the automatic per-time rule. */
    private final int fixedPoints;

    private BurgersReference(double nu, int fixedPoints) {
        if (!(nu > 0) || Double.isInfinite(nu)) {
            throw new IllegalArgumentException("viscosity must be positive and finite: " + nu);
        }
        this.nu = nu;
        this.a = 1.0 / (2.0 * Math.PI * nu);
        this.half = Math.sqrt(2 * a + 50);
        this.harmonics = Math.sqrt(90 * a) + 20;
        this.fixedPoints = fixedPoints;
    }

    /** The benchmark: {@code nu = 0.01 / pi}, automatic quadrature. */
    public static BurgersReference standard() {
        return withViscosity(STANDARD_VISCOSITY);
    }

    /** Same problem with viscosity {@code nu > 0}, automatic quadrature. */
    public static BurgersReference withViscosity(double nu) {
        return new BurgersReference(nu, 0);
    }

    /**
     * Copy of this reference that uses {@code points} equally spaced trapezoidal nodes on {@code [-L, L]}
     * at every time, instead of the automatic rule (see the class comment). Meant for convergence checks;
     * too few nodes alias at late times.
     */
    public BurgersReference withQuadraturePoints(int points) {
        if (points < 3) {
            throw new IllegalArgumentException("need at least 3 quadrature points: " + points);
        }
        return new BurgersReference(nu, points);
    }

    /** Copy of this reference with the automatic, time-dependent node count (the default). */
    public BurgersReference withAutomaticQuadrature() {
        return new BurgersReference(nu, 0);
    }

    /**
     * The {@code 256 x 100} grid of Raissi's {@code burgers_shock.mat}: {@code x = linspace(-1, 1, 256)},
     * {@code t = linspace(0, 0.99, 100)}, for {@code nu = 0.01 / pi}.
     */
    public static ReferenceGrid standardGrid() {
        return standard().grid(256, 100, 0.99);
    }

    public double viscosity() {
        return nu;
    }

    /** Number of trapezoidal nodes used at time {@code t > 0}. */
    public int quadraturePoints(double t) {
        checkTime(t);
        if (fixedPoints > 0) {
            return fixedPoints;
        }
        double c = 2 * Math.sqrt(nu * t);
        double h = Math.min(MAX_AUTO_SPACING, Math.PI / (Math.PI * c * harmonics + 14));
        return 2 * (int) Math.ceil(half / h) + 1;
    }

    /** Exact {@code u(t, x)}; {@code t = 0} returns {@code -sin(pi x)}. Valid for any real {@code x}. */
    public double u(double t, double x) {
        return new Slice(t).u(x);
    }

    /**
     * Exact slope {@code du/dx (t, x)} from the differentiated Cole–Hopf average; {@code t = 0} returns
     * {@code -pi cos(pi x)}. Benchmark: for {@code nu = 0.01 / pi} the steepest slope, at {@code x = 0}
     * and {@code t = 1.6037 / pi}, is {@code -152.00516} (Basdevant et al. 1986).
     */
    public double ux(double t, double x) {
        return new Slice(t).ux(x);
    }

    /**
     * Values on {@code x = linspace(-1, 1, nx)} by {@code t = linspace(0, tMax, nt)}, computed in
     * parallel over time rows.
     */
    public ReferenceGrid grid(int nx, int nt, double tMax) {
        if (nx < 2 || nt < 2 || !(tMax > 0) || Double.isInfinite(tMax)) {
            throw new IllegalArgumentException("need nx, nt >= 2 and tMax > 0: " + nx + ", " + nt + ", " + tMax);
        }
        double[] x = linspace(-1, 1, nx);
        double[] t = linspace(0, tMax, nt);
        double[][] u = new double[nt][];
        IntStream.range(0, nt).parallel().forEach(it -> {
            Slice slice = new Slice(t[it]);
            double[] row = new double[nx];
            for (int ix = 0; ix < nx; ix++) {
                row[ix] = slice.u(x[ix]);
            }
            u[it] = row;
        });
        return new ReferenceGrid(t, x, u);
    }

    private static void checkTime(double t) {
        if (!(t >= 0) || Double.isInfinite(t)) {
            throw new IllegalArgumentException("time must be finite and >= 0: " + t);
        }
    }

    private static double[] linspace(double lo, double hi, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = lo + (hi - lo) * i / (n - 1);
        }
        v[n - 1] = hi;
        return v;
    }

    /**
     * One time level: nodes {@code s_k}, {@code -s_k^2}, {@code cos(pi c s_k)} and {@code sin(pi c s_k)},
     * so that {@code cos(pi (x - c s))} and {@code sin(pi (x - c s))} follow from the addition theorems
     * and each evaluation costs one {@code exp} per node.
     */
    private final class Slice {
        private final boolean initial;
        private final double[] logGauss;
        private final double[] cosCs;
        private final double[] sinCs;

        Slice(double t) {
            checkTime(t);
            initial = t == 0;
            int n = initial ? 0 : quadraturePoints(t);
            logGauss = new double[n];
            cosCs = new double[n];
            sinCs = new double[n];
            double pc = Math.PI * 2.0 * Math.sqrt(nu * t);
            for (int k = 0; k < n; k++) {
                // symmetric nodes, s_k = -s_(n-1-k), so odd symmetry in x holds to round-off
                double s = half * (2.0 * k - (n - 1)) / (n - 1);
                logGauss[k] = -s * s;
                cosCs[k] = Math.cos(pc * s);
                sinCs[k] = Math.sin(pc * s);
            }
        }

        double u(double x) {
            if (initial) {
                return -Math.sin(Math.PI * x);
            }
            return -moments(x, false)[0];
        }

        double ux(double x) {
            if (initial) {
                return -Math.PI * Math.cos(Math.PI * x);
            }
            double[] m = moments(x, true);
            return -Math.PI * m[1] - a * Math.PI * m[2];
        }

        /** {@code <sin(pi y)>} and, if requested, {@code <cos(pi y)>} and {@code Var(sin(pi y))}. */
        private double[] moments(double x, boolean withSlope) {
            int n = logGauss.length;
            double sx = Math.sin(Math.PI * x);
            double cx = Math.cos(Math.PI * x);
            double[] e = new double[n];
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < n; k++) {
                e[k] = logGauss[k] - a * (cx * cosCs[k] + sx * sinCs[k]);
                max = Math.max(max, e[k]);
            }
            double sumW = 0;
            double sumSin = 0;
            double sumCos = 0;
            for (int k = 0; k < n; k++) {
                double d = e[k] - max;
                // weights below e^-60 of the largest are far below the round-off of the sums
                double w = d < -60 ? 0 : Math.exp(d);
                e[k] = w; // reuse the buffer for the weights
                if (w != 0) {
                    sumW += w;
                    sumSin += w * (sx * cosCs[k] - cx * sinCs[k]);
                    if (withSlope) {
                        sumCos += w * (cx * cosCs[k] + sx * sinCs[k]);
                    }
                }
            }
            double meanSin = sumSin / sumW;
            if (!withSlope) {
                return new double[] {meanSin};
            }
            double var = 0;
            for (int k = 0; k < n; k++) {
                if (e[k] != 0) {
                    double dev = sx * cosCs[k] - cx * sinCs[k] - meanSin;
                    var += e[k] * dev * dev;
                }
            }
            return new double[] {meanSin, sumCos / sumW, var / sumW};
        }
    }
}
