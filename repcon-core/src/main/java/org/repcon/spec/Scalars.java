package org.repcon.spec;

import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Scalar values of a spec: their short description in messages, numeric coercion and number formatting. */
final class Scalars {
    private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d[\\d_]*\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");

    private Scalars() {}

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
}
