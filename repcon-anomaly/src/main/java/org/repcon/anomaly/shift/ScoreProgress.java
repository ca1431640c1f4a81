package org.repcon.anomaly.shift;

import java.util.Locale;
import java.util.function.Function;
import org.repcon.data.ImageSet;
import org.repcon.experiment.RunContext;

/**
 * Computes a per-image score in chunks of {@code chunk} images and prints a progress line per chunk (elapsed time and
 * ETA) once the work has taken more than 5 seconds, so that a long scoring shows signs of life and a quick one prints
 * nothing.
 */
public final class ScoreProgress {
    private final RunContext ctx;
    private final int chunk;

    public ScoreProgress(RunContext ctx, int chunk) {
        if (chunk < 1) {
            throw new IllegalArgumentException("chunk must be positive, got " + chunk);
        }
        this.ctx = ctx;
        this.chunk = chunk;
    }

    /** One score per image; [N]. */
    public double[] scores(String what, ImageSet images, Function<ImageSet, double[]> f) {
        double[][] rows = rows(what, images, x -> {
            double[] s = f.apply(x);
            double[][] r = new double[s.length][];
            for (int i = 0; i < s.length; i++) {
                r[i] = new double[] {s[i]};
            }
            return r;
        });
        double[] out = new double[rows.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = rows[i][0];
        }
        return out;
    }

    /** A row of values per image; [N][...]. */
    public double[][] rows(String what, ImageSet images, Function<ImageSet, double[][]> f) {
        int n = images.size();
        double[][] out = new double[n][];
        long t0 = System.nanoTime();
        boolean logged = false;
        for (int from = 0; from < n; from += chunk) {
            int to = Math.min(n, from + chunk);
            double[][] part = f.apply(images.slice(from, to));
            System.arraycopy(part, 0, out, from, to - from);
            double elapsed = (System.nanoTime() - t0) / 1e9;
            if (elapsed > 5 || logged) {
                logged = true;
                ctx.log(String.format(Locale.ROOT, "%s %d/%d images, %s elapsed, ETA %s", what, to, n, clock(elapsed),
                        clock(elapsed / to * (n - to))));
            }
        }
        return out;
    }

    /** h:mm:ss. */
    public static String clock(double seconds) {
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }
}
