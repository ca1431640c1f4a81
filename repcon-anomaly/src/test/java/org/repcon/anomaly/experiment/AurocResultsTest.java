package org.repcon.anomaly.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repcon.evaluation.roc.Auroc;
import org.repcon.evaluation.roc.AurocInterval;

class AurocResultsTest {

    /** Test labels i % 10; score "a" = label-dependent shift + noise, "b" = noise only. */
    private static ClassScores scores(int normal, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int n = 200;
        int[] labels = new int[n];
        double[] a = new double[n];
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 10;
            a[i] = (labels[i] == normal ? 0 : 1.5) + rng.nextDouble();
            b[i] = rng.nextDouble();
        }
        Map<String, double[]> t = new LinkedHashMap<>();
        t.put("a", a);
        t.put("b", b);
        Map<String, double[]> v = new LinkedHashMap<>();
        v.put("a", new double[] {0.1, 0.2});
        v.put("b", new double[] {0.3, 0.4});
        return new ClassScores(normal, labels, v, t);
    }

    @Test
    void perClassAurocsTheirMeanAndIntervals() {
        List<ClassScores> classes = List.of(scores(0, 1), scores(4, 2));
        AurocResults r = AurocResults.of(classes, 200, 0.95, 9);
        for (ClassScores cs : classes) {
            for (String s : List.of("a", "b")) {
                double[][] na = cs.split(s);
                assertEquals(20, na[0].length);
                assertEquals(Auroc.of(na[0], na[1]), r.perClass().get(cs.normalClass()).get(s).estimate(), 1e-12);
            }
        }
        assertEquals(1.0, r.perClass().get(0).get("a").estimate(), 1e-12); // shifted beyond the noise
        assertEquals("a", r.best());
        double meanB = (r.perClass().get(0).get("b").estimate() + r.perClass().get(4).get("b").estimate()) / 2;
        AurocInterval m = r.mean().get("b");
        assertEquals(meanB, m.estimate(), 1e-12);
        assertTrue(m.lower() < m.estimate() && m.estimate() < m.upper(), m::toString);
        // the mean of two independent estimates is narrower than either
        assertTrue(m.upper() - m.lower() < r.perClass().get(0).get("b").upper() - r.perClass().get(0).get("b").lower());
        String csv = r.wideCsv();
        assertTrue(csv.startsWith("class,a,b\n0,1.000000,"), csv);
        assertTrue(csv.contains("\nmean,1.000000,"), csv);
    }

    @Test
    void scoresSurviveSavingAndLoading(@TempDir Path dir) throws Exception {
        ClassScores cs = scores(3, 5);
        Path f = dir.resolve("s/class3.csv");
        cs.save(f);
        ClassScores back = ClassScores.load(f, 3, 200);
        assertArrayEquals(cs.testLabels(), back.testLabels());
        for (String s : List.of("a", "b")) {
            assertArrayEquals(cs.test().get(s), back.test().get(s), 0);
            assertArrayEquals(cs.validation().get(s), back.validation().get(s), 0);
        }
        assertEquals(null, ClassScores.load(f, 3, 100)); // another test set: not reused
    }
}
