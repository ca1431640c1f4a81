package org.repcon.spec;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One YAML mapping of an experiment spec plus its key path, with typed, validating accessors.
 *
 * <p>Every accessor marks its key as <em>known</em>; accessors with a default write the default into the tree
 * when the key is absent, and coerced values (e.g. the string {@code "1e-3"} read as a double) are written back
 * in canonical form. After an experiment has read everything it needs it calls {@link #finish()}, which
 * rejects any key that was never asked for. The tree ({@link #rawTree()}) is then the fully resolved spec
 * and can be written with {@link SpecWriter}.
 *
 * <p>Explicit nulls ({@code lr: ~} or {@code lr:}) are errors for scalar and list accessors; for
 * {@link #getChildOrEmpty} and {@link #getChildListOrEmpty} an empty/null section means "all defaults".
 * Not thread-safe.
 */
public final class Spec {
    private final Map<String, Object> tree;
    private final String path;
    private final Set<String> known = new LinkedHashSet<>();
    /** Children handed out so far, by key: a Spec or a List&lt;Spec&gt;; finish() recurses into these. */
    private final Map<String, Object> children = new LinkedHashMap<>();

    private Spec(Map<String, Object> tree, String path) {
        this.tree = tree;
        this.path = path;
    }

    /** A root spec over a deep, mutable copy of {@code tree}; keys must be strings, leaves plain YAML scalars. */
    public static Spec of(Map<String, ?> tree) {
        return new Spec(YamlTrees.copyMap(tree, ""), "");
    }

    /** A root spec with no keys (everything defaulted). */
    public static Spec empty() {
        return new Spec(new LinkedHashMap<>(), "");
    }

    /** Key path of this mapping, e.g. {@code training.stages[1]}; {@code ""} for the root. */
    public String path() {
        return path;
    }

    /** Full path of {@code key} inside this mapping. */
    public String pathOf(String key) {
        return SpecPaths.join(path, key);
    }

    /** Whether {@code key} is present with a non-null value. Does not mark the key as known. */
    public boolean has(String key) {
        return tree.get(key) != null;
    }

    /** Keys currently present, in document order. Does not mark them as known. */
    public Set<String> keys() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(tree.keySet()));
    }

    /**
     * The live underlying tree (mutable; includes recorded defaults). Apply {@link Overrides} to it only
     * before reading; use it to write the resolved spec.
     */
    public Map<String, Object> rawTree() {
        return tree;
    }

    /** A deep, mutable copy of the tree; {@code Spec.of(spec.copyTree())} gives a fresh, unread spec. */
    public Map<String, Object> copyTree() {
        return YamlTrees.copyMap(tree, path);
    }

    /** An exception for a custom validation failure on {@code key}, e.g. {@code throw spec.error("lr", "must be < lr_max")}. */
    public SpecException error(String key, String detail) {
        return new SpecException(pathOf(key), detail);
    }

    /** Marks keys as known without reading them (their values, whatever they are, pass {@link #finish()}). */
    public void ignore(String... keys) {
        known.addAll(Arrays.asList(keys));
    }

    // ---- strings, booleans, enums ----------------------------------------------------------------------

    /** Required string. Numbers and booleans are rejected (quote them in YAML). */
    public String getString(String key) {
        return read(key, null, true, "a string", v -> v instanceof String s ? s : null);
    }

    /** Optional string; a non-null default is recorded in the tree. */
    public String getString(String key, String def) {
        return read(key, def, false, "a string", v -> v instanceof String s ? s : null);
    }

    /** Required boolean (YAML {@code true/false/yes/no/on/off}). */
    public boolean getBoolean(String key) {
        return read(key, null, true, "a boolean", v -> v instanceof Boolean b ? b : null);
    }

    /** Optional boolean; the default is recorded in the tree. */
    public boolean getBoolean(String key, boolean def) {
        return read(key, def, false, "a boolean", v -> v instanceof Boolean b ? b : null);
    }

    /** Required enum constant; see {@link #getEnum(String, Class, Enum)}. */
    public <E extends Enum<E>> E getEnum(String key, Class<E> type) {
        return getEnum(key, type, null, true);
    }

    /**
     * Enum constant matched case-insensitively with {@code -} and {@code _} interchangeable ({@code "l-bfgs"},
     * {@code "L_BFGS"} and {@code "l_bfgs"} all match {@code L_BFGS}); errors list the allowed values.
     * Recorded in the tree as the lower-case constant name.
     */
    public <E extends Enum<E>> E getEnum(String key, Class<E> type, E def) {
        return getEnum(key, type, def, false);
    }

    private <E extends Enum<E>> E getEnum(String key, Class<E> type, E def, boolean required) {
        String allowed = Arrays.stream(type.getEnumConstants()).map(Scalars::enumName).collect(Collectors.joining(", "));
        return read(key, def, required, "one of: " + allowed, v -> {
            if (!(v instanceof String s)) return null;
            String norm = s.trim().toLowerCase(Locale.ROOT).replace('-', '_');
            for (E c : type.getEnumConstants()) {
                if (Scalars.enumName(c).equals(norm)) return c;
            }
            return null;
        });
    }

    // ---- numbers ---------------------------------------------------------------------------------------

    /** Required int. Integral doubles and numeric strings ({@code 1e4}) are accepted. */
    public int getInt(String key) {
        return (int) integral(key, null, true, Integer.MIN_VALUE, Integer.MAX_VALUE, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    /** Optional int; the default is recorded in the tree. */
    public int getInt(String key, int def) {
        return (int) integral(key, (long) def, false, Integer.MIN_VALUE, Integer.MAX_VALUE, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    /** Optional int within {@code [min, max]} (inclusive); the error names the allowed range. */
    public int getInt(String key, int def, int min, int max) {
        return (int) integral(key, (long) def, false, min, max, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    /** Optional int {@code >= 1}. */
    public int getPositiveInt(String key, int def) {
        return getInt(key, def, 1, Integer.MAX_VALUE);
    }

    /** Required long. */
    public long getLong(String key) {
        return integral(key, null, true, Long.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /** Optional long; the default is recorded in the tree. */
    public long getLong(String key, long def) {
        return integral(key, def, false, Long.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /** Optional long within {@code [min, max]} (inclusive). */
    public long getLong(String key, long def, long min, long max) {
        return integral(key, def, false, min, max, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /** Required double. Integers and numeric strings ({@code "1e-3"}) are accepted; NaN is rejected. */
    public double getDouble(String key) {
        return real(key, null, true, Double.NEGATIVE_INFINITY, false, Double.POSITIVE_INFINITY);
    }

    /** Optional double; the default is recorded in the tree. */
    public double getDouble(String key, double def) {
        return real(key, def, false, Double.NEGATIVE_INFINITY, false, Double.POSITIVE_INFINITY);
    }

    /** Optional double within {@code [min, max]} (inclusive); the error names the allowed range. */
    public double getDouble(String key, double def, double min, double max) {
        return real(key, def, false, min, false, max);
    }

    /** Optional double {@code > 0} (e.g. learning rates, tolerances). */
    public double getPositiveDouble(String key, double def) {
        return real(key, def, false, 0, true, Double.POSITIVE_INFINITY);
    }

    private long integral(String key, Long def, boolean required, long min, long max, long typeMin, long typeMax) {
        String range = min == typeMin && max == typeMax ? ""
                : max == typeMax ? " >= " + min
                : min == typeMin ? " <= " + max
                : " in [" + min + ", " + max + "]";
        String fullRange = range.isEmpty() ? " in [" + min + ", " + max + "]" : range;
        return read(key, def, required, "an integer" + range, v -> {
            BigInteger b = Scalars.toInteger(v);
            if (b != null && (b.compareTo(BigInteger.valueOf(min)) < 0 || b.compareTo(BigInteger.valueOf(max)) > 0)) {
                throw error(key, "expected an integer" + fullRange + ", got " + b);
            }
            return b == null ? null : b.longValue();
        });
    }

    private double real(String key, Double def, boolean required, double min, boolean minExclusive, double max) {
        String range = min == Double.NEGATIVE_INFINITY && max == Double.POSITIVE_INFINITY ? ""
                : max == Double.POSITIVE_INFINITY ? (minExclusive ? " > " : " >= ") + Scalars.fmt(min)
                : " in " + (minExclusive ? "(" : "[") + Scalars.fmt(min) + ", " + Scalars.fmt(max) + "]";
        return read(key, def, required, "a number" + range, v -> {
            Double d = Scalars.toDouble(v);
            boolean ok = d != null && !d.isNaN() && (minExclusive ? d > min : d >= min) && d <= max;
            return ok ? d : null;
        });
    }

    // ---- lists of scalars ------------------------------------------------------------------------------

    /** Required list of ints, e.g. {@code hidden: [20, 20]}; element errors name {@code key[i]}. */
    public List<Integer> getIntList(String key) {
        return list(key, null, true, "an integer", Spec::toInt);
    }

    /** Optional list of ints; the default is recorded in the tree. */
    public List<Integer> getIntList(String key, List<Integer> def) {
        return list(key, def, false, "an integer", Spec::toInt);
    }

    /** Required list of doubles (ints and numeric strings accepted). */
    public List<Double> getDoubleList(String key) {
        return list(key, null, true, "a number", Spec::toFiniteOrInfDouble);
    }

    /** Optional list of doubles; the default is recorded in the tree. */
    public List<Double> getDoubleList(String key, List<Double> def) {
        return list(key, def, false, "a number", Spec::toFiniteOrInfDouble);
    }

    /** Required list of strings. */
    public List<String> getStringList(String key) {
        return list(key, null, true, "a string", v -> v instanceof String s ? s : null);
    }

    /** Optional list of strings; the default is recorded in the tree. */
    public List<String> getStringList(String key, List<String> def) {
        return list(key, def, false, "a string", v -> v instanceof String s ? s : null);
    }

    private static Integer toInt(Object v) {
        BigInteger b = Scalars.toInteger(v);
        return b != null && b.bitLength() < 32 ? b.intValue() : null;
    }

    private static Double toFiniteOrInfDouble(Object v) {
        Double d = Scalars.toDouble(v);
        return d == null || d.isNaN() ? null : d;
    }

    private <T> List<T> list(String key, List<T> def, boolean required, String element, Function<Object, T> convert) {
        String listPath = pathOf(key);
        return read(key, def, required, "a list of " + element.substring(element.indexOf(' ') + 1) + "s", v -> {
            if (!(v instanceof List<?> raw)) return null;
            List<T> out = new ArrayList<>(raw.size());
            for (int i = 0; i < raw.size(); i++) {
                T t = convert.apply(raw.get(i));
                if (t == null) {
                    throw new SpecException(SpecPaths.index(listPath, i), "expected " + element + ", got " + Scalars.describe(raw.get(i)));
                }
                out.add(t);
            }
            return List.copyOf(out);
        });
    }

    // ---- nested mappings -------------------------------------------------------------------------------

    /** Required nested mapping. */
    public Spec getChild(String key) {
        known.add(key);
        if (children.get(key) instanceof Spec s) return s;
        if (!tree.containsKey(key)) throw error(key, "missing required key (expected a mapping)");
        return child(key, tree.get(key));
    }

    /** Optional nested mapping; if absent or empty ({@code key:}), an empty mapping is created in the tree. */
    public Spec getChildOrEmpty(String key) {
        known.add(key);
        if (children.get(key) instanceof Spec s) return s;
        if (tree.get(key) == null) tree.put(key, new LinkedHashMap<String, Object>());
        return child(key, tree.get(key));
    }

    /** Required list of mappings, e.g. {@code training.stages}; each child's path is {@code key[i]}. */
    public List<Spec> getChildList(String key) {
        known.add(key);
        if (!tree.containsKey(key) && !(children.get(key) instanceof List<?>)) {
            throw error(key, "missing required key (expected a list of mappings)");
        }
        return childList(key);
    }

    /** Optional list of mappings; if absent or null, an empty list is created in the tree. */
    public List<Spec> getChildListOrEmpty(String key) {
        known.add(key);
        if (tree.get(key) == null) tree.put(key, new ArrayList<>());
        return childList(key);
    }

    @SuppressWarnings("unchecked")
    private Spec child(String key, Object raw) {
        if (!(raw instanceof Map<?, ?>)) throw error(key, "expected a mapping, got " + Scalars.describe(raw));
        Spec s = new Spec((Map<String, Object>) raw, pathOf(key));
        children.put(key, s);
        return s;
    }

    @SuppressWarnings("unchecked")
    private List<Spec> childList(String key) {
        if (children.get(key) instanceof List<?> cached) return (List<Spec>) cached;
        Object raw = tree.get(key);
        if (!(raw instanceof List<?> items)) throw error(key, "expected a list of mappings, got " + Scalars.describe(raw));
        List<Spec> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            String p = SpecPaths.index(pathOf(key), i);
            if (!(items.get(i) instanceof Map<?, ?> m)) {
                throw new SpecException(p, "expected a mapping, got " + Scalars.describe(items.get(i)));
            }
            out.add(new Spec((Map<String, Object>) m, p));
        }
        List<Spec> result = List.copyOf(out);
        children.put(key, result);
        return result;
    }

    // ---- validation ------------------------------------------------------------------------------------

    /**
     * Rejects, in document order, the first key that was never read (here or in any child that was read),
     * listing the keys this level expects.
     */
    public void finish() {
        for (String key : tree.keySet()) {
            if (!known.contains(key)) {
                String expected = known.isEmpty() ? "this section takes no keys"
                        : "expected one of: " + String.join(", ", new TreeSet<>(known));
                throw error(key, "unknown key (" + expected + ")");
            }
            Object c = children.get(key);
            if (c instanceof Spec s) s.finish();
            if (c instanceof List<?> l) l.forEach(s -> ((Spec) s).finish());
        }
    }

    /** Core of all scalar/list accessors: mark known, default-and-record, coerce-and-write-back, or fail with path. */
    private <T> T read(String key, T def, boolean required, String expected, Function<Object, T> convert) {
        known.add(key);
        if (!tree.containsKey(key)) {
            if (required) throw error(key, "missing required key (expected " + expected + ")");
            if (def != null) tree.put(key, YamlTrees.copy(def, pathOf(key)));
            return def;
        }
        Object raw = tree.get(key);
        T value = raw == null ? null : convert.apply(raw);
        if (value == null) {
            String hint = (raw instanceof Number || raw instanceof Boolean) && expected.equals("a string") ? " (quote it to make it a string)" : "";
            throw error(key, "expected " + expected + ", got " + Scalars.describe(raw) + hint);
        }
        tree.put(key, YamlTrees.copy(value, pathOf(key)));
        return value;
    }
}
