package org.repcon.anomaly.shift;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.repcon.io.AtomicFiles;

/**
 * Anomaly scores of several named image sets (validation, in-distribution test, each out-of-distribution set): per
 * set, its labels (-1 where a set has none) and per score name one value per image. Saved as one CSV, a row per image:
 * {@code set,index,label,<score>...} (a score a set lacks is left empty).
 */
public final class SetScores {
    private final Map<String, int[]> labels = new LinkedHashMap<>();
    private final Map<String, Map<String, double[]>> scores = new LinkedHashMap<>();

    /** Adds a set of {@code n} images (labels may be null). */
    public void addSet(String set, int n, int[] setLabels) {
        if (setLabels != null && setLabels.length != n) {
            throw new IllegalArgumentException(set + ": " + setLabels.length + " labels for " + n + " images");
        }
        int[] l = setLabels != null ? setLabels.clone() : new int[n];
        if (setLabels == null) {
            java.util.Arrays.fill(l, -1);
        }
        labels.put(set, l);
        scores.put(set, new LinkedHashMap<>());
    }

    /** Puts one score of every image of a set added before. */
    public void put(String set, String score, double[] values) {
        int[] l = labels.get(set);
        if (l == null) {
            throw new IllegalArgumentException("unknown set " + set + "; known: " + labels.keySet());
        }
        if (values.length != l.length) {
            throw new IllegalArgumentException(set + ": " + values.length + " values of " + score + " for " + l.length + " images");
        }
        scores.get(set).put(score, values);
    }

    public double[] get(String set, String score) {
        Map<String, double[]> m = scores.get(set);
        double[] v = m == null ? null : m.get(score);
        if (v == null) {
            throw new IllegalArgumentException("no score " + score + " for set " + set);
        }
        return v;
    }

    public boolean has(String set, String score) {
        return scores.containsKey(set) && scores.get(set).containsKey(score);
    }

    public int[] labels(String set) {
        return labels.get(set);
    }

    public List<String> sets() {
        return new ArrayList<>(labels.keySet());
    }

    /** The score names, in the order first put. */
    public List<String> scoreNames() {
        List<String> names = new ArrayList<>();
        scores.values().forEach(m -> m.keySet().stream().filter(n -> !names.contains(n)).forEach(names::add));
        return names;
    }

    /** Writes the CSV (atomically). */
    public void save(Path file) throws IOException {
        List<String> names = scoreNames();
        StringBuilder b = new StringBuilder("set,index,label," + String.join(",", names) + "\n");
        for (String set : labels.keySet()) {
            int[] l = labels.get(set);
            for (int i = 0; i < l.length; i++) {
                b.append(set.replace(',', ';')).append(',').append(i).append(',').append(l[i]);
                for (String name : names) {
                    double[] v = scores.get(set).get(name);
                    b.append(',').append(v == null ? "" : String.format(Locale.ROOT, "%.10g", v[i]));
                }
                b.append('\n');
            }
        }
        java.nio.file.Files.createDirectories(file.toAbsolutePath().getParent());
        AtomicFiles.write(file, b.toString().getBytes(StandardCharsets.UTF_8));
    }
}
