package org.repcon.anomaly.unknown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ResidualFitTest {

    @Test
    void matchesTheNormalEquationsAndScalesResidualsBySd() {
        SplittableRandom rng = new SplittableRandom(2);
        int n = 30;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 3 + rng.nextDouble();
            y[i] = -1 + 0.5 * x[i] + 0.2 * rng.nextGaussian();
        }
        // reference: [n, sum x; sum x, sum x^2] [a; b] = [sum y; sum xy] by Cramer's rule
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < n; i++) {
            sx += x[i];
            sy += y[i];
            sxx += x[i] * x[i];
            sxy += x[i] * y[i];
        }
        double det = n * sxx - sx * sx;
        double a = (sy * sxx - sx * sxy) / det;
        double b = (n * sxy - sx * sy) / det;
        double ss = 0;
        for (int i = 0; i < n; i++) {
            ss += Math.pow(y[i] - a - b * x[i], 2);
        }
        double sd = Math.sqrt(ss / (n - 2));
        ResidualFit f = ResidualFit.fit(x, y);
        assertEquals(a, f.a(), 1e-9);
        assertEquals(b, f.b(), 1e-9);
        assertEquals(sd, f.sd(), 1e-9);
        double[] c = f.combine(new double[] {3.5, 3.5}, new double[] {a + b * 3.5 + 2 * sd, a + b * 3.5});
        assertEquals(2, c[0], 1e-9);
        assertEquals(0, c[1], 1e-9);
        // validation combinations: mean 0, sum of squares n - 2 (in sd units)
        double[] v = f.combine(x, y);
        assertEquals(0, java.util.Arrays.stream(v).sum(), 1e-9);
        assertEquals(n - 2, java.util.Arrays.stream(v).map(t -> t * t).sum(), 1e-9);
    }

    @Test
    void rejectsDegenerateInput() {
        assertThrows(IllegalArgumentException.class, () -> ResidualFit.fit(new double[] {1, 2}, new double[] {1, 2}));
        assertThrows(IllegalArgumentException.class, () -> ResidualFit.fit(new double[] {1, 1, 1}, new double[] {1, 2, 3}));
        assertThrows(IllegalArgumentException.class, () -> ResidualFit.fit(new double[] {1, 2, 3}, new double[] {2, 4, 6}));
    }
}
