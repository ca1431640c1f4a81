package org.repcon.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CholeskyTest {
    @Test
    void factorReproducesTheMatrixAndRefusesASingularOne() {
        double[][] a = {{4, 2, 0.4}, {2, 5, 1}, {0.4, 1, 3}};
        double[][] l = Cholesky.lower(a, i -> "no");
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double s = 0;
                for (int k = 0; k < 3; k++) {
                    s += l[i][k] * l[j][k];
                }
                assertEquals(a[i][j], s, 1e-12);
                if (j > i) {
                    assertEquals(0, l[i][j]);
                }
            }
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Cholesky.lower(new double[][] {{1, 1}, {1, 1}}, i -> "pivot " + i));
        assertEquals("pivot 1", e.getMessage());
    }
}
