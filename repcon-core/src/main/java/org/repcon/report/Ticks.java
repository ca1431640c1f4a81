package org.repcon.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Package-private "nice number" axis ticks and compact tick-label formatting. */
final class Ticks {
    private Ticks() {
    }

    /** Step of roughly {@code (hi - lo) / target} rounded to 1, 2, 2.5 or 5 times a power of ten. */
    static double step(double lo, double hi, int target) {
        double span = Math.abs(hi - lo);
        if (!(span > 0) || Double.isInfinite(span)) {
            return 1;
        }
        double raw = span / Math.max(1, target);
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double n = raw / mag;
        double nice = n < 1.5 ? 1 : n < 2.25 ? 2 : n < 3.5 ? 2.5 : n < 7.5 ? 5 : 10;
        return nice * mag;
    }

    /** Tick values inside [lo, hi] (inclusive, with a small tolerance) at multiples of {@code step}. */
    static List<Double> values(double lo, double hi, double step) {
        List<Double> out = new ArrayList<>();
        double a = Math.min(lo, hi);
        double b = Math.max(lo, hi);
        double eps = step * 1e-9;
        long k0 = (long) Math.ceil((a - eps) / step);
        for (long k = k0; k * step <= b + eps && out.size() < 1000; k++) {
            double v = k * step;
            out.add(Math.abs(v) < eps ? 0.0 : v);
        }
        return out;
    }

    /** Formats {@code v} with just enough decimals for ticks spaced by {@code step}. */
    static String format(double v, double step) {
        if (Math.abs(v) < step * 1e-6) {
            return "0";
        }
        double mag = Math.max(Math.abs(v), step);
        if (mag != 0 && (mag >= 1e5 || mag < 1e-3)) {
            String s = String.format(Locale.ROOT, "%.2e", v);
            return s.replaceAll("\\.?0+e", "e").replace("e+0", "e").replace("e-0", "e-").replace("e+", "e");
        }
        int decimals = Math.max(0, (int) Math.ceil(-Math.log10(step) - 1e-9));
        if (step * Math.pow(10, decimals) % 1 > 1e-6) {
            decimals++; // e.g. step 0.25
        }
        String s = String.format(Locale.ROOT, "%." + Math.min(decimals, 10) + "f", v);
        return s.equals("-0") || s.matches("-0\\.0*") ? s.substring(1) : s;
    }
}
