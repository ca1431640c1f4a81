package org.repcon.physics.burgers.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BurgersReferenceTest {
    private static final BurgersReference REF = BurgersReference.standard();
    private static final double NU = 0.01 / Math.PI;
    private static ReferenceGrid grid;

    /** The grid the tests share (how long it takes is a benchmark's business, not a unit test's). */
    @BeforeAll
    static void computeStandardGrid() {
        grid = BurgersReference.standardGrid();
    }

    @Test
    void standardGridHasRaissiLayout() {
        assertEquals(100, grid.nt());
        assertEquals(256, grid.nx());
        assertEquals(0.0, grid.t()[0]);
        assertEquals(0.99, grid.t()[99], 1e-15);
        assertEquals(0.01, grid.t()[1], 1e-15);
        assertEquals(-1.0, grid.x()[0]);
        assertEquals(1.0, grid.x()[255]);
        assertEquals(2.0 / 255, grid.x()[1] - grid.x()[0], 1e-15);
        for (int it = 0; it < grid.nt(); it++) {
            for (int ix = 0; ix < grid.nx(); ix++) {
                assertEquals(REF.u(grid.t()[it], grid.x()[ix]), grid.u()[it][ix], 0.0);
            }
        }
    }

    @Test
    void initialCondition() {
        for (double x = -1; x <= 1; x += 0.05) {
            assertEquals(-Math.sin(Math.PI * x), REF.u(0, x), 0.0);
            assertEquals(-Math.PI * Math.cos(Math.PI * x), REF.ux(0, x), 0.0);
            double t = 1e-6;
            double u0 = -Math.sin(Math.PI * x);
            // u_t(0) = -u u_x + nu u_xx with u = -sin(pi x)
            double ut0 = -Math.PI * Math.sin(Math.PI * x) * Math.cos(Math.PI * x)
                    + NU * Math.PI * Math.PI * Math.sin(Math.PI * x);
            assertEquals(u0, REF.u(t, x), 1e-4);
            assertEquals(u0 + t * ut0, REF.u(t, x), 1e-9, "first-order Taylor in t at x=" + x);
        }
        for (int ix = 0; ix < grid.nx(); ix++) {
            assertEquals(-Math.sin(Math.PI * grid.x()[ix]), grid.u()[0][ix], 0.0);
        }
    }

    @Test
    void oddSymmetry() {
        for (int it = 0; it < grid.nt(); it++) {
            double[] row = grid.u()[it];
            for (int ix = 0; ix < grid.nx(); ix++) {
                assertEquals(-row[ix], row[grid.nx() - 1 - ix], 1e-10);
            }
        }
        for (double t : new double[] {0.05, 0.3, 1 / Math.PI, 0.7, 1.0}) {
            for (double x : new double[] {1e-3, 0.01, 0.1, 0.37, 0.8}) {
                assertEquals(-REF.u(t, x), REF.u(t, -x), 1e-10);
            }
            assertEquals(0.0, REF.u(t, 0), 1e-12);
        }
    }

    @Test
    void boundaryValuesVanish() {
        for (int it = 0; it < grid.nt(); it++) {
            assertEquals(0.0, grid.u()[it][0], 1e-8);
            assertEquals(0.0, grid.u()[it][grid.nx() - 1], 1e-8);
        }
        for (double t : new double[] {1e-4, 0.5, 1.0, 3.0}) {
            assertEquals(0.0, REF.u(t, -1), 1e-8);
            assertEquals(0.0, REF.u(t, 1), 1e-8);
        }
    }

    @Test
    void convergedUnderQuadratureRefinement() {
        int n = REF.quadraturePoints(0.99);
        assertEquals(785, n);
        ReferenceGrid doubled = REF.withQuadraturePoints(2 * n - 1).grid(256, 100, 0.99);
        assertTrue(grid.maxAbsError(doubled.u()) < 1e-9, "doubling changed grid by " + grid.maxAbsError(doubled.u()));
        ReferenceGrid halved = REF.withQuadraturePoints(n / 2 + 1).grid(256, 100, 0.99);
        assertTrue(grid.maxAbsError(halved.u()) < 1e-9, "halving changed grid by " + grid.maxAbsError(halved.u()));
    }

    @Test
    void automaticRuleConvergesAtLateTimesAndOtherViscosities() {
        for (double nu : new double[] {1e-4, 0.1 / Math.PI, 1.0}) {
            BurgersReference ref = BurgersReference.withViscosity(nu);
            ReferenceGrid g = ref.grid(65, 11, 50);
            int n = ref.quadraturePoints(50);
            ReferenceGrid fine = ref.withQuadraturePoints(2 * n - 1).grid(65, 11, 50);
            assertTrue(g.maxAbsError(fine.u()) < 1e-9, "nu=" + nu + ": " + g.maxAbsError(fine.u()));
        }
    }

    @Test
    void basdevantMaximumSlope() {
        // Basdevant et al. (1986): max_t |u_x(t, 0)| = 152.00516, reached at t = 1.6037 / pi.
        double tStar = 1.6037 / Math.PI;
        double slope = REF.ux(tStar, 0);
        assertEquals(-152.00516, slope, 5e-6);
        assertTrue(Math.abs(REF.ux(tStar - 2e-3, 0)) < Math.abs(slope));
        assertTrue(Math.abs(REF.ux(tStar + 2e-3, 0)) < Math.abs(slope));
        // the slope is still moderate at t = 1/pi
        assertEquals(-34.2263, REF.ux(1 / Math.PI, 0), 1e-4);
    }

    @Test
    void slopeMatchesFiniteDifferences() {
        double h = 1e-6;
        for (double[] p : new double[][] {{0.3, 0.5}, {0.5, 0.02}, {0.9, -0.6}, {0.2, 0.9}}) {
            double t = p[0];
            double x = p[1];
            double fd = (REF.u(t, x + h) - REF.u(t, x - h)) / (2 * h);
            assertEquals(fd, REF.ux(t, x), 1e-6 * Math.max(1, Math.abs(fd)));
        }
    }

    @Test
    void satisfiesBurgersEquation() {
        double h = 1e-4;
        for (double[] p : new double[][] {{0.3, 0.5}, {0.5, 0.25}, {0.9, -0.7}, {0.15, 0.1}, {0.6, 0.9}}) {
            double t = p[0];
            double x = p[1];
            double u = REF.u(t, x);
            double ut = (REF.u(t + h, x) - REF.u(t - h, x)) / (2 * h);
            double ux = REF.ux(t, x);
            double uxx = (REF.u(t, x + h) - 2 * u + REF.u(t, x - h)) / (h * h);
            double scale = Math.max(Math.abs(ut), Math.max(Math.abs(u * ux), Math.abs(NU * uxx)));
            double residual = ut + u * ux - NU * uxx;
            assertTrue(Math.abs(residual) < 1e-4 * scale,
                    String.format(Locale.ROOT, "residual %.3e vs scale %.3e at (t=%s, x=%s)", residual, scale, t, x));
        }
    }

    /**
     * Independent check for a moderate viscosity, where the Fourier series of the heat solution does not
     * suffer cancellation: {@code phi = I0(A) + 2 sum (-1)^m Im(A) exp(-nu m^2 pi^2 t) cos(m pi x)}.
     */
    @Test
    void agreesWithFourierSeriesForModerateViscosity() {
        double nu = 0.1 / Math.PI;
        double a = 1 / (2 * Math.PI * nu);
        double[] bessel = scaledBesselI(a, 80);
        BurgersReference ref = BurgersReference.withViscosity(nu);
        for (double t : new double[] {0.05, 0.3, 1.0}) {
            for (double x = -1; x <= 1.0001; x += 0.125) {
                double phi = bessel[0];
                double phiX = 0;
                for (int m = 1; m < bessel.length; m++) {
                    double coef = 2 * (m % 2 == 0 ? 1 : -1) * bessel[m] * Math.exp(-nu * m * m * Math.PI * Math.PI * t);
                    phi += coef * Math.cos(m * Math.PI * x);
                    phiX -= coef * m * Math.PI * Math.sin(m * Math.PI * x);
                }
                assertEquals(-2 * nu * phiX / phi, ref.u(t, x), 1e-10, "t=" + t + ", x=" + x);
            }
        }
    }

    @Test
    void regressionValues() {
        // regression values of this implementation (validated by the checks above)
        assertEquals(-0.5927695344020504, REF.u(0.5, 0.5), 1e-12);
        assertEquals(-0.6002029104067556, REF.u(0.99, 0.01), 1e-12);
    }

    @Test
    void referenceGridErrors() {
        double[][] same = new double[grid.nt()][];
        double[][] scaled = new double[grid.nt()][];
        for (int it = 0; it < grid.nt(); it++) {
            same[it] = grid.u()[it].clone();
            scaled[it] = grid.u()[it].clone();
            for (int ix = 0; ix < grid.nx(); ix++) {
                scaled[it][ix] *= 1.1;
            }
        }
        assertEquals(0.0, grid.relativeL2Error(same), 0.0);
        assertEquals(0.1, grid.relativeL2Error(scaled), 1e-12);
        assertTrue(grid.maxAbsError(scaled) > 0.09);
        assertThrows(IllegalArgumentException.class, () -> grid.relativeL2Error(new double[3][256]));
        assertThrows(IllegalArgumentException.class, () -> new ReferenceGrid(new double[2], new double[3], new double[2][2]));
        assertArrayEquals(grid.u()[5], same[5], 0.0);
    }

    @Test
    void rejectsInvalidArguments() {
        assertThrows(IllegalArgumentException.class, () -> REF.u(-0.1, 0));
        assertThrows(IllegalArgumentException.class, () -> BurgersReference.withViscosity(0));
        assertThrows(IllegalArgumentException.class, () -> REF.withQuadraturePoints(2));
        assertThrows(IllegalArgumentException.class, () -> REF.grid(1, 10, 1));
    }

    /** {@code I_m(a) / I_0(a)}-consistent values of {@code e^-a I_m(a)}, m = 0..n-1, by Miller's backward recurrence. */
    private static double[] scaledBesselI(double a, int n) {
        int start = n + 60;
        double[] v = new double[start + 2];
        v[start + 1] = 0;
        v[start] = 1e-300;
        for (int m = start; m >= 1; m--) {
            v[m - 1] = v[m + 1] + 2 * m / a * v[m];
            if (v[m - 1] > 1e250) { // rescale to avoid overflow
                for (int k = m - 1; k <= start; k++) {
                    v[k] *= 1e-250;
                }
            }
        }
        double norm = v[0]; // e^a = I_0 + 2 sum I_m
        for (int m = 1; m <= start; m++) {
            norm += 2 * v[m];
        }
        double[] out = new double[n];
        for (int m = 0; m < n; m++) {
            out[m] = v[m] / norm;
        }
        return out;
    }
}
