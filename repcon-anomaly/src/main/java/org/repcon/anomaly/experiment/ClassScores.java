package org.repcon.anomaly.experiment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.repcon.anomaly.ScoreNames;
import org.repcon.io.AtomicFiles;

/**
 * The anomaly scores of one one-class problem: per score name, the scores of the validation images (all of the
 * normal class; a score may have none), of the validation outliers (training images of the other classes, labels
 * {@link #outlierLabels}; a score without validation scores has none) and of the test images (labels
 * {@link #testLabels}; a costly score may cover only the first n of them). Saved as {@code scores/class<c>.csv}, one
 * row per image ({@code split,index,label,<score>...}, split {@code validation}, {@code outlier} or {@code test}), so a
 * resumed run reuses them and they can be analysed later.
 */
record ClassScores(int normalClass, int[] testLabels, Map<String, double[]> validation, Map<String, double[]> test, int[] outlierLabels,
        Map<String, double[]> outliers) {

    /** Scores without validation outliers. */
    ClassScores(int normalClass, int[] testLabels, Map<String, double[]> validation, Map<String, double[]> test) {
        this(normalClass, testLabels, validation, test, new int[0], Map.of());
    }

    /** True if {@code score} has validation scores of both the normal class and the outliers. */
    boolean hasValidationPair(String score) {
        return validation.containsKey(score) && outlierLabels.length > 0 && outliers.containsKey(score);
    }

    /** True if the test images have scores of {@code score} (a file written before a score existed lacks its column). */
    boolean has(String score) {
        return test.containsKey(score);
    }

    /** These scores with those of {@code score} added (or replaced), in {@link ScoreNames#ALL}'s order. */
    ClassScores with(String score, double[] validationScores, double[] outlierScores, double[] testScores) {
        if (testScores.length != testLabels.length) {
            throw new IllegalArgumentException(score + ": " + testScores.length + " test scores for " + testLabels.length + " test images");
        }
        if (outlierScores.length != outlierLabels.length) {
            throw new IllegalArgumentException(score + ": " + outlierScores.length + " outlier scores for " + outlierLabels.length
                    + " validation outliers");
        }
        Map<String, double[]> v = new LinkedHashMap<>(validation);
        Map<String, double[]> t = new LinkedHashMap<>(test);
        Map<String, double[]> o = new LinkedHashMap<>(outliers);
        v.put(score, validationScores);
        t.put(score, testScores);
        if (outlierScores.length > 0) {
            o.put(score, outlierScores);
        }
        return new ClassScores(normalClass, testLabels, ordered(v), ordered(t), outlierLabels, ordered(o));
    }

    /** The entries of {@code m} in {@link ScoreNames#ALL}'s order, then any others in their order. */
    static Map<String, double[]> ordered(Map<String, double[]> m) {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (String name : ScoreNames.ALL) {
            if (m.containsKey(name)) {
                out.put(name, m.get(name));
            }
        }
        m.forEach(out::putIfAbsent);
        return out;
    }

    /** The test scores of one score name split into normal (label == class) and anomalous ones. */
    double[][] split(String score) {
        double[] s = test.get(score);
        int normals = 0;
        for (int i = 0; i < s.length; i++) {
            normals += testLabels[i] == normalClass ? 1 : 0;
        }
        double[] n = new double[normals];
        double[] a = new double[s.length - normals];
        for (int i = 0, in = 0, ia = 0; i < s.length; i++) {
            if (testLabels[i] == normalClass) {
                n[in++] = s[i];
            } else {
                a[ia++] = s[i];
            }
        }
        return new double[][] {n, a};
    }

    void save(Path file) throws IOException {
        List<String> names = new ArrayList<>(test.keySet());
        StringBuilder b = new StringBuilder("split,index,label," + String.join(",", names) + "\n");
        int nVal = validation.values().stream().mapToInt(v -> v.length).max().orElse(0);
        for (int i = 0; i < nVal; i++) {
            b.append("validation,").append(i).append(',').append(normalClass);
            for (String name : names) {
                b.append(',').append(cell(validation.get(name), i));
            }
            b.append('\n');
        }
        for (int i = 0; i < outlierLabels.length; i++) {
            b.append("outlier,").append(i).append(',').append(outlierLabels[i]);
            for (String name : names) {
                b.append(',').append(cell(outliers.get(name), i));
            }
            b.append('\n');
        }
        for (int i = 0; i < testLabels.length; i++) {
            b.append("test,").append(i).append(',').append(testLabels[i]);
            for (String name : names) {
                b.append(',').append(cell(test.get(name), i));
            }
            b.append('\n');
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        AtomicFiles.write(file, b.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** A score as text, empty where the score was not computed for this image. */
    private static String cell(double[] scores, int i) {
        return scores == null || i >= scores.length ? "" : String.format(Locale.ROOT, "%.17g", scores[i]);
    }

    /** The leading computed (non-NaN) values of a column. */
    private static double[] leading(List<double[]> rows, int k) {
        return rows.stream().mapToDouble(r -> r[k]).takeWhile(v -> !Double.isNaN(v)).toArray();
    }

    /** Reads a file written by {@link #save} with any number of validation outliers: {@link #load(Path, int, int, int)}. */
    static ClassScores load(Path file, int normalClass, int expectedTest) throws IOException {
        return load(file, normalClass, expectedTest, -1);
    }

    /**
     * Reads a file written by {@link #save}; null if it is missing or it has other than {@code expectedTest} test images
     * or {@code expectedOutliers} validation outliers (-1: any number; scores of other images: to be computed again).
     */
    static ClassScores load(Path file, int normalClass, int expectedTest, int expectedOutliers) throws IOException {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        String[] header = lines.get(0).split(",");
        List<String> names = List.of(header).subList(3, header.length);
        List<double[]> val = new ArrayList<>();
        List<double[]> tst = new ArrayList<>();
        List<double[]> out = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        List<Integer> outLabels = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            double[] v = new double[names.size()];
            for (int k = 0; k < v.length; k++) {
                v[k] = f[3 + k].isEmpty() ? Double.NaN : Double.parseDouble(f[3 + k]);
            }
            if (f[0].equals("validation")) {
                val.add(v);
            } else if (f[0].equals("outlier")) {
                out.add(v);
                outLabels.add(Integer.parseInt(f[2]));
            } else {
                tst.add(v);
                labels.add(Integer.parseInt(f[2]));
            }
        }
        if (tst.size() != expectedTest || (expectedOutliers >= 0 && out.size() != expectedOutliers)) {
            return null;
        }
        Map<String, double[]> vm = new LinkedHashMap<>();
        Map<String, double[]> tm = new LinkedHashMap<>();
        Map<String, double[]> om = new LinkedHashMap<>();
        for (int k = 0; k < names.size(); k++) {
            int kk = k;
            double[] v = leading(val, kk);
            if (v.length > 0) {
                vm.put(names.get(k), v);
            }
            tm.put(names.get(k), leading(tst, kk));
            double[] o = leading(out, kk);
            if (o.length > 0) {
                om.put(names.get(k), o);
            }
        }
        return new ClassScores(normalClass, labels.stream().mapToInt(Integer::intValue).toArray(), vm, tm,
                outLabels.stream().mapToInt(Integer::intValue).toArray(), om);
    }
}
