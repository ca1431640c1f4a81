package org.repcon.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A vector field drawn as arrows over 2-D points (e.g. the score of a diffusion model over its training data),
 * rendered with Java2D on a white background.
 *
 * <p>Arrow {@code k} starts at {@code (x_k, y_k)} and points along {@code (u_k, v_k)}. Lengths are scaled together:
 * the longest arrow (or the {@link #clipQuantile} quantile of the lengths, longer ones cut to it) is drawn
 * {@code arrowLength} of the smaller plot side long, so the picture shows the field's direction everywhere and its
 * relative strength. The axes span {@code xRange} x {@code yRange} with equal units when {@link #equalAspect}.
 *
 * <pre>{@code
 * new QuiverPlot().title("score at t = 100").xRange(-2, 2).yRange(-2, 2)
 *     .addPoints("data", xs, ys, Color.LIGHT_GRAY).arrows(gx, gy, u, v).savePng(plots.resolve("score.png"));
 * }</pre>
 */
public final class QuiverPlot {
    private record Points(String name, double[] x, double[] y, Color color) {}

    private final List<Points> points = new ArrayList<>();
    private double[] ax;
    private double[] ay;
    private double[] au;
    private double[] av;
    private Color arrowColor = new Color(0x1F77B4);
    private String title = "";
    private double xMin = -1;
    private double xMax = 1;
    private double yMin = -1;
    private double yMax = 1;
    private double arrowLength = 0.06;
    private double clipQuantile = 1.0;
    private boolean equalAspect = true;
    private int width = 600;
    private int height = 600;

    public QuiverPlot title(String title) {
        this.title = title == null ? "" : title;
        return this;
    }

    public QuiverPlot xRange(double min, double max) {
        if (!(max > min)) {
            throw new IllegalArgumentException("x range must have max > min, got " + min + " .. " + max);
        }
        xMin = min;
        xMax = max;
        return this;
    }

    public QuiverPlot yRange(double min, double max) {
        if (!(max > min)) {
            throw new IllegalArgumentException("y range must have max > min, got " + min + " .. " + max);
        }
        yMin = min;
        yMax = max;
        return this;
    }

    /** Image size (default 600 x 600). */
    public QuiverPlot size(int width, int height) {
        if (width < 100 || height < 80) {
            throw new IllegalArgumentException("image too small: " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
        return this;
    }

    /** Equal units on both axes (default true): the plot area is shrunk to keep circles round. */
    public QuiverPlot equalAspect(boolean equal) {
        this.equalAspect = equal;
        return this;
    }

    /** The drawn length of the longest (unclipped) arrow as a fraction of the smaller plot side (default 0.06). */
    public QuiverPlot arrowLength(double fraction) {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("arrow length must be in (0, 1], got " + fraction);
        }
        this.arrowLength = fraction;
        return this;
    }

    /** Arrows longer than this quantile of all lengths are cut to it (default 1: none cut). */
    public QuiverPlot clipQuantile(double q) {
        if (!(q > 0 && q <= 1)) {
            throw new IllegalArgumentException("clip quantile must be in (0, 1], got " + q);
        }
        this.clipQuantile = q;
        return this;
    }

    /** A layer of points drawn under the arrows (drawn in the order added; named in the legend). */
    public QuiverPlot addPoints(String name, double[] x, double[] y, Color color) {
        if (x == null || y == null || x.length != y.length) {
            throw new IllegalArgumentException("points need x and y of equal length");
        }
        points.add(new Points(name, x.clone(), y.clone(), color));
        return this;
    }

    /** The arrows: start points (x, y) and vectors (u, v), all of one length. */
    public QuiverPlot arrows(double[] x, double[] y, double[] u, double[] v) {
        if (x == null || y == null || u == null || v == null || x.length != y.length || x.length != u.length || x.length != v.length) {
            throw new IllegalArgumentException("arrows need x, y, u, v of equal length");
        }
        ax = x.clone();
        ay = y.clone();
        au = u.clone();
        av = v.clone();
        return this;
    }

    public QuiverPlot arrowColor(Color color) {
        this.arrowColor = color;
        return this;
    }

    /** Writes a PNG of the configured size, creating parent directories. */
    public void savePng(Path png) throws IOException {
        ReportFiles.write(render(), png);
    }

    /** The field's scale: the vector length drawn at {@link #arrowLength} (the clip quantile of the lengths). */
    double referenceLength() {
        if (ax == null || ax.length == 0) {
            return 0;
        }
        double[] lengths = new double[ax.length];
        int n = 0;
        for (int k = 0; k < ax.length; k++) {
            double l = Math.hypot(au[k], av[k]);
            if (Double.isFinite(l)) {
                lengths[n++] = l;
            }
        }
        if (n == 0) {
            return 0;
        }
        double[] sorted = java.util.Arrays.copyOf(lengths, n);
        java.util.Arrays.sort(sorted);
        return sorted[Math.min(n - 1, (int) Math.ceil(clipQuantile * n) - 1)];
    }

    /** The plot area inside an image of the configured size. */
    Rectangle plotArea(FontMetrics fm) {
        int pad = fm.getHeight();
        int left = pad + fm.stringWidth("-0.00") + 8;
        int top = pad + (title.isEmpty() ? 0 : fm.getHeight() + 4);
        int bottom = 2 * fm.getHeight() + 8;
        int right = pad;
        int w = Math.max(10, width - left - right);
        int h = Math.max(10, height - top - bottom);
        if (equalAspect) {
            double unitsPerPixel = Math.max((xMax - xMin) / w, (yMax - yMin) / h);
            int nw = (int) Math.round((xMax - xMin) / unitsPerPixel);
            int nh = (int) Math.round((yMax - yMin) / unitsPerPixel);
            left += (w - nw) / 2;
            top += (h - nh) / 2;
            w = nw;
            h = nh;
        }
        return new Rectangle(left, top, w, h);
    }

    /** Renders the chart. */
    public BufferedImage render() {
        ReportFiles.ensureHeadless();
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            ReportFiles.paintWhite(g, width, height);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            int fs = (int) Math.max(10, Math.min(20, Math.round(Math.min(width, height * 1.6) / 50.0)));
            Font font = new Font(Font.SANS_SERIF, Font.PLAIN, fs);
            g.setFont(font);
            FontMetrics fm = g.getFontMetrics();
            Rectangle p = plotArea(fm);
            java.awt.Shape clip = g.getClip();
            g.setClip(p);
            for (Points layer : points) {
                g.setColor(layer.color());
                int r = Math.max(1, fs / 6);
                for (int k = 0; k < layer.x().length; k++) {
                    if (Double.isFinite(layer.x()[k]) && Double.isFinite(layer.y()[k])) {
                        g.fillOval((int) Math.round(px(p, layer.x()[k])) - r, (int) Math.round(py(p, layer.y()[k])) - r, 2 * r, 2 * r);
                    }
                }
            }
            drawArrows(g, p);
            g.setClip(clip);
            drawAxes(g, fm, p);
            drawLegend(g, fm, p);
            if (!title.isEmpty()) {
                Font tf = font.deriveFont(Font.BOLD, fs + 2f);
                g.setFont(tf);
                FontMetrics tfm = g.getFontMetrics();
                String t = ReportFiles.fitText(title, tfm, width - 4);
                g.drawString(t, Math.max(2, (width - tfm.stringWidth(t)) / 2), tfm.getAscent() + 4);
            }
        } finally {
            g.dispose();
        }
        return img;
    }

    private void drawArrows(Graphics2D g, Rectangle p) {
        if (ax == null) {
            return;
        }
        double reference = referenceLength();
        if (!(reference > 0)) {
            return;
        }
        double pixels = arrowLength * Math.min(p.width, p.height);
        g.setColor(arrowColor);
        g.setStroke(new BasicStroke(Math.max(1f, (float) pixels / 25f)));
        for (int k = 0; k < ax.length; k++) {
            double len = Math.hypot(au[k], av[k]);
            if (!Double.isFinite(len) || !Double.isFinite(ax[k]) || !Double.isFinite(ay[k]) || len == 0) {
                continue;
            }
            double drawn = Math.min(len, reference) / reference * pixels;
            double dx = au[k] / len * drawn;
            double dy = -av[k] / len * drawn; // y grows downwards on screen
            double x0 = px(p, ax[k]);
            double y0 = py(p, ay[k]);
            double x1 = x0 + dx;
            double y1 = y0 + dy;
            g.draw(new Line2D.Double(x0, y0, x1, y1));
            double head = Math.max(2.5, drawn * 0.35);
            double angle = Math.atan2(dy, dx);
            Path2D.Double tip = new Path2D.Double();
            tip.moveTo(x1, y1);
            tip.lineTo(x1 - head * Math.cos(angle - 0.45), y1 - head * Math.sin(angle - 0.45));
            tip.lineTo(x1 - head * Math.cos(angle + 0.45), y1 - head * Math.sin(angle + 0.45));
            tip.closePath();
            g.fill(tip);
        }
    }

    private void drawAxes(Graphics2D g, FontMetrics fm, Rectangle p) {
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1f));
        g.drawRect(p.x, p.y, p.width, p.height);
        int tick = 4;
        double xs = Ticks.step(xMin, xMax, Math.max(2, Math.min(8, p.width / 70)));
        for (double t : Ticks.values(xMin, xMax, xs)) {
            int x = (int) Math.round(px(p, t));
            g.drawLine(x, p.y + p.height, x, p.y + p.height + tick);
            String s = Ticks.format(t, xs);
            g.drawString(s, x - fm.stringWidth(s) / 2, p.y + p.height + tick + fm.getAscent());
        }
        double ys = Ticks.step(yMin, yMax, Math.max(2, Math.min(8, p.height / 50)));
        for (double t : Ticks.values(yMin, yMax, ys)) {
            int y = (int) Math.round(py(p, t));
            g.drawLine(p.x - tick, y, p.x, y);
            String s = Ticks.format(t, ys);
            g.drawString(s, p.x - tick - 2 - fm.stringWidth(s), y + fm.getAscent() / 2 - 1);
        }
    }

    private void drawLegend(Graphics2D g, FontMetrics fm, Rectangle p) {
        int x = p.x + 6;
        int y = p.y + p.height + 2 * fm.getHeight() + 2;
        for (Points layer : points) {
            if (layer.name() == null || layer.name().isEmpty()) {
                continue;
            }
            g.setColor(layer.color());
            g.fillOval(x, y - fm.getAscent() / 2 - 3, 7, 7);
            g.setColor(Color.BLACK);
            g.drawString(layer.name(), x + 11, y);
            x += 11 + fm.stringWidth(layer.name()) + 16;
        }
        if (ax != null) {
            g.setColor(arrowColor);
            g.drawLine(x, y - fm.getAscent() / 2, x + 14, y - fm.getAscent() / 2);
            g.setColor(Color.BLACK);
            g.drawString("field (direction; length relative)", x + 18, y);
        }
    }

    private double px(Rectangle p, double x) {
        return p.x + (x - xMin) / (xMax - xMin) * p.width;
    }

    private double py(Rectangle p, double y) {
        return p.y + p.height - (y - yMin) / (yMax - yMin) * p.height;
    }
}
