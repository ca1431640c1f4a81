package org.repcon.report;

import java.awt.Font;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.style.CategoryStyler;
import org.knowm.xchart.style.Styler;

/**
 * Bar chart over named categories with one or more series (grouped bars side by side), rendered with XChart on a
 * white background: e.g. the usage count of each codebook entry ({@link #counts(long[])}), or one metric per run
 * with one series per method.
 *
 * <p>Every series has one value per category; non-finite values are drawn as 0. With more than
 * {@value #MAX_LABELLED_CATEGORIES} categories only about that many category labels are shown, and the bars of a
 * single series fill their slots without gaps. {@link #valueLabels(boolean)} prints each bar's value above it (for
 * a few bars, as a table-friendly comparison).
 *
 * <pre>{@code
 * BarChart.counts(codeUsage).title("Codebook usage").xLabel("code").yLabel("count").savePng(png);
 * new BarChart().categories("AE", "VAE", "VQ-VAE").addSeries("probe", probe).addSeries("5-NN", knn)
 *     .valueLabels(true).yLabel("test accuracy").savePng(png);
 * }</pre>
 */
public final class BarChart {
    /** Above this many categories, category labels are thinned out. */
    public static final int MAX_LABELLED_CATEGORIES = 30;

    private record Series(String name, double[] values) {
    }

    private List<String> categories;
    private final List<Series> series = new ArrayList<>();
    private String title = "";
    private String xLabel = "";
    private String yLabel = "";
    private boolean valueLabels;
    private boolean logY;
    private int width = 800;
    private int height = 500;

    /** One bar per code index 0..K-1 with its count, series "count", categories "0", "1", .... */
    public static BarChart counts(long[] counts) {
        if (counts == null || counts.length == 0) {
            throw new IllegalArgumentException("no counts");
        }
        String[] names = new String[counts.length];
        double[] values = new double[counts.length];
        for (int k = 0; k < counts.length; k++) {
            names[k] = Integer.toString(k);
            values[k] = counts[k];
        }
        return new BarChart().categories(names).addSeries("count", values);
    }

    /** The category names, in drawing order (distinct). */
    public BarChart categories(String... names) {
        if (names == null || names.length == 0) {
            throw new IllegalArgumentException("no categories");
        }
        if (Arrays.stream(names).distinct().count() != names.length) {
            throw new IllegalArgumentException("category names must be distinct: " + Arrays.toString(names));
        }
        for (Series s : series) {
            if (s.values.length != names.length) {
                throw new IllegalArgumentException("series '" + s.name + "' has " + s.values.length + " values but "
                        + names.length + " categories are given");
            }
        }
        this.categories = List.of(names);
        return this;
    }

    /** The category names, in drawing order (distinct). */
    public BarChart categories(List<String> names) {
        return categories(names == null ? null : names.toArray(new String[0]));
    }

    /** Adds a series with one value per category (set the categories first). */
    public BarChart addSeries(String name, double[] values) {
        Objects.requireNonNull(name, "name");
        if (categories == null) {
            throw new IllegalStateException("set the categories before adding series");
        }
        if (values == null || values.length != categories.size()) {
            throw new IllegalArgumentException("series '" + name + "' has " + (values == null ? 0 : values.length)
                    + " values but there are " + categories.size() + " categories");
        }
        for (Series s : series) {
            if (s.name.equals(name)) {
                throw new IllegalArgumentException("duplicate series name: " + name);
            }
        }
        series.add(new Series(name, values.clone()));
        return this;
    }

    /** Chart title. */
    public BarChart title(String title) {
        this.title = title == null ? "" : title;
        return this;
    }

    /** Horizontal (category) axis label. */
    public BarChart xLabel(String label) {
        this.xLabel = label == null ? "" : label;
        return this;
    }

    /** Vertical (value) axis label. */
    public BarChart yLabel(String label) {
        this.yLabel = label == null ? "" : label;
        return this;
    }

