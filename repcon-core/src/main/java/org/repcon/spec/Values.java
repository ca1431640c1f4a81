package org.repcon.spec;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Path formatting, value description, numeric coercion and deep copies of YAML trees. */
final class Values {
    private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d[\\d_]*\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");

    private Values() {}

    static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    static String index(String path, int i) {
        return path + "[" + i + "]";
    }

    /** Short human description of a raw value, used after "got". */
    static String describe(Object v) {
        if (v == null) return "null";
        if (v instanceof String s) return "\"" + (s.length() > 40 ? s.substring(0, 37) + "..." : s) + "\"";
        if (v instanceof Map<?, ?>) return "a mapping";
        if (v instanceof List<?>) return "a list";
        return String.valueOf(v);
    }

    /** A double from a number or a numeric string ("1e-3"), else null. */
    static Double toDouble(Object v) {
        if (v instanceof Number n) return n.doubleValue();
        if (v instanceof String s && NUMBER.matcher(s.trim()).matches()) {
            return Double.parseDouble(s.trim().replace("_", ""));
        }
        return null;
    }

    /** An exact integer from an integer, an integral double (1e4) or a numeric string, else null. */
    static BigInteger toInteger(Object v) {
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            return BigInteger.valueOf(((Number) v).longValue());
        }
        if (v instanceof BigInteger b) return b;
        Double d = toDouble(v);
        if (d == null || d.isInfinite() || d != Math.rint(d)) return null;
        return new java.math.BigDecimal(d).toBigInteger();
    }

    /** Formats a bound or value without a spurious ".0". */
    static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    static String enumName(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    /** Deep copy into mutable LinkedHashMap/ArrayList, checking that keys are strings and leaves are plain scalars. */
    static Object copy(Object v, String path) {
        if (v == null || v instanceof String || v instanceof Boolean || v instanceof Integer
                || v instanceof Long || v instanceof Double || v instanceof BigInteger) {
            return v;
        }
        if (v instanceof Float || v instanceof Short || v instanceof Byte) {
            return v instanceof Float f ? (Object) f.doubleValue() : (Object) ((Number) v).intValue();
        }
        if (v instanceof Enum<?> e) return enumName(e);
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!(e.getKey() instanceof String key)) {
                    throw new SpecException(path, "mapping keys must be strings, got " + describe(e.getKey()));
                }
                out.put(key, copy(e.getValue(), join(path, key)));
            }
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (int i = 0; i < l.size(); i++) {
                out.add(copy(l.get(i), index(path, i)));
            }
            return out;
        }
        throw new SpecException(path, "unsupported value of type " + v.getClass().getSimpleName());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> copyMap(Map<String, ?> m, String path) {
        return (Map<String, Object>) copy(m, path);
    }
}
