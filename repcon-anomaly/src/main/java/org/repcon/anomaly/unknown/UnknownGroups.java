package org.repcon.anomaly.unknown;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.repcon.anomaly.shift.SetScores;
import org.repcon.evaluation.roc.AlarmThreshold;

/**
 * The test images of {@code anomaly-unlikely-unknown} in groups. Subgroups: {@link #TYPICAL} (common-class test images
 * whose density score the tail threshold does not flag), {@link #TAIL} (those it flags), {@link #RARE} (class R),
 * {@link #LEFT_OUT} (class U), and one per OOD set (its name). Groups: typical; {@link #UNLIKELY} = tail + rare;
 * {@link #UNKNOWN} = left-out + the OOD sets.
 *
 * @param perSet set name ("validation", "test", OOD names) -> score k -> value per image, in the order of the names
 * @param index subgroup -> {set name, indices into that set}
 * @param oodSets the OOD sets' names
 */
record UnknownGroups(Map<String, double[][]> perSet, Map<String, Object[]> index, List<String> oodSets) {
    static final String TYPICAL = "typical";
    static final String TAIL = "tail";
    static final String RARE = "rare";
    static final String LEFT_OUT = "left-out";
    static final String UNLIKELY = "unlikely";
    static final String UNKNOWN = "unknown";

    /** Groups the test images by label and by the density score (score 0 of {@code perSet}) under {@code tail}. */
    static UnknownGroups of(Map<String, double[][]> perSet, int[] testLabels, int rare, int unknown, AlarmThreshold tail, List<String> ood) {
        double[] density = perSet.get("test")[0];
        Map<String, Object[]> index = new LinkedHashMap<>();
        IntStream all = IntStream.range(0, testLabels.length);
        int[] common = all.filter(i -> testLabels[i] != rare && testLabels[i] != unknown).toArray();
        index.put(TYPICAL, new Object[] {"test", IntStream.of(common).filter(i -> !tail.flags(density[i])).toArray()});
        index.put(TAIL, new Object[] {"test", IntStream.of(common).filter(i -> tail.flags(density[i])).toArray()});
        index.put(RARE, new Object[] {"test", IntStream.range(0, testLabels.length).filter(i -> testLabels[i] == rare).toArray()});
        index.put(LEFT_OUT, new Object[] {"test", IntStream.range(0, testLabels.length).filter(i -> testLabels[i] == unknown).toArray()});
        for (String o : ood) {
            index.put(o, new Object[] {o, IntStream.range(0, perSet.get(o)[0].length).toArray()});
        }
        return new UnknownGroups(perSet, index, List.copyOf(ood));
    }

    List<String> subgroups() {
        return new ArrayList<>(index.keySet());
    }

    List<String> unknownSubgroups() {
        List<String> u = new ArrayList<>(List.of(LEFT_OUT));
        u.addAll(oodSets);
        return u;
    }

    /** The scores (names in the order of {@code perSet}'s rows) of validation, every subgroup and the three groups. */
    SetScores scores(List<String> names) {
        SetScores s = new SetScores();
        put(s, "validation", "validation", null, names);
        for (Map.Entry<String, Object[]> e : index.entrySet()) {
            put(s, e.getKey(), (String) e.getValue()[0], (int[]) e.getValue()[1], names);
        }
        union(s, UNLIKELY, List.of(TAIL, RARE), names);
        union(s, UNKNOWN, unknownSubgroups(), names);
        return s;
    }

    private void put(SetScores s, String name, String set, int[] idx, List<String> names) {
        double[][] v = perSet.get(set);
        int[] ix = idx != null ? idx : IntStream.range(0, v[0].length).toArray();
        s.addSet(name, ix.length, null);
        for (int k = 0; k < names.size(); k++) {
            double[] row = v[k];
            s.put(name, names.get(k), IntStream.of(ix).mapToDouble(i -> row[i]).toArray());
        }
    }

    private static void union(SetScores s, String name, List<String> parts, List<String> names) {
        int n = parts.stream().mapToInt(p -> s.labels(p).length).sum();
        s.addSet(name, n, null);
        for (String score : names) {
            s.put(name, score, parts.stream().flatMapToDouble(p -> java.util.Arrays.stream(s.get(p, score))).toArray());
        }
    }
}