    /** Print each bar's value above it (default off). */
    public BarChart valueLabels(boolean show) {
        this.valueLabels = show;
        return this;
    }

    /** Logarithmic value axis starting at a tenth of the smallest positive value; values &lt;= 0 get no bar. */
    public BarChart logY(boolean log) {
        this.logY = log;
        return this;
    }

    /** Image size used by {@link #savePng(Path)} and {@link #render()} (default 800 x 500). */
    public BarChart size(int width, int height) {
        if (width < 100 || height < 80) {
            throw new IllegalArgumentException("image too small: " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
        return this;
    }

    /** Writes a PNG of the configured size, creating parent directories. */
    public void savePng(Path png) throws IOException {
        ReportFiles.write(render(width, height), png);
    }

    /** Renders at the configured size. */
    public BufferedImage render() {
        return render(width, height);
    }

    /**
     * Renders the chart.
     *
     * @throws IllegalStateException if there is no series
     */
    public BufferedImage render(int w, int h) {
        if (series.isEmpty()) {
            throw new IllegalStateException("no series added");
        }
        ReportFiles.ensureHeadless();
        int fs = (int) Math.max(10, Math.min(24, Math.round(Math.min(w, h * 1.6) / 55.0)));
        CategoryChart chart = new CategoryChartBuilder().width(w).height(h).title(title).xAxisTitle(xLabel)
                .yAxisTitle(yLabel).build();
        style(chart.getStyler(), fs, w);
        double minPositive = Double.POSITIVE_INFINITY;
        for (Series s : series) {
            for (double v : s.values) {
                if (v > 0 && Double.isFinite(v)) {
                    minPositive = Math.min(minPositive, v);
                }
            }
        }
        double floor = Double.isFinite(minPositive) ? minPositive / 10 : 1;
        if (logY) {
            chart.getStyler().setYAxisMin(floor); // XChart's bars otherwise start at 0, which a log axis rejects
        }
        for (int k = 0; k < series.size(); k++) {
            Series s = series.get(k);
            List<Double> values = new ArrayList<>();
            for (double v : s.values) {
                double c = Double.isFinite(v) ? v : 0;
                if (logY && c <= 0) {
                    c = floor;
                }
                values.add(c);
            }
            CategorySeries cs = chart.addSeries(s.name, categories, values);
            cs.setFillColor(CategoryPalette.color(k));
            cs.setLineColor(CategoryPalette.color(k));
        }
        chart.getStyler().setLegendVisible(series.size() > 1);
        return BitmapEncoder.getBufferedImage(chart);
    }

    private void style(CategoryStyler st, int fs, int w) {
        Font base = ChartStyle.apply(st, fs, !title.isEmpty(), Styler.LegendPosition.OutsideE);
        st.setPlotGridVerticalLinesVisible(false);
        st.setAntiAlias(true);
        st.setXAxisTitleVisible(!xLabel.isEmpty());
        st.setYAxisTitleVisible(!yLabel.isEmpty());
        st.setYAxisLogarithmic(logY);
        if (logY) {
            st.setYAxisDecimalPattern("0E0");
        }
        st.setLabelsVisible(valueLabels);
        st.setLabelsFont(base.deriveFont(fs - 2f));
        st.setLabelsPosition(0.93); // near the top of each bar
        int n = categories.size();
        if (n > MAX_LABELLED_CATEGORIES) {
            int longest = categories.stream().mapToInt(String::length).max().orElse(1);
            int fit = (int) (w * 0.8 / ((longest + 3) * fs * 0.6));
            st.setXAxisMaxLabelCount(Math.max(2, Math.min(MAX_LABELLED_CATEGORIES, fit)));
            if (series.size() == 1) {
                st.setAvailableSpaceFill(1.0);
            }
        } else if (categories.stream().mapToInt(String::length).sum() * fs * 0.6 > w * 0.8) {
            st.setXAxisLabelRotation(45);
        }
    }
}
