package org.repcon.optim.lbfgs;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * Limited-memory BFGS on a flat {@code double[]} parameter vector, following PyTorch's {@code torch.optim.LBFGS}
 * (itself modelled on minFunc) step for step, with its {@code strong_wolfe} line search.
 *
 * <p><b>One iteration</b> ({@link #iterate}) at the current point {@code x} with loss {@code f} and gradient {@code g}
 * (cached from the previous iteration; only the very first call, or a call with an {@code x} that differs from the
 * point the previous call left, evaluates the objective first):
 * <ol>
 *   <li>If {@code max|g| <= toleranceGrad} return at once (converged).</li>
 *   <li>Direction: on the first iteration {@code d = -g}. Otherwise the pair {@code s = t_prev d_prev},
 *       {@code y = g - g_prev} is appended to the history (dropping the oldest beyond {@code historySize}) only if
 *       {@code y's > 1e-10}, in which case the initial inverse Hessian becomes {@code H0 = (y's / y'y) I}; then
 *       {@code d = -H g} by the two-loop recursion over the stored pairs ({@code rho = 1 / y's}).</li>
 *   <li>Initial step: {@code t = min(1, 1 / sum|g|) * lr} on the first iteration, {@code t = lr} afterwards. If the
 *       directional derivative {@code g'd > -toleranceChange} no descent is possible: return (converged).</li>
 *   <li>Strong-Wolfe line search (bracketing, then zoom with safeguarded cubic interpolation; at most
 *       {@code maxEvaluationsPerIteration} evaluations after the first trial, like PyTorch's {@code max_ls}) for a
 *       step {@code t > 0} with, for {@code phi(t) = f(x + t d)},
 *       <pre>
 *   sufficient decrease (Armijo):  phi(t) <= phi(0) + c1 t phi'(0),   c1 = 1e-4
 *   strong curvature:              |phi'(t)| <= c2 |phi'(0)|,          c2 = 0.9</pre>
 *       If the search ends without meeting both (bracket narrower than {@code toleranceChange / max|d|}, or the
 *       evaluation budget is spent) the lowest point found is taken, possibly {@code t = 0}, exactly as PyTorch does.
 *       A trial point where the loss or gradient is not finite counts as a failed trial ({@code phi = +inf}), so the
 *       bracket shrinks towards the last good point (interpolation falls back to bisection).
 *       With the line search disabled, a fixed step {@code t} is taken and evaluated once.</li>
 *   <li>Converged if {@code max|g_new| <= toleranceGrad}, {@code max|t d| <= toleranceChange} or
 *       {@code |f_new - f| < toleranceChange}.</li>
 * </ol>
 *
 * <p><b>Evaluation invariant.</b> When {@code iterate} returns normally, {@code x} holds the accepted point and the
 * <em>last</em> call of the objective was at exactly that {@code x}; its loss and gradient are cached for the next
 * iteration. If the line search's last trial was not the accepted point (a rare, unsuccessful search) the objective is
 * evaluated once more at the accepted point, so the objective must be deterministic. If the objective throws, {@code x}
 * is restored to the iteration's starting point and the cache is dropped.
 *
 * <p><b>Checkpointing.</b> {@link #writeState} / {@link #readState} save and restore everything the algorithm depends on
 * (history, previous gradient/loss/direction/step, counters, and the cached loss/gradient with the point they belong
 * to), so a run resumed with the same options and the saved {@code x} reproduces the uninterrupted run bit for bit.
 * Options are not part of the state.
 *
 * <p>Memory is about {@code (2 historySize + 6) n} doubles; vector work is allocation-free loops. Not thread safe.
 */
public final class Lbfgs {
    private static final int MAGIC = 0x4C424647; // "LBFG"
    private static final int VERSION = 1;
    private static final double C1 = 1e-4;
    private static final double C2 = 0.9;
    private static final double MIN_CURVATURE = 1e-10;

    private final int historySize;
    private final int maxLineSearch;
    private final double toleranceGrad;
    private final double toleranceChange;
    private final double lr;
    private final boolean strongWolfe;

    // ---- persistent state (serialised) ----
    private int n = -1; // dimension, -1 until bound by the first iterate() or readState()
    private long iterations;
    private long evaluations;
    private double step; // t of the previous iteration
    private double hDiag = 1;
    private double prevLoss;
    private double[] dir;
    private double[] prevGrad;
    private double[][] hs; // s vectors, ring buffer: logical k (0 = oldest) lives in slot (head + k) % historySize
    private double[][] hy; // y vectors
    private double[] rho;
    private int head;
    private int count;
    private boolean cached; // loss/grad valid at xCached
    private double loss;
    private double[] grad;
    private double[] xCached;

    // ---- scratch ----
    private double[] x0;
    private double[] gTrial;
    private double[] alpha;
    private final double[] bt = new double[2];
    private final double[] bf = new double[2];
    private final double[] bgtd = new double[2];
    private double trialGtd;
    private int lsEvals;

    private Lbfgs(Builder b) {
        historySize = b.historySize;
        maxLineSearch = b.maxEvaluationsPerIteration;
        toleranceGrad = b.toleranceGrad;
        toleranceChange = b.toleranceChange;
        lr = b.initialStep;
        strongWolfe = b.lineSearch;
    }

    /** A builder with PyTorch-like defaults (history 50, line search on). */
    public static Builder builder() {
        return new Builder();
    }

    /** Number of iterations performed so far (the counter PyTorch calls {@code n_iter}). */
    public long iterationCount() {
        return iterations;
    }

    /** Total number of objective evaluations so far. */
    public long evaluationCount() {
        return evaluations;
    }

    /** Dimension this optimizer is bound to, or {@code -1} before the first iteration / state load. */
    public int dimension() {
        return n;
    }

    /** Forgets all state (history, cache, counters, dimension). */
    public void reset() {
        n = -1;
        iterations = 0;
        evaluations = 0;
        step = 0;
        hDiag = 1;
        prevLoss = 0;
        head = 0;
        count = 0;
        cached = false;
        loss = 0;
        dir = prevGrad = grad = xCached = x0 = gTrial = rho = alpha = null;
        hs = hy = null;
    }

    /**
     * Performs one L-BFGS iteration (direction + line search) from {@code x}, which is updated in place to the accepted
     * point. See the class documentation for the algorithm and the evaluation invariant.
     *
     * @throws IllegalStateException if the loss or gradient at the starting point is not finite, or the fixed step
     *                               (line search disabled) lands on a non-finite value
     * @throws IllegalArgumentException if {@code x} does not match the dimension of the optimizer's state
     */
    public IterationResult iterate(double[] x, DifferentiableFunction f) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(f, "f");
        bind(x.length);
        int evals = 0;
        if (!cached || !Arrays.equals(x, xCached)) {
            cached = false;
            loss = f.evaluate(x, grad);
            evals++;
            evaluations++;
            requireFinite(loss, grad, "at the starting point");
            remember(x);
        }
        if (maxAbs(grad) <= toleranceGrad) {
            return new IterationResult(loss, evals, true, 0);
        }
        iterations++;
        if (iterations == 1) {
            for (int i = 0; i < n; i++) {
                dir[i] = -grad[i];
            }
            head = 0;
            count = 0;
            hDiag = 1;
        } else {
            updateHistory();
            twoLoopDirection();
        }
        System.arraycopy(grad, 0, prevGrad, 0, n);
        prevLoss = loss;
        double t = iterations == 1 ? Math.min(1.0, 1.0 / sumAbs(grad)) * lr : lr;
        step = t;
        double gtd = dot(grad, dir, n);
        if (gtd > -toleranceChange) {
            return new IterationResult(loss, evals, true, 0); // not a descent direction (to tolerance)
        }

        System.arraycopy(x, 0, x0, 0, n);
        cached = false;
        lsEvals = 0;
        try {
            if (strongWolfe) {
                t = lineSearch(x, f, t, loss, gtd);
            } else {
                moveTo(x, t);
                double fv = f.evaluate(x, grad);
                lsEvals++;
                if (!isFinite(fv) || !allFinite(grad)) {
                    System.arraycopy(x0, 0, x, 0, n);
                    throw new IllegalStateException(String.format(Locale.ROOT,
                            "L-BFGS fixed step t=%g produced a non-finite loss or gradient (loss=%s); x was restored."
                                    + " Use a smaller initial step or enable the strong-Wolfe line search", t, fv));
                }
                loss = fv;
            }
        } catch (RuntimeException | Error e) {
            System.arraycopy(x0, 0, x, 0, n);
            throw e;
        } finally {
            evals += lsEvals;
            evaluations += lsEvals;
        }
        step = t;
        remember(x);
        boolean converged = maxAbs(grad) <= toleranceGrad
                || maxAbs(dir) * Math.abs(t) <= toleranceChange
                || Math.abs(loss - prevLoss) < toleranceChange;
        return new IterationResult(loss, evals, converged, t);
    }

    /** Adds (s, y) = (t d, g - g_prev) to the history if y's > 1e-10 and updates the H0 scaling. */
    private void updateHistory() {
        double t = step;
        double ys = 0;
        double yy = 0;
        for (int i = 0; i < n; i++) {
            double yi = grad[i] - prevGrad[i];
            ys += yi * (dir[i] * t);
            yy += yi * yi;
        }
        if (!(ys > MIN_CURVATURE)) {
            return;
        }
        int slot;
        if (count < historySize) {
            slot = (head + count) % historySize;
            count++;
        } else {
            slot = head;
            head = (head + 1) % historySize;
        }
        if (hs[slot] == null) {
            hs[slot] = new double[n];
            hy[slot] = new double[n];
        }
        double[] s = hs[slot];
        double[] y = hy[slot];
        for (int i = 0; i < n; i++) {
            s[i] = dir[i] * t;
            y[i] = grad[i] - prevGrad[i];
        }
        rho[slot] = 1.0 / ys;
        hDiag = ys / yy;
    }

    /** d = -H g by the two-loop recursion, written into {@code dir}. */
    private void twoLoopDirection() {
        double[] q = dir;
        for (int i = 0; i < n; i++) {
            q[i] = -grad[i];
        }
        for (int k = count - 1; k >= 0; k--) {
            int j = (head + k) % historySize;
            double a = dot(hs[j], q, n) * rho[j];
            alpha[k] = a;
            axpy(-a, hy[j], q, n);
        }
        for (int i = 0; i < n; i++) {
            q[i] *= hDiag;
        }
        for (int k = 0; k < count; k++) {
            int j = (head + k) % historySize;
            double b = dot(hy[j], q, n) * rho[j];
            axpy(alpha[k] - b, hs[j], q, n);
        }
    }

    /**
     * PyTorch's {@code _strong_wolfe}. On return x holds x0 + t d, {@code grad}/{@code loss} hold the values there and
     * the objective was last evaluated there. Returns the accepted step t.
     */
    private double lineSearch(double[] x, DifferentiableFunction f, double t, double f0, double gtd) {
        double dNorm = maxAbs(dir);
        double fNew = trial(x, f, t);
        double gtdNew = trialGtd;
        double lastT = t; // x currently holds x0 + lastT d, gTrial its gradient
        double tPrev = 0;
        double fPrev = f0;
        double gtdPrev = gtd;
        boolean done = false;
        int lsIter = 0;

        // bracketing phase
        while (lsIter < maxLineSearch) {
            if (fNew > f0 + C1 * t * gtd || (lsIter > 1 && fNew >= fPrev)) {
                setBracket(tPrev, fPrev, gtdPrev, t, fNew, gtdNew);
                break;
            }
            if (Math.abs(gtdNew) <= -C2 * gtd) {
                setBracket(t, fNew, gtdNew, t, fNew, gtdNew);
                done = true;
                break;
            }
            if (gtdNew >= 0) {
                setBracket(tPrev, fPrev, gtdPrev, t, fNew, gtdNew);
                break;
            }
            double minStep = t + 0.01 * (t - tPrev);
            double maxStep = t * 10;
            double tmp = t;
            t = cubicInterpolate(tPrev, fPrev, gtdPrev, t, fNew, gtdNew, minStep, maxStep);
            tPrev = tmp;
            fPrev = fNew;
            gtdPrev = gtdNew;
            fNew = trial(x, f, t);
            gtdNew = trialGtd;
            lastT = t;
            lsIter++;
        }
        if (lsIter == maxLineSearch) {
            setBracket(0, f0, gtd, t, fNew, gtdNew);
        }

        // zoom phase
        boolean insufficientProgress = false;
        int low = bf[0] <= bf[1] ? 0 : 1;
        int high = 1 - low;
        while (!done && lsIter < maxLineSearch) {
            if (Math.abs(bt[1] - bt[0]) * dNorm < toleranceChange) {
                break;
            }
            double bMin = Math.min(bt[0], bt[1]);
            double bMax = Math.max(bt[0], bt[1]);
            t = cubicInterpolate(bt[0], bf[0], bgtd[0], bt[1], bf[1], bgtd[1], bMin, bMax);
            double eps = 0.1 * (bMax - bMin);
            if (Math.min(bMax - t, t - bMin) < eps) {
                if (insufficientProgress || t >= bMax || t <= bMin) {
                    t = Math.abs(t - bMax) < Math.abs(t - bMin) ? bMax - eps : bMin + eps;
                    insufficientProgress = false;
                } else {
                    insufficientProgress = true;
                }
            } else {
                insufficientProgress = false;
            }
            fNew = trial(x, f, t);
            gtdNew = trialGtd;
            lastT = t;
            lsIter++;
            if (fNew > f0 + C1 * t * gtd || fNew >= bf[low]) {
                bt[high] = t;
                bf[high] = fNew;
                bgtd[high] = gtdNew;
                low = bf[0] <= bf[1] ? 0 : 1;
                high = 1 - low;
            } else {
                if (Math.abs(gtdNew) <= -C2 * gtd) {
                    done = true;
                } else if (gtdNew * (bt[high] - bt[low]) >= 0) {
                    bt[high] = bt[low];
                    bf[high] = bf[low];
                    bgtd[high] = bgtd[low];
                }
                bt[low] = t;
                bf[low] = fNew;
                bgtd[low] = gtdNew;
            }
        }

        t = bt[low];
        if (t == lastT) { // the last trial is the accepted point: adopt its gradient
            double[] tmp = grad;
            grad = gTrial;
            gTrial = tmp;
            loss = bf[low];
        } else { // rare: leave the objective's last evaluation at the accepted point
            moveTo(x, t);
            double fv = f.evaluate(x, grad);
            lsEvals++;
            requireFinite(fv, grad, "when re-evaluated at the accepted line-search point (is the objective deterministic?)");
            loss = fv;
        }
        return t;
    }

    private void setBracket(double t0, double f0, double g0, double t1, double f1, double g1) {
        bt[0] = t0;
        bf[0] = f0;
        bgtd[0] = g0;
        bt[1] = t1;
        bf[1] = f1;
        bgtd[1] = g1;
    }

    /** Evaluates at x0 + t d into gTrial; sets trialGtd. A non-finite loss or gradient returns +inf (gtd NaN). */
    private double trial(double[] x, DifferentiableFunction f, double t) {
        moveTo(x, t);
        double fv = f.evaluate(x, gTrial);
        lsEvals++;
        double gtd = dot(gTrial, dir, n); // finite iff every gradient entry is finite (dir is finite)
        if (!isFinite(fv) || !isFinite(gtd)) {
            trialGtd = Double.NaN;
            return Double.POSITIVE_INFINITY;
        }
        trialGtd = gtd;
        return fv;
    }

    private void moveTo(double[] x, double t) {
        if (t == 0) {
            System.arraycopy(x0, 0, x, 0, n);
        } else {
            for (int i = 0; i < n; i++) {
                x[i] = x0[i] + t * dir[i];
            }
        }
    }

    /**
     * Minimiser of the cubic interpolating (x1, f1, g1) and (x2, f2, g2), clamped to [lo, hi]; the midpoint of
     * [lo, hi] if the cubic has no minimiser or an input is not finite (PyTorch's {@code _cubic_interpolate}).
     */
    static double cubicInterpolate(double x1, double f1, double g1, double x2, double f2, double g2,
                                   double lo, double hi) {
        if (isFinite(f1) && isFinite(f2) && isFinite(g1) && isFinite(g2)) {
            double d1 = g1 + g2 - 3 * (f1 - f2) / (x1 - x2);
            double d2Square = d1 * d1 - g1 * g2;
            if (d2Square >= 0) {
                double d2 = Math.sqrt(d2Square);
                double minPos = x1 <= x2
                        ? x2 - (x2 - x1) * ((g2 + d2 - d1) / (g2 - g1 + 2 * d2))
                        : x1 - (x1 - x2) * ((g1 + d2 - d1) / (g1 - g2 + 2 * d2));
                if (!Double.isNaN(minPos)) {
                    return Math.min(Math.max(minPos, lo), hi);
                }
            }
        }
        return (lo + hi) / 2.0;
    }

    private void bind(int length) {
        if (length == 0) {
            throw new IllegalArgumentException("L-BFGS needs at least one parameter");
        }
        if (n < 0) {
            allocate(length);
        } else if (n != length) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "L-BFGS state has dimension %d but x has length %d (state from a different model?)", n, length));
        }
    }

    private void allocate(int dim) {
        n = dim;
        dir = new double[dim];
        prevGrad = new double[dim];
        grad = new double[dim];
        xCached = new double[dim];
        x0 = new double[dim];
        gTrial = new double[dim];
        hs = new double[historySize][];
        hy = new double[historySize][];
        rho = new double[historySize];
        alpha = new double[historySize];
    }

    private void remember(double[] x) {
        System.arraycopy(x, 0, xCached, 0, n);
        cached = true;
    }

    private static void requireFinite(double fv, double[] g, String where) {
        if (!isFinite(fv)) {
            throw new IllegalStateException("L-BFGS: loss is not finite (" + fv + ") " + where);
        }
        for (int i = 0; i < g.length; i++) {
            if (!isFinite(g[i])) {
                throw new IllegalStateException("L-BFGS: gradient is not finite (entry " + i + " = " + g[i] + ") "
                        + where);
            }
        }
    }

    // ------------------------------------------------------------------ state

    /**
     * Writes the complete optimizer state (not the options). Format: magic, version, dimension ({@code -1} if unbound),
     * then counters, scalars, cached loss/gradient/point, direction, previous gradient and the history pairs oldest
     * first, all big-endian.
     */
    public void writeState(DataOutput out) throws IOException {
        out.writeInt(MAGIC);
        out.writeInt(VERSION);
        out.writeInt(n);
        if (n < 0) {
            return;
        }
        out.writeInt(historySize);
        out.writeLong(iterations);
        out.writeLong(evaluations);
        out.writeDouble(step);
        out.writeDouble(hDiag);
        out.writeDouble(prevLoss);
        out.writeBoolean(cached);
        out.writeDouble(loss);
        byte[] buf = new byte[8 * 4096];
        writeVector(out, grad, buf);
        writeVector(out, xCached, buf);
        writeVector(out, dir, buf);
        writeVector(out, prevGrad, buf);
        out.writeInt(count);
        for (int k = 0; k < count; k++) {
            int j = (head + k) % historySize;
            out.writeDouble(rho[j]);
            writeVector(out, hs[j], buf);
            writeVector(out, hy[j], buf);
        }
    }

    /**
     * Replaces this optimizer's state by one written by {@link #writeState}. The instance should be built with the same
     * options as the one that wrote it. On failure the current state is left unchanged.
     *
     * @throws IOException if the data is not an L-BFGS state, is corrupt, holds more history pairs than this
     *                     optimizer's history size, or its dimension differs from the one this optimizer is bound to
     */
    public void readState(DataInput in) throws IOException {
        readState(in, n);
    }

    /**
     * As {@link #readState(DataInput)}, additionally requiring the state's dimension to be {@code expectedDimension}
     * (pass {@code -1} for no check).
     */
    public void readState(DataInput in, int expectedDimension) throws IOException {
        if (in.readInt() != MAGIC) {
            throw new IOException("Not an L-BFGS state (bad magic number)");
        }
        int version = in.readInt();
        if (version != VERSION) {
            throw new IOException("Unsupported L-BFGS state version " + version + " (expected " + VERSION + ")");
        }
        int dim = in.readInt();
        if (dim == -1) {
            reset();
            return;
        }
        if (dim <= 0) {
            throw new IOException("Corrupt L-BFGS state: dimension " + dim);
        }
        if (expectedDimension >= 0 && dim != expectedDimension) {
            throw new IOException(String.format(Locale.ROOT,
                    "L-BFGS state has dimension %d but %d parameters were expected (state from a different model?)",
                    dim, expectedDimension));
        }
        int savedHistory = in.readInt();
        long iters = in.readLong();
        long evals = in.readLong();
        if (savedHistory <= 0 || iters < 0 || evals < 0) {
            throw new IOException("Corrupt L-BFGS state: history size " + savedHistory + ", iterations " + iters
                    + ", evaluations " + evals);
        }
        double st = in.readDouble();
        double hd = in.readDouble();
        double pl = in.readDouble();
        boolean cch = in.readBoolean();
        double ls = in.readDouble();
        byte[] buf = new byte[8 * 4096];
        double[] g = readVector(in, dim, buf);
        double[] xc = readVector(in, dim, buf);
        double[] d = readVector(in, dim, buf);
        double[] pg = readVector(in, dim, buf);
        int cnt = in.readInt();
        if (cnt < 0 || cnt > savedHistory) {
            throw new IOException("Corrupt L-BFGS state: " + cnt + " history pairs for history size " + savedHistory);
        }
        if (cnt > historySize) {
            throw new IOException(String.format(Locale.ROOT,
                    "L-BFGS state holds %d history pairs but this optimizer's history size is %d", cnt, historySize));
        }
        double[] r = new double[cnt];
        double[][] s = new double[cnt][];
        double[][] y = new double[cnt][];
        for (int k = 0; k < cnt; k++) {
            r[k] = in.readDouble();
            s[k] = readVector(in, dim, buf);
            y[k] = readVector(in, dim, buf);
        }

        reset();
        allocate(dim);
        iterations = iters;
        evaluations = evals;
        step = st;
        hDiag = hd;
        prevLoss = pl;
        cached = cch;
        loss = ls;
        grad = g;
        xCached = xc;
        dir = d;
        prevGrad = pg;
        count = cnt;
        head = 0;
        for (int k = 0; k < cnt; k++) {
            rho[k] = r[k];
            hs[k] = s[k];
            hy[k] = y[k];
        }
    }

    private static void writeVector(DataOutput out, double[] v, byte[] buf) throws IOException {
        ByteBuffer bb = ByteBuffer.wrap(buf);
        for (int i = 0; i < v.length; ) {
            bb.clear();
            int m = Math.min(v.length - i, buf.length / 8);
            for (int k = 0; k < m; k++) {
                bb.putDouble(v[i++]);
            }
            out.write(buf, 0, m * 8);
        }
    }

    private static double[] readVector(DataInput in, int dim, byte[] buf) throws IOException {
        double[] v = new double[dim];
        ByteBuffer bb = ByteBuffer.wrap(buf);
        for (int i = 0; i < dim; ) {
            int m = Math.min(dim - i, buf.length / 8);
            in.readFully(buf, 0, m * 8);
            bb.clear();
            for (int k = 0; k < m; k++) {
                v[i++] = bb.getDouble();
            }
        }
        return v;
    }

    // ------------------------------------------------------------------ vector kernels

    static double dot(double[] a, double[] b, int len) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (; i + 3 < len; i += 4) {
            s0 += a[i] * b[i];
            s1 += a[i + 1] * b[i + 1];
            s2 += a[i + 2] * b[i + 2];
            s3 += a[i + 3] * b[i + 3];
        }
        for (; i < len; i++) {
            s0 += a[i] * b[i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    private static void axpy(double a, double[] x, double[] y, int len) {
        for (int i = 0; i < len; i++) {
            y[i] += a * x[i];
        }
    }

    private static double maxAbs(double[] v) {
        double m = 0;
        for (double e : v) {
            double a = Math.abs(e);
            if (a > m || a != a) {
                m = a; // NaN propagates
            }
        }
        return m;
    }

    private static double sumAbs(double[] v) {
        double s = 0;
        for (double e : v) {
            s += Math.abs(e);
        }
        return s;
    }

    private static boolean allFinite(double[] v) {
        for (double e : v) {
            if (!isFinite(e)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isFinite(double v) {
        return v - v == 0; // false for NaN and +-inf
    }

    /** Options; defaults follow the repcon conventions for full-batch PINN training. */
    public static final class Builder {
        private int historySize = 50;
        private int maxEvaluationsPerIteration = 25;
        private double toleranceGrad = 1e-9;
        private double toleranceChange = 1e-12;
        private double initialStep = 1.0;
        private boolean lineSearch = true;

        private Builder() {
        }

        /** Number of (s, y) pairs kept (PyTorch {@code history_size}); default 50. */
        public Builder optHistorySize(int historySize) {
            if (historySize < 1) {
                throw new IllegalArgumentException("historySize must be >= 1: " + historySize);
            }
            this.historySize = historySize;
            return this;
        }

        /**
         * Line-search budget (PyTorch {@code max_ls}); default 25. An iteration makes at most this many evaluations
         * after the first trial, plus one at the starting point on the first call and one re-evaluation in the rare
         * case the accepted point was not the last trial.
         */
        public Builder optMaxEvaluationsPerIteration(int maxEvaluations) {
            if (maxEvaluations < 1) {
                throw new IllegalArgumentException("maxEvaluationsPerIteration must be >= 1: " + maxEvaluations);
            }
            this.maxEvaluationsPerIteration = maxEvaluations;
            return this;
        }

        /** Converged when {@code max|g| <= toleranceGrad}; default 1e-9. */
        public Builder optToleranceGrad(double toleranceGrad) {
            if (!(toleranceGrad >= 0)) {
                throw new IllegalArgumentException("toleranceGrad must be >= 0: " + toleranceGrad);
            }
            this.toleranceGrad = toleranceGrad;
            return this;
        }

        /** Tolerance on loss change, step size, directional derivative and bracket width; default 1e-12. */
        public Builder optToleranceChange(double toleranceChange) {
            if (!(toleranceChange >= 0)) {
                throw new IllegalArgumentException("toleranceChange must be >= 0: " + toleranceChange);
            }
            this.toleranceChange = toleranceChange;
            return this;
        }

        /** Initial step length {@code lr} tried by each line search (PyTorch {@code lr}); default 1. */
        public Builder optInitialStep(double lr) {
            if (!(lr > 0) || Double.isInfinite(lr)) {
                throw new IllegalArgumentException("initial step must be positive and finite: " + lr);
            }
            this.initialStep = lr;
            return this;
        }

        /** Strong-Wolfe line search (default {@code true}); {@code false} takes fixed steps of length lr. */
        public Builder optLineSearch(boolean strongWolfe) {
            this.lineSearch = strongWolfe;
            return this;
        }

        public Lbfgs build() {
            return new Lbfgs(this);
        }
    }
}
