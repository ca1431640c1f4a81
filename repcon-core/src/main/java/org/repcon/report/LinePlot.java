package org.repcon.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Builder for line / scatter charts with several named series, rendered with XChart.
 *
 * <p>Non-finite points are dropped; with a logarithmic axis, non-positive values are dropped too
 * (a series left empty is omitted). Series longer than {@value #MAX_DRAWN_POINTS} points are
 * downsampled for drawing by keeping, per bucket, the minimum and maximum (so spikes stay
 * visible) plus the first and last point.
 *
 * <pre>{@code
 * new LinePlot().title("Loss").xLabel("step").yLabel("loss").logY(true)
 *     .addLine("total", steps, total).savePng(dir.resolve("plots/loss.png"));
 * }</pre>
 */
public final class LinePlot {
    /** Series with more points than this are downsampled for drawing. */
    public static final int MAX_DRAWN_POINTS = 5000;

    /** Tableau-10 palette, used in order for series without an explicit colour. */
    private static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728),
        new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
        new Color(0xbcbd22), new Color(0x17becf)};

    private record Series(String name, double[] x, double[] y, boolean scatter, Color color) {
    }

    private final List<Series> series = new ArrayList<>();
    private String title = "";
    private String xLabel = "";
    private String yLabel = "";
    private boolean logX;
    private boolean logY;
    private Boolean legend;
    private int width = 800;
    private int height = 500;

    /** Chart title. */
    public LinePlot title(String title) {
        this.title = title == null ? "" : title;
        return this;
    }

    /** Horizontal axis label. */
    public LinePlot xLabel(String label) {
        this.xLabel = label == null ? "" : label;
        return this;
    }

    /** Vertical axis label. */
    public LinePlot yLabel(String label) {
        this.yLabel = label == null ? "" : label;
        return this;
    }

    /** Logarithmic vertical axis; points with y &lt;= 0 are then dropped. */
    public LinePlot logY(boolean log) {
        this.logY = log;
        return this;
    }

    /** Logarithmic horizontal axis; points with x &lt;= 0 are then dropped. */
    public LinePlot logX(boolean log) {
        this.logX = log;
        return this;
    }

    /** Show or hide the legend (default: shown when there are at least two series). */
    public LinePlot legend(boolean show) {
        this.legend = show;
        return this;
    }

    /** Image size used by {@link #savePng(Path)} (default 800 x 500). */
    public LinePlot size(int width, int height) {
        if (width < 100 || height < 80) {
            throw new IllegalArgumentException("image too small: " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
        return this;
    }

    /** Adds a line series (palette colour). Arrays are copied. */
    public LinePlot addLine(String name, double[] x, double[] y) {
        return add(name, x, y, false, null);
    }

    /** Adds a line series with an explicit colour. */
    public LinePlot addLine(String name, double[] x, double[] y, Color color) {
        return add(name, x, y, false, color);
    }

    /** Adds a markers-only (scatter) series. */
    public LinePlot addScatter(String name, double[] x, double[] y) {
        return add(name, x, y, true, null);
    }

    /** Adds a markers-only (scatter) series with an explicit colour. */
    public LinePlot addScatter(String name, double[] x, double[] y, Color color) {
        return add(name, x, y, true, color);
    }

    private LinePlot add(String name, double[] x, double[] y, boolean scatter, Color color) {
        Objects.requireNonNull(name, "name");
        if (x.length != y.length) {
            throw new IllegalArgumentException("series '" + name + "': x and y differ in length");
        }
        for (Series s : series) {
            if (s.name.equals(name)) {
                throw new IllegalArgumentException("duplicate series name: " + name);
            }
        }
        series.add(new Series(name, x.clone(), y.clone(), scatter, color));
        return this;
    }

    /** Writes a PNG of the configured {@link #size(int, int)}, creating parent directories. */
    public void savePng(Path png) throws IOException {
        ReportFiles.write(render(width, height), png);
    }

    /** Renders at the configured {@link #size(int, int)}. */
    public BufferedImage render() {
        return render(width, height);
    }

    /**
     * Renders the chart.
     *
     * @param w image width in pixels
     * @param h image height in pixels
     * @return an RGB image
     */
    public BufferedImage render(int w, int h) {
        ReportFiles.ensureHeadless();
        int fs = (int) Math.max(10, Math.min(24, Math.round(Math.min(w, h * 1.6) / 55.0)));
        XYChart chart = new XYChartBuilder().width(w).height(h).title(title)
                .xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        style(chart.getStyler(), fs);
        int drawn = 0;
        for (int k = 0; k < series.size(); k++) {
            Series s = series.get(k);
            double[][] xy = downsample(filter(s.x, s.y));
            if (xy[0].length == 0) {
                continue;
            }
            XYSeries xs = chart.addSeries(s.name, xy[0], xy[1]);
            Color c = s.color != null ? s.color : PALETTE[k % PALETTE.length];
            if (s.scatter) {
                xs.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                xs.setMarker(SeriesMarkers.CIRCLE);
                xs.setMarkerColor(c);
            } else {
                xs.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
                xs.setMarker(SeriesMarkers.NONE);
                xs.setLineColor(c);
                xs.setLineStyle(new BasicStroke(Math.max(1.5f, fs / 8f), BasicStroke.CAP_ROUND,
                        BasicStroke.JOIN_ROUND));
            }
            drawn++;
        }
        if (drawn == 0) {
            return emptyImage(w, h, fs);
        }
        addTickBreaker(chart);
        chart.getStyler().setLegendVisible(legend != null ? legend : drawn > 1);
        return BitmapEncoder.getBufferedImage(chart);
    }

    /**
     * XChart places x ticks at data values when the union of all x values is equally spaced, which
     * gives labels like -0.4974874 for linspace data. A disabled, legend-less one-point series at a
     * new x position inside the range breaks the equal spacing so that "nice" ticks are used.
     */
    private static void addTickBreaker(XYChart chart) {
        XYSeries first = chart.getSeriesMap().values().iterator().next();
        double[] x = first.getXData();
        double[] y = first.getYData();
        if (x.length < 2 || x[0] == x[1]) {
            return;
        }
        double bx = x[0] + (x[1] - x[0]) * 0.37;
        XYSeries breaker = chart.addSeries("\u0000tick-breaker", new double[] {bx}, new double[] {y[0]});
        breaker.setEnabled(false);
        breaker.setShowInLegend(false);
        breaker.setMarker(SeriesMarkers.NONE);
    }

    private void style(XYStyler st, int fs) {
        Font base = ChartStyle.apply(st, fs, !title.isEmpty(), Styler.LegendPosition.InsideNE);
        st.setMarkerSize(Math.max(4, fs / 3));
        st.setXAxisLogarithmic(logX);
        st.setYAxisLogarithmic(logY);
        // consistent scientific labels on log axes (1E-3, 1E-2, ...); a formatting function would
        // make XChart fall back to linear tick placement
        if (logX) {
            st.setXAxisDecimalPattern("0E0");
        }
        if (logY) {
            st.setYAxisDecimalPattern("0E0");
        }
        st.setAntiAlias(true);
        st.setXAxisTitleVisible(!xLabel.isEmpty());
        st.setYAxisTitleVisible(!yLabel.isEmpty());
    }

    private double[][] filter(double[] x, double[] y) {
        double[] fx = new double[x.length];
        double[] fy = new double[y.length];
        int n = 0;
        for (int i = 0; i < x.length; i++) {
            double a = x[i];
            double b = y[i];
            if (Double.isFinite(a) && Double.isFinite(b) && (!logX || a > 0) && (!logY || b > 0)) {
                fx[n] = a;
                fy[n++] = b;
            }
        }
        return new double[][] {Arrays.copyOf(fx, n), Arrays.copyOf(fy, n)};
    }

    /** Min/max-per-bucket downsampling to at most {@link #MAX_DRAWN_POINTS} points, keeping both ends. */
    static double[][] downsample(double[][] xy) {
        double[] x = xy[0];
        double[] y = xy[1];
        int n = x.length;
        if (n <= MAX_DRAWN_POINTS) {
            return xy;
        }
        int buckets = (MAX_DRAWN_POINTS - 2) / 2;
        double[] ox = new double[MAX_DRAWN_POINTS];
        double[] oy = new double[MAX_DRAWN_POINTS];
        int m = 0;
        ox[m] = x[0];
        oy[m++] = y[0];
        int inner = n - 2;
        for (int b = 0; b < buckets; b++) {
            int lo = 1 + (int) ((long) b * inner / buckets);
            int hi = 1 + (int) ((long) (b + 1) * inner / buckets);
            if (hi <= lo) {
                continue;
            }
            int iMin = lo;
            int iMax = lo;
            for (int i = lo + 1; i < hi; i++) {
                if (y[i] < y[iMin]) {
                    iMin = i;
                }
                if (y[i] > y[iMax]) {
                    iMax = i;
                }
            }
            int first = Math.min(iMin, iMax);
            int second = Math.max(iMin, iMax);
            ox[m] = x[first];
            oy[m++] = y[first];
            if (second != first) {
                ox[m] = x[second];
                oy[m++] = y[second];
            }
        }
        ox[m] = x[n - 1];
        oy[m++] = y[n - 1];
        return new double[][] {Arrays.copyOf(ox, m), Arrays.copyOf(oy, m)};
    }

    private BufferedImage emptyImage(int w, int h, int fs) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            ReportFiles.paintWhite(g, w, h);
            g.setColor(Color.DARK_GRAY);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, fs + 2));
            g.drawString(title, (w - g.getFontMetrics().stringWidth(title)) / 2, fs * 2);
            g.setFont(new Font(Font.SANS_SERIF, Font.ITALIC, fs));
            String msg = "no data to plot";
            g.drawString(msg, (w - g.getFontMetrics().stringWidth(msg)) / 2, h / 2);
        } finally {
            g.dispose();
        }
        return img;
    }
}
