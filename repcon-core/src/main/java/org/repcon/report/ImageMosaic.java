package org.repcon.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Rows of small grayscale or RGB images, with optional row labels (left) and column labels (top): originals above
 * reconstructions, latent traversals (a row per latent dimension, a column per value), samples from a prior.
 * {@link ImageGrid} covers captioned grayscale tiles from {@code double[][]}; this class takes images as they come
 * from a model or an {@code ImageSet}.
 *
 * <p>Images are flat, channel-first float arrays: value {@code (c, y, x)} of image {@code i} is at
 * {@code ((i C + c) H + y) W + x}, with C = 1 (gray) or C = 3 (RGB), values in [0, 1] (clamped; NaN is drawn red).
 * Each pixel becomes a {@code scale x scale} block. The image is
 * {@code labelW + cols (W scale) + (cols + 1) padding} wide and
 * {@code titleH + colLabelH + rows (H scale) + (rows + 1) padding} high, where cols is the longest row, and the
 * label/title extents are 0 when there are none.
 *
 * <pre>{@code
 * new ImageMosaic(1, 28, 28).columnLabels("0", "1", "2")
 *     .addRow("original", x).addRow("reconstruction", xHat).savePng(png);
 * }</pre>
 */
public final class ImageMosaic {
    private record Row(String label, float[] pixels, int count) {
    }

    private final int channels;
    private final int height;
    private final int width;
    private final List<Row> rows = new ArrayList<>();
    private List<String> columnLabels = List.of();
    private String title = "";
    private int scale = 2;
    private int padding = 4;

