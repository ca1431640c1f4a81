package org.repcon.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Renders a 2-D scalar field as a heat map with axes, tick labels, title and a colorbar, using
 * plain Java2D (fast for fields of a few hundred by a few hundred samples).
 *
 * <p><b>Convention:</b> {@code values[i][j]} is the sample at horizontal index {@code i} and
 * vertical index {@code j}; {@code j = 0} is at the <em>bottom</em>. Samples lie on the uniform
 * grid {@code x_i = xMin + i (xMax - xMin) / (nx - 1)}, {@code y_j = yMin + j (yMax - yMin) / (ny - 1)}
 * (end points included). For a PINN solution {@code u[t][x]} with t on the horizontal axis (as in
 * the Burgers figure of Raissi et al.) pass the array as is with {@code xRange(t0, t1)} and
 * {@code yRange(x0, x1)}; for an array stored as {@code rows = y} use {@link #transpose(double[][])}.
 *
 * <pre>{@code
 * new HeatMap(u).xRange(0, 1).yRange(-1, 1).title("u(t, x)").xLabel("t").yLabel("x")
 *     .colormap(Colormap.BLUE_WHITE_RED).savePng(dir.resolve("plots/u.png"));
 * }</pre>
 */
public final class HeatMap {
    private static final int NAN_RGB = 0xdddddd;

    private final double[][] values;
    private final int nx;
    private final int ny;
    private double xMin = 0;
    private double xMax = 1;
    private double yMin = 0;
    private double yMax = 1;
    private String title = "";
    private String xLabel = "";
    private String yLabel = "";
    private String colorbarLabel = "";
    private Colormap colormap = Colormap.VIRIDIS;
    private Boolean symmetric;
    private double vMin = Double.NaN;
    private double vMax = Double.NaN;
    private boolean smooth;
    private int width = 800;
    private int height = 450;
    private final List<double[][]> points = new ArrayList<>();

    /**
     * @param values field, {@code values[i][j]} with i horizontal and j vertical (see class doc);
     *               must be non-empty and rectangular; NaN cells are drawn light gray
     */
    public HeatMap(double[][] values) {
        Objects.requireNonNull(values, "values");
        if (values.length == 0 || values[0] == null || values[0].length == 0) {
            throw new IllegalArgumentException("empty field");
        }
        for (double[] col : values) {
            if (col == null || col.length != values[0].length) {
                throw new IllegalArgumentException("field is not rectangular");
            }
        }
        this.values = values;
        this.nx = values.length;
        this.ny = values[0].length;
    }

    /** Swaps the two indices: returns {@code t} with {@code t[j][i] = a[i][j]}. */
    public static double[][] transpose(double[][] a) {
        double[][] t = new double[a[0].length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
                t[j][i] = a[i][j];
            }
        }
        return t;
    }

    /** Horizontal coordinate of the first and last sample ({@code values[0]}, {@code values[nx-1]}). */
    public HeatMap xRange(double min, double max) {
        this.xMin = min;
        this.xMax = max;
        return this;
    }

    /** Vertical coordinate of the first (bottom) and last (top) sample. */
    public HeatMap yRange(double min, double max) {
        this.yMin = min;
        this.yMax = max;
        return this;
    }

    /** Title above the plot. */
    public HeatMap title(String title) {
        this.title = title == null ? "" : title;
        return this;
    }

    /** Horizontal axis label. */
    public HeatMap xLabel(String label) {
        this.xLabel = label == null ? "" : label;
        return this;
    }

    /** Vertical axis label. */
    public HeatMap yLabel(String label) {
        this.yLabel = label == null ? "" : label;
        return this;
    }

    /** Label next to the colorbar (e.g. the quantity and its unit). */
    public HeatMap colorbarLabel(String label) {
        this.colorbarLabel = label == null ? "" : label;
        return this;
    }

    /** Colormap; diverging maps imply symmetric limits unless {@link #symmetric(boolean)} says otherwise. */
    public HeatMap colormap(Colormap colormap) {
        this.colormap = Objects.requireNonNull(colormap);
        return this;
    }

    /** Symmetric colour limits {@code [-m, m]} with {@code m = max|limit|}, so that 0 is the map's centre. */
    public HeatMap symmetric(boolean symmetric) {
        this.symmetric = symmetric;
        return this;
    }

    /** Fixed colour limits (default: finite min and max of the data). Values outside are clamped. */
    public HeatMap limits(double min, double max) {
        this.vMin = min;
        this.vMax = max;
        return this;
    }

    /** Bilinear interpolation between samples instead of nearest-sample blocks (default false). */
    public HeatMap smooth(boolean smooth) {
        this.smooth = smooth;
        return this;
    }

    /** Overlays black 'x' markers at the given data coordinates (e.g. training points). */
    public HeatMap addPoints(double[] xs, double[] ys) {
        if (xs.length != ys.length) {
            throw new IllegalArgumentException("xs and ys differ in length");
        }
        points.add(new double[][] {xs.clone(), ys.clone()});
        return this;
    }

    /** Image size used by {@link #savePng(Path)} (default 800 x 450). */
    public HeatMap size(int width, int height) {
        if (width < 100 || height < 80) {
            throw new IllegalArgumentException("image too small: " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
        return this;
    }

    /** @return the colour limits {@code {min, max}} that rendering uses */
    public double[] colorLimits() {
        double lo = vMin;
        double hi = vMax;
        if (Double.isNaN(lo) || Double.isNaN(hi)) {
            double dmin = Double.POSITIVE_INFINITY;
            double dmax = Double.NEGATIVE_INFINITY;
            for (double[] col : values) {
                for (double v : col) {
                    if (Double.isFinite(v)) {
                        dmin = Math.min(dmin, v);
                        dmax = Math.max(dmax, v);
                    }
                }
            }
            if (Double.isNaN(lo)) {
                lo = dmin == Double.POSITIVE_INFINITY ? 0 : dmin;
            }
            if (Double.isNaN(hi)) {
                hi = dmax == Double.NEGATIVE_INFINITY ? 1 : dmax;
            }
        }
        boolean sym = symmetric != null ? symmetric : colormap.isDiverging();
        if (sym) {
            double m = Math.max(Math.abs(lo), Math.abs(hi));
            lo = -m;
            hi = m;
        }
        if (!(hi > lo)) {
            double pad = lo == 0 ? 1 : Math.abs(lo) * 0.5;
            lo -= pad;
            hi += pad;
        }
        return new double[] {lo, hi};
    }

    /** Writes a PNG of the configured {@link #size(int, int)}, creating parent directories. */
    public void savePng(Path png) throws IOException {
        ReportFiles.write(render(width, height), png);
    }

    /** Renders at the configured {@link #size(int, int)}. */
    public BufferedImage render() {
        return render(width, height);
    }

    /** Fonts scale with the image so labels stay readable at any size. */
    private Font font(int w, int h, boolean bold) {
        int size = (int) Math.max(10, Math.min(26, Math.round(Math.min(w, h * 1.6) / 50.0)));
        return new Font(Font.SANS_SERIF, bold ? Font.BOLD : Font.PLAIN, bold ? size + 2 : size);
    }

    private final class Layout {
        final Rectangle plot;
        final Rectangle bar;
        final double[] lim;
        final double xStep;
        final double yStep;
        final double cStep;
        final int tick;
        final int gap;

        Layout(int w, int h, FontMetrics fm, FontMetrics tfm) {
            lim = colorLimits();
            tick = Math.max(4, fm.getHeight() / 3);
            gap = Math.max(4, fm.getHeight() / 3);
            int pad = fm.getHeight() / 2 + 2;
            yStep = Ticks.step(yMin, yMax, 6);
            cStep = Ticks.step(lim[0], lim[1], 6);
            int yLabW = maxWidth(fm, Ticks.values(yMin, yMax, yStep), yStep);
            int cLabW = maxWidth(fm, Ticks.values(lim[0], lim[1], cStep), cStep);
            int left = pad + (yLabel.isEmpty() ? 0 : fm.getHeight() + gap) + yLabW + gap + tick;
            int top = pad + (title.isEmpty() ? fm.getHeight() / 2 : tfm.getHeight() + gap);
            int bottom = tick + gap + fm.getHeight() + (xLabel.isEmpty() ? 0 : gap + fm.getHeight()) + pad;
            int barW = Math.max(12, w / 45);
            int right = 2 * gap + gap + barW + tick + gap + cLabW
                    + (colorbarLabel.isEmpty() ? 0 : gap + fm.getHeight()) + pad;
            plot = new Rectangle(left, top, Math.max(10, w - left - right), Math.max(10, h - top - bottom));
            bar = new Rectangle(plot.x + plot.width + 3 * gap, plot.y, barW, plot.height);
            int xTarget = Math.max(2, Math.min(10, plot.width / (fm.stringWidth("-0.00e-0") + 2 * gap)));
            xStep = Ticks.step(xMin, xMax, xTarget);
        }
    }

    private static int maxWidth(FontMetrics fm, List<Double> ticks, double step) {
        int m = 0;
        for (double v : ticks) {
            m = Math.max(m, fm.stringWidth(Ticks.format(v, step)));
        }
        return m;
    }

    /**
     * Bounds of the field area inside an image of the given size (for overlays and tests).
     *
     * @return rectangle in image pixel coordinates
     */
    public Rectangle plotArea(int w, int h) {
        BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scratch.createGraphics();
        try {
            return new Layout(w, h, g.getFontMetrics(font(w, h, false)), g.getFontMetrics(font(w, h, true))).plot;
        } finally {
            g.dispose();
        }
    }

    /**
     * Renders the heat map.
     *
     * @param w image width in pixels
     * @param h image height in pixels
     * @return an RGB image
     */
    public BufferedImage render(int w, int h) {
        ReportFiles.ensureHeadless();
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            ReportFiles.paintWhite(g, w, h);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            Font f = font(w, h, false);
            Font tf = font(w, h, true);
            FontMetrics fm = g.getFontMetrics(f);
            Layout L = new Layout(w, h, fm, g.getFontMetrics(tf));
            paintField(img, L);
            paintColorbar(img, L);
            g.setFont(f);
            g.setColor(Color.BLACK);
            g.setStroke(new BasicStroke(1f));
            drawAxes(g, fm, L);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            drawPoints(g, L, fm.getHeight() / 3.0);
            if (!title.isEmpty()) {
                g.setFont(tf);
                FontMetrics tfm = g.getFontMetrics();
                int tw = tfm.stringWidth(title);
                int cx = L.plot.x + L.plot.width / 2;
                int tx = Math.max(2, Math.min(w - tw - 2, cx - tw / 2));
                g.drawString(title, tx, L.plot.y - L.gap - tfm.getDescent());
            }
        } finally {
            g.dispose();
        }
        return img;
    }

    private void paintField(BufferedImage img, Layout L) {
        Rectangle p = L.plot;
        double lo = L.lim[0];
        double span = L.lim[1] - lo;
        int[] row = new int[p.width];
        for (int py = 0; py < p.height; py++) {
            double v = 1 - (py + 0.5) / p.height; // 0 at bottom
            double fj = v * (ny - 1);
            for (int px = 0; px < p.width; px++) {
                double fi = (px + 0.5) / p.width * (nx - 1);
                double val = smooth ? bilinear(fi, fj) : values[(int) Math.round(fi)][(int) Math.round(fj)];
                row[px] = Double.isNaN(val) ? NAN_RGB : colormap.rgb((val - lo) / span);
            }
            img.setRGB(p.x, p.y + py, p.width, 1, row, 0, p.width);
        }
    }

    private double bilinear(double fi, double fj) {
        int i0 = Math.min((int) fi, Math.max(0, nx - 2));
        int j0 = Math.min((int) fj, Math.max(0, ny - 2));
        int i1 = Math.min(i0 + 1, nx - 1);
        int j1 = Math.min(j0 + 1, ny - 1);
        double a = fi - i0;
        double b = fj - j0;
        return (1 - a) * ((1 - b) * values[i0][j0] + b * values[i0][j1])
                + a * ((1 - b) * values[i1][j0] + b * values[i1][j1]);
    }

    private void paintColorbar(BufferedImage img, Layout L) {
        Rectangle b = L.bar;
        for (int py = 0; py < b.height; py++) {
            int rgb = colormap.rgb(1 - (py + 0.5) / b.height);
            for (int px = 0; px < b.width; px++) {
                img.setRGB(b.x + px, b.y + py, rgb);
            }
        }
    }

    private void drawAxes(Graphics2D g, FontMetrics fm, Layout L) {
        Rectangle p = L.plot;
        Rectangle b = L.bar;
        g.drawRect(p.x, p.y, p.width - 1, p.height - 1);
        g.drawRect(b.x, b.y, b.width - 1, b.height - 1);
        int asc = fm.getAscent();
        // x ticks
        for (double t : Ticks.values(xMin, xMax, L.xStep)) {
            int px = p.x + (int) Math.round(frac(t, xMin, xMax) * (p.width - 1));
            g.drawLine(px, p.y + p.height, px, p.y + p.height + L.tick);
            String s = Ticks.format(t, L.xStep);
            g.drawString(s, px - fm.stringWidth(s) / 2, p.y + p.height + L.tick + L.gap / 2 + asc);
        }
        // y ticks
        for (double t : Ticks.values(yMin, yMax, L.yStep)) {
            int py = p.y + p.height - 1 - (int) Math.round(frac(t, yMin, yMax) * (p.height - 1));
            g.drawLine(p.x - L.tick, py, p.x - 1, py);
            String s = Ticks.format(t, L.yStep);
            g.drawString(s, p.x - L.tick - L.gap / 2 - fm.stringWidth(s), py + asc / 2 - 1);
        }
        // colorbar ticks
        int cLabW = 0;
        for (double t : Ticks.values(L.lim[0], L.lim[1], L.cStep)) {
            int py = b.y + b.height - 1 - (int) Math.round(frac(t, L.lim[0], L.lim[1]) * (b.height - 1));
            g.drawLine(b.x + b.width, py, b.x + b.width + L.tick, py);
            String s = Ticks.format(t, L.cStep);
            cLabW = Math.max(cLabW, fm.stringWidth(s));
            g.drawString(s, b.x + b.width + L.tick + L.gap / 2, py + asc / 2 - 1);
        }
        if (!xLabel.isEmpty()) {
            int tw = fm.stringWidth(xLabel);
            g.drawString(xLabel, p.x + (p.width - tw) / 2,
                    p.y + p.height + L.tick + L.gap + fm.getHeight() + L.gap / 2 + asc);
        }
        if (!yLabel.isEmpty()) {
            drawVertical(g, fm, yLabel, p.x - L.tick - L.gap - maxLabelWidth(fm, yMin, yMax, L.yStep) - L.gap,
                    p.y + p.height / 2);
        }
        if (!colorbarLabel.isEmpty()) {
            int x = b.x + b.width + L.tick + L.gap + cLabW + L.gap + fm.getHeight() - fm.getDescent();
            drawVertical(g, fm, colorbarLabel, x, b.y + b.height / 2);
        }
    }

    private static int maxLabelWidth(FontMetrics fm, double lo, double hi, double step) {
        return maxWidth(fm, Ticks.values(lo, hi, step), step);
    }

    /** Draws text rotated by -90 degrees, centred vertically at cy, baseline at x. */
    private static void drawVertical(Graphics2D g, FontMetrics fm, String s, int x, int cy) {
        AffineTransform saved = g.getTransform();
        g.translate(x, cy);
        g.rotate(-Math.PI / 2);
        g.drawString(s, -fm.stringWidth(s) / 2, 0);
        g.setTransform(saved);
    }

    private void drawPoints(Graphics2D g, Layout L, double r) {
        Rectangle p = L.plot;
        g.setStroke(new BasicStroke(1.3f));
        for (double[][] set : points) {
            for (int k = 0; k < set[0].length; k++) {
                double fx = frac(set[0][k], xMin, xMax);
                double fy = frac(set[1][k], yMin, yMax);
                if (!(fx >= 0 && fx <= 1 && fy >= 0 && fy <= 1)) {
                    continue;
                }
                double cx = p.x + fx * (p.width - 1);
                double cy = p.y + p.height - 1 - fy * (p.height - 1);
                g.draw(new java.awt.geom.Line2D.Double(cx - r, cy - r, cx + r, cy + r));
                g.draw(new java.awt.geom.Line2D.Double(cx - r, cy + r, cx + r, cy - r));
            }
        }
    }

    private static double frac(double v, double lo, double hi) {
        return hi == lo ? 0.5 : (v - lo) / (hi - lo);
    }
}
