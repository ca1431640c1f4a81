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

    /** Class {@code normal}'s scores with validation outliers: "a" separates them by {@code shiftA}, "b" by 1. */
    private static ClassScores withOutliers(int normal, double shiftA, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        ClassScores cs = scores(normal, seed);
        int nv = 300;
        int no = 300;
        Map<String, double[]> v = new LinkedHashMap<>();
        Map<String, double[]> o = new LinkedHashMap<>();
        for (String s : List.of("a", "b")) {
            double shift = s.equals("a") ? shiftA : 1;
            v.put(s, rng.doubles(nv).map(x -> rng.nextGaussian()).toArray());
            o.put(s, rng.doubles(no).map(x -> shift + rng.nextGaussian()).toArray());
        }
        int[] labels = new int[no];
        java.util.Arrays.fill(labels, (normal + 1) % 10);
        return new ClassScores(normal, cs.testLabels(), v, cs.test(), labels, o);
    }

    @Test
    void outlierScoresSurviveSavingAndLoadingAndACountMismatchIsNotReused(@TempDir Path dir) throws Exception {
        ClassScores cs = withOutliers(3, 1, 4);
        Path f = dir.resolve("class3.csv");
        cs.save(f);
        ClassScores back = ClassScores.load(f, 3, 200, 300);
        assertArrayEquals(cs.outlierLabels(), back.outlierLabels());
        assertArrayEquals(cs.outliers().get("b"), back.outliers().get("b"), 0);
        assertArrayEquals(cs.validation().get("a"), back.validation().get("a"), 0);
        assertArrayEquals(cs.test().get("a"), back.test().get("a"), 0);
        assertEquals(null, ClassScores.load(f, 3, 200, 900)); // other outliers asked for: computed again
        assertEquals(300, ClassScores.load(f, 3, 200).outlierLabels().length);
    }

    @Test
    void theChoiceRanksScoresOnValidationAndCombinesTheTopOnes() {
        // "a" and "b" separate the outliers equally well with independent noise: their mean separates them better
        List<ClassScores> classes = List.of(withOutliers(0, 1, 7), withOutliers(4, 1, 8));
        ScoreChoice choice = ScoreChoice.of(classes);
        assertEquals(List.of("a", "b").size(), choice.members().size());
        assertEquals(org.repcon.anomaly.ScoreNames.COMBINED, choice.chosen());
        double single = Math.max(choice.validationMean().get("a"), choice.validationMean().get("b"));
        assertTrue(choice.validationMean().get("combined") > single + 0.03, choice::toString);
        double a0 = Auroc.of(classes.get(0).validation().get("a"), classes.get(0).outliers().get("a"));
        assertEquals(a0, choice.validationAuroc().get("a").get(0), 1e-12);
        List<ClassScores> with = choice.withCombined(classes);
        assertEquals(200, with.get(1).test().get("combined").length);
        // a useless "a" (no separation) is not worth combining: the single "b" is chosen
        ScoreChoice alone = ScoreChoice.of(List.of(withOutliers(0, 0, 7), withOutliers(4, 0, 8)));
        assertEquals("b", alone.chosen());
        assertEquals(null, ScoreChoice.of(List.of(scores(0, 1), scores(4, 2))), "no outliers, no choice");
    }
}