    /**
     * @param channels 1 (grayscale) or 3 (RGB)
     * @param height image height H in pixels
     * @param width image width W in pixels
     */
    public ImageMosaic(int channels, int height, int width) {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels must be 1 (gray) or 3 (RGB), got " + channels);
        }
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("image size must be positive, got " + height + "x" + width);
        }
        this.channels = channels;
        this.height = height;
        this.width = width;
    }

    /** Adds a row of images ({@code n C H W} values, n &gt;= 1) with a label on its left (may be null). */
    public ImageMosaic addRow(String label, float[] images) {
        int n = count(images);
        rows.add(new Row(label == null ? "" : label, images.clone(), n));
        return this;
    }

    /** Adds all images ({@code n C H W} values) as unlabelled rows of {@code columns} images (the last may be shorter). */
    public ImageMosaic addRows(float[] images, int columns) {
        int n = count(images);
        if (columns < 1) {
            throw new IllegalArgumentException("columns must be >= 1: " + columns);
        }
        int per = imageSize();
        for (int start = 0; start < n; start += columns) {
            int m = Math.min(columns, n - start);
            rows.add(new Row("", Arrays.copyOfRange(images, start * per, (start + m) * per), m));
        }
        return this;
    }

    /** Labels above the columns (at most as many as the longest row has images). */
    public ImageMosaic columnLabels(String... labels) {
        this.columnLabels = labels == null ? List.of() : Arrays.stream(labels).map(s -> s == null ? "" : s).toList();
        return this;
    }

    /** Title above the mosaic. */
    public ImageMosaic title(String title) {
        this.title = title == null ? "" : title;
        return this;
    }

    /** Integer magnification of each image pixel (default 2). */
    public ImageMosaic scale(int scale) {
        if (scale < 1) {
            throw new IllegalArgumentException("scale must be >= 1: " + scale);
        }
        this.scale = scale;
        return this;
    }

    /** Gap between images in pixels (default 4). */
    public ImageMosaic padding(int padding) {
        if (padding < 0) {
            throw new IllegalArgumentException("padding must be >= 0: " + padding);
        }
        this.padding = padding;
        return this;
    }

    /** Number of rows added so far. */
    public int rows() {
        return rows.size();
    }

    /** Number of columns: the length of the longest row. */
    public int columns() {
        return rows.stream().mapToInt(Row::count).max().orElse(0);
    }

    /**
     * Renders the mosaic; the size follows from rows, columns, labels, scale and padding.
     *
     * @throws IllegalStateException if no row was added
     * @throws IllegalArgumentException if there are more column labels than columns
     */
    public BufferedImage render() {
        if (rows.isEmpty()) {
            throw new IllegalStateException("no images added");
        }
        int cols = columns();
        if (columnLabels.size() > cols) {
            throw new IllegalArgumentException(columnLabels.size() + " column labels for " + cols + " columns");
        }
        ReportFiles.ensureHeadless();
        Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
        Font titleFont = font.deriveFont(Font.BOLD, 14f);
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D pg = probe.createGraphics();
        FontMetrics fm = pg.getFontMetrics(font);
        FontMetrics tfm = pg.getFontMetrics(titleFont);
        pg.dispose();
        int cellW = width * scale;
        int cellH = height * scale;
        int labelW = 0;
        for (Row r : rows) {
            labelW = Math.max(labelW, r.label.isEmpty() ? 0 : fm.stringWidth(r.label) + 2 * padding + 2);
        }
        boolean colLabels = columnLabels.stream().anyMatch(s -> !s.isEmpty());
        int colLabelH = colLabels ? fm.getHeight() + 2 : 0;
        int titleH = title.isEmpty() ? 0 : tfm.getHeight() + padding;
        int gridW = cols * cellW + (cols + 1) * padding;
        int w = Math.max(labelW + gridW, title.isEmpty() ? 0 : tfm.stringWidth(title) + 2 * padding);
        int h = titleH + colLabelH + rows.size() * cellH + (rows.size() + 1) * padding;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            ReportFiles.paintWhite(g, w, h);
            g.setColor(Color.BLACK);
            if (!title.isEmpty()) {
                g.setFont(titleFont);
                g.drawString(title, (w - tfm.stringWidth(title)) / 2, padding + tfm.getAscent());
            }
            g.setFont(font);
            int x0 = labelW + (w - labelW - gridW) / 2 + padding;
            int y0 = titleH + colLabelH + padding;
            for (int c = 0; c < columnLabels.size(); c++) {
                String s = ReportFiles.fitText(columnLabels.get(c), fm, cellW + padding);
                int cx = x0 + c * (cellW + padding);
                g.drawString(s, cx + (cellW - fm.stringWidth(s)) / 2, titleH + 1 + fm.getAscent());
            }
            for (int r = 0; r < rows.size(); r++) {
                Row row = rows.get(r);
                int cy = y0 + r * (cellH + padding);
                if (!row.label.isEmpty()) {
                    g.drawString(row.label, labelW - padding - fm.stringWidth(row.label),
                            cy + (cellH + fm.getAscent() - fm.getDescent()) / 2);
                }
                for (int i = 0; i < row.count; i++) {
                    paint(img, row.pixels, i, x0 + i * (cellW + padding), cy);
                }
            }
        } finally {
            g.dispose();
        }
        return img;
    }

    /** Writes the mosaic as PNG, creating parent directories. */
    public void savePng(Path png) throws IOException {
        ReportFiles.write(render(), png);
    }

    private int imageSize() {
        return channels * height * width;
    }

    private int count(float[] images) {
        if (images == null || images.length == 0) {
            throw new IllegalArgumentException("no image values");
        }
        int per = imageSize();
        if (images.length % per != 0) {
            throw new IllegalArgumentException(images.length + " values are not a whole number of " + channels + "x"
                    + height + "x" + width + " images");
        }
        return images.length / per;
    }

    private void paint(BufferedImage img, float[] px, int index, int ox, int oy) {
        int plane = height * width;
        int base = index * channels * plane;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int rgb = 0;
                for (int c = 0; c < 3; c++) {
                    float v = px[base + (channels == 1 ? 0 : c * plane) + y * width + x];
                    if (Float.isNaN(v)) {
                        rgb = 0xff0000;
                        break;
                    }
                    rgb = (rgb << 8) | Math.round(Math.max(0, Math.min(1, v)) * 255);
                }
                for (int dy = 0; dy < scale; dy++) {
                    for (int dx = 0; dx < scale; dx++) {
                        img.setRGB(ox + x * scale + dx, oy + y * scale + dy, rgb);
                    }
                }
            }
        }
    }
}
