package org.repcon.evaluation.roc;

/** Package-private checks of score arrays; every failure names the argument. */
final class Scores {
    private Scores() {}

    /** Checks that {@code s} is a non-empty array of finite scores. */
    static void check(double[] s, String name) {
        if (s == null) {
            throw new IllegalArgumentException(name + " is null");
        }
        if (s.length == 0) {
            throw new IllegalArgumentException(name + " holds no scores");
        }
        for (int i = 0; i < s.length; i++) {
            if (!Double.isFinite(s[i])) {
                throw new IllegalArgumentException(name + "[" + i + "] is not finite: " + s[i]);
            }
        }
    }
}
