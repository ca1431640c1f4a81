package org.repcon.derivatives;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Names of a network's input coordinates (e.g. {@code t, x}) and the second derivatives wanted of its
 * outputs. First derivatives with respect to every input are always carried (the second derivatives need
 * them anyway); second derivatives are carried only for the requested pairs, because each pair costs a full
 * extra channel through the network.
 *
 * <pre>{@code
 * Coordinates c = Coordinates.of("t", "x").withSecond("x", "x");
 * }</pre>
 */
public final class Coordinates {
    private final List<String> names;
    private final List<int[]> secondPairs;

    private Coordinates(List<String> names, List<int[]> secondPairs) {
        this.names = List.copyOf(names);
        this.secondPairs = List.copyOf(secondPairs);
    }

    /** Input coordinates in the order of the network's input columns. */
    public static Coordinates of(String... names) {
        if (names.length == 0) {
            throw new IllegalArgumentException("at least one coordinate");
        }
        if (Arrays.stream(names).distinct().count() != names.length) {
            throw new IllegalArgumentException("duplicate coordinate names: " + Arrays.toString(names));
        }
        return new Coordinates(Arrays.asList(names), List.of());
    }

    /** Also carry d^2 / (d a d b); order does not matter. */
    public Coordinates withSecond(String a, String b) {
        int i = index(a);
        int j = index(b);
        int[] pair = {Math.min(i, j), Math.max(i, j)};
        if (secondIndex(pair[0], pair[1]) >= 0) {
            return this;
        }
        List<int[]> pairs = new ArrayList<>(secondPairs);
        pairs.add(pair);
        return new Coordinates(names, pairs);
    }

    /** Number of input coordinates. */
    public int size() {
        return names.size();
    }

    public List<String> names() {
        return names;
    }

    /** Requested second-derivative pairs, each {@code {i, j}} with i <= j. */
    public List<int[]> secondPairs() {
        return secondPairs;
    }

    /** Column of coordinate {@code name}. */
    public int index(String name) {
        int i = names.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("unknown coordinate " + name + "; coordinates are " + names);
        }
        return i;
    }

    /** Position of pair (i, j) among the requested second derivatives, or -1. */
    public int secondIndex(int i, int j) {
        int a = Math.min(i, j);
        int b = Math.max(i, j);
        for (int k = 0; k < secondPairs.size(); k++) {
            if (secondPairs.get(k)[0] == a && secondPairs.get(k)[1] == b) {
                return k;
            }
        }
        return -1;
    }
}
