package org.repcon.report;

import java.awt.Font;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;

/**
 * 2-D points coloured by class with a legend of class names (e.g. a PCA or t-SNE embedding of test latents),
 * rendered with XChart on a white background.
 *
 * <p>Point {@code n} at {@code (x_n, y_n)} belongs to class {@code labels[n] >= 0}; class {@code k} is drawn in
 * colour {@code k mod 10} of the Tableau-10 palette (circles for classes 0-9, other marker shapes after that) and
 * named {@code classNames[k]} in the legend, or "class k" without names. Classes are drawn in ascending order, so
 * later classes cover earlier ones where they overlap. Points with a non-finite coordinate are dropped.
 *
 * <pre>{@code
 * new ScatterPlot().title("t-SNE of test latents").points(embedding, testLabels)
 *     .classNames(FASHION_MNIST_CLASSES).savePng(dir.resolve("plots/tsne.png"));
 * }</pre>
 */
public final class ScatterPlot {
    private double[] x;
    private double[] y;
    private int[] labels;
    private List<String> classNames;
    private String title = "";
    private String xLabel = "";
    private String yLabel = "";
    private int markerSize = 4;
    private int width = 800;
    private int height = 600;

    /** Chart title. */
    public ScatterPlot title(String title) {
        this.title = title == null ? "" : title;
        return this;
    }

    /** Horizontal axis label. */
    public ScatterPlot xLabel(String label) {
        this.xLabel = label == null ? "" : label;
        return this;
    }

    /** Vertical axis label. */
    public ScatterPlot yLabel(String label) {
        this.yLabel = label == null ? "" : label;
        return this;
    }

    /** Image size used by {@link #savePng(Path)} and {@link #render()} (default 800 x 600). */
    public ScatterPlot size(int width, int height) {
        if (width < 100 || height < 80) {
            throw new IllegalArgumentException("image too small: " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
        return this;
    }

    /** Marker diameter in pixels (default 4). */
    public ScatterPlot markerSize(int pixels) {
        if (pixels < 1) {
            throw new IllegalArgumentException("marker size must be >= 1: " + pixels);
        }
        this.markerSize = pixels;
        return this;
    }

    /**
     * The points as rows {@code [N][2]} (e.g. the output of a 2-D projection) with one class label each.
     *
     * @param labels class of each point ({@code >= 0}), or null for a single unnamed class
     */
    public ScatterPlot points(double[][] xy, int[] labels) {
        if (xy == null) {
            throw new IllegalArgumentException("points are null");
        }
        double[] px = new double[xy.length];
        double[] py = new double[xy.length];
        for (int n = 0; n < xy.length; n++) {
            if (xy[n] == null || xy[n].length != 2) {
                throw new IllegalArgumentException("point " + n + " has " + (xy[n] == null ? 0 : xy[n].length)
                        + " coordinates, expected 2");
            }
            px[n] = xy[n][0];
            py[n] = xy[n][1];
        }
        return points(px, py, labels);
    }

    /** The points as coordinate arrays of equal length with one class label each (labels may be null). */
    public ScatterPlot points(double[] x, double[] y, int[] labels) {
        if (x == null || y == null) {
            throw new IllegalArgumentException("coordinates are null");
        }
        if (x.length != y.length) {
            throw new IllegalArgumentException(x.length + " x values but " + y.length + " y values");
        }
        if (labels != null) {
            if (labels.length != x.length) {
                throw new IllegalArgumentException(labels.length + " labels for " + x.length + " points");
            }
            for (int n = 0; n < labels.length; n++) {
                if (labels[n] < 0) {
                    throw new IllegalArgumentException("label of point " + n + " is negative: " + labels[n]);
                }
            }
        }
        this.x = x.clone();
        this.y = y.clone();
        this.labels = labels == null ? new int[x.length] : labels.clone();
        return this;
    }

    /** Legend names of classes 0, 1, ...; must cover every label. */
    public ScatterPlot classNames(List<String> names) {
        this.classNames = names == null ? null : List.copyOf(names);
        return this;
    }

    /** Legend names of classes 0, 1, ...; must cover every label. */
    public ScatterPlot classNames(String... names) {
        return classNames(names == null ? null : Arrays.asList(names));
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
     * @throws IllegalStateException if no points were given
     * @throws IllegalArgumentException if a label has no class name
     */
    public BufferedImage render(int w, int h) {
        if (x == null) {
            throw new IllegalStateException("no points given");
        }
        int classes = Arrays.stream(labels).max().orElse(-1) + 1;
        if (classNames != null && classNames.size() < classes) {
            throw new IllegalArgumentException("label " + (classes - 1) + " has no class name (" + classNames.size()
                    + " names)");
        }
        ReportFiles.ensureHeadless();
        int fs = (int) Math.max(10, Math.min(24, Math.round(Math.min(w, h * 1.6) / 55.0)));
        XYChart chart = new XYChartBuilder().width(w).height(h).title(title).xAxisTitle(xLabel).yAxisTitle(yLabel)
                .build();
        style(chart.getStyler(), fs);
        int drawn = 0;
        for (int k = 0; k < classes; k++) {
            List<double[]> pts = new ArrayList<>();
            for (int n = 0; n < labels.length; n++) {
                if (labels[n] == k && Double.isFinite(x[n]) && Double.isFinite(y[n])) {
                    pts.add(new double[] {x[n], y[n]});
                }
            }
            if (pts.isEmpty()) {
                continue;
            }
            String name = classNames != null ? classNames.get(k) : classes == 1 ? "points" : "class " + k;
            XYSeries s = chart.addSeries(name, pts.stream().mapToDouble(p -> p[0]).toArray(),
                    pts.stream().mapToDouble(p -> p[1]).toArray());
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            s.setMarker(CategoryPalette.marker(k));
            s.setMarkerColor(CategoryPalette.color(k));
            drawn++;
        }
        chart.getStyler().setLegendVisible(drawn > 1 || classNames != null);
        if (drawn == 0) { // keep XChart from failing on an empty chart
            XYSeries s = chart.addSeries(" ", new double[] {0}, new double[] {0});
            s.setEnabled(false);
            s.setShowInLegend(false);
            chart.getStyler().setLegendVisible(false);
        }
        return BitmapEncoder.getBufferedImage(chart);
    }

    private void style(XYStyler st, int fs) {
        Font base = ChartStyle.apply(st, fs, !title.isEmpty(), Styler.LegendPosition.OutsideE);
        st.setMarkerSize(markerSize);
        st.setAntiAlias(true);
        st.setXAxisTitleVisible(!xLabel.isEmpty());
        st.setYAxisTitleVisible(!yLabel.isEmpty());
    }
}
