package org.repcon.tracking.experiment;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.repcon.experiment.RunContext;
import org.repcon.report.ScatterPlot;
import org.repcon.tracking.data.TrackImageSet;
import org.repcon.tracking.geometry.Line;

/**
 * The tracker's pictures and tables: the finders compared on the test and validation images; test images with true
 * and predicted lines; predicted vs true angle; latent vs truth.
 */
final class TrackerPlots {
    private static final int ZOOM = 4;
    private static final List<String> COLUMNS = List.of("efficiency", "fake_rate", "angle_rmse_mrad", "offset_rmse_px",
            "angle_rmse_mrad_common", "offset_rmse_px_common");

    private TrackerPlots() {}

    /**
     * Two report tables, test images then validation images: one row per finder ({@code names}, metric-key
     * {@code prefixes}), columns efficiency, fake rate, angle and offset RMSE over the finder's own matches and over
     * the tracks every finder matched ({@code *_common}).
     */
    static void comparisonTable(RunContext ctx, List<String> names, List<String> prefixes, Map<String, Double> test,
            Map<String, Double> validation) {
        List<String> header = List.of("finder", "efficiency", "fake rate", "angle RMSE (mrad)", "offset RMSE (px)",
                "angle RMSE, common tracks (mrad)", "offset RMSE, common tracks (px)");
        ctx.addReportSection(r -> {
            r.addTable("Test images (" + count(test.get("images")) + " images; common tracks: "
                    + count(test.get("common_tracks")) + ")", header, rows(names, prefixes, test, ""));
            r.addTable("Validation images (" + count(validation.get("val_images")) + " images; common tracks: "
                    + count(validation.get("val_common_tracks")) + ")", header, rows(names, prefixes, validation, "val_"));
        });
    }

    private static List<List<String>> rows(List<String> names, List<String> prefixes, Map<String, Double> metrics,
            String prefix) {
        List<List<String>> rows = new ArrayList<>();
        for (int f = 0; f < names.size(); f++) {
            List<String> row = new ArrayList<>(List.of(names.get(f)));
            for (String column : COLUMNS) {
                row.add(format(metrics.get(prefix + prefixes.get(f) + column)));
            }
            rows.add(row);
        }
        return rows;
    }

    /** Four significant digits; empty for a missing or undefined (NaN) value. */
    private static String format(Double v) {
        return v == null || !Double.isFinite(v) ? "" : String.format(Locale.ROOT, "%.4g", v);
    }

    private static String count(Double v) {
        return v == null ? "?" : Long.toString(v.longValue());
    }

    /** A grid of the first {@code count} test images: truth green, tracker red, Hough blue (thin). */
    static void overlays(RunContext ctx, TrackImageSet test, List<List<Line>> predicted, List<List<Line>> hough, int count)
            throws IOException {
        int n = Math.min(count, test.size());
        if (n == 0) {
            return;
        }
        int w = test.images().width();
        int h = test.images().height();
        int cols = Math.min(4, n);
        int rows = (n + cols - 1) / cols;
        int cw = w * ZOOM + 4;
        int ch = h * ZOOM + 4;
        BufferedImage out = new BufferedImage(cols * cw, rows * ch, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        float[] pixels = test.images().pixels();
        for (int k = 0; k < n; k++) {
            int ox = (k % cols) * cw + 2;
            int oy = (k / cols) * ch + 2;
            BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            for (int i = 0; i < h; i++) {
                for (int j = 0; j < w; j++) {
                    int v = Math.max(0, Math.min(255, Math.round(pixels[k * w * h + i * w + j] * 255)));
                    img.setRGB(j, i, (v << 16) | (v << 8) | v);
                }
            }
            g.drawImage(img, ox, oy, w * ZOOM, h * ZOOM, null);
            draw(g, test.truth(k), new Color(0, 200, 0, 140), 5f, ox, oy, w, h);
            draw(g, hough.get(k), new Color(60, 120, 255), 1f, ox, oy, w, h);
            draw(g, predicted.get(k), new Color(255, 40, 40), 1.5f, ox, oy, w, h);
        }
        g.dispose();
        Path png = ctx.plot("overlays.png");
        ImageIO.write(out, "png", png.toFile());
        ctx.addPlot("Test images: truth (green, wide), tracker (red), Hough baseline (blue, thin)", png);
    }

    private static void draw(Graphics2D g, List<Line> lines, Color color, float width, int ox, int oy, int w, int h) {
        g.setColor(color);
        g.setStroke(new BasicStroke(width));
        for (Line l : lines) {
            double[] seg = l.clip(w, h);
            if (seg != null) {
                g.drawLine(ox + (int) Math.round(seg[0] * ZOOM), oy + (int) Math.round(seg[1] * ZOOM),
                        ox + (int) Math.round(seg[2] * ZOOM), oy + (int) Math.round(seg[3] * ZOOM));
            }
        }
    }

    /** Predicted vs true angle of the matched tracks. */
    static void angleScatter(RunContext ctx, List<double[]> pairs) throws IOException {
        if (pairs.isEmpty()) {
            return;
        }
        double[][] xy = pairs.toArray(new double[0][]);
        Path png = ctx.plot("angle_scatter.png");
        new ScatterPlot().title("Matched tracks: predicted vs true angle").xLabel("true angle (rad)")
                .yLabel("predicted angle (rad)").points(xy, null).savePng(png);
        ctx.addPlot("Predicted vs true angle of matched tracks", png);
    }

    /**
     * The latent against the truth, for the encoder's own slots matched to true tracks: orientation (u, v) =
     * (cos 2a, sin 2a) against the true line's, and the slot line's offset against the true offset.
     */
    static void slotScatter(RunContext ctx, List<Line[]> pairs) throws IOException {
        if (pairs.isEmpty()) {
            return;
        }
        int n = pairs.size();
        double[] x = new double[2 * n];
        double[] y = new double[2 * n];
        int[] labels = new int[2 * n];
        double[] ox = new double[n];
        double[] oy = new double[n];
        for (int i = 0; i < n; i++) {
            Line truth = pairs.get(i)[0];
            Line slot = pairs.get(i)[1];
            x[i] = Math.cos(2 * truth.angle());
            y[i] = Math.cos(2 * slot.angle());
            x[n + i] = Math.sin(2 * truth.angle());
            y[n + i] = Math.sin(2 * slot.angle());
            labels[n + i] = 1;
            double da = Math.abs(truth.angle() - slot.angle());
            ox[i] = truth.offset();
            oy[i] = da > Math.PI / 2 ? -slot.offset() : slot.offset(); // the same line across the angle wrap
        }
        Path orientation = ctx.plot("slot_orientation.png");
        new ScatterPlot().title("Encoder slots vs truth: orientation").xLabel("true value").yLabel("slot value")
                .points(x, y, labels).classNames("u = cos 2a", "v = sin 2a").savePng(orientation);
        ctx.addPlot("Latent slot orientation (u, v) against the true track's (cos 2a, sin 2a), matched encoder slots", orientation);
        Path offset = ctx.plot("slot_offset.png");
        new ScatterPlot().title("Encoder slots vs truth: offset").xLabel("true offset (px)").yLabel("slot offset (px)")
                .points(ox, oy, null).savePng(offset);
        ctx.addPlot("Latent slot offset (n . p of the slot's point) against the true offset, matched encoder slots", offset);
    }
}
