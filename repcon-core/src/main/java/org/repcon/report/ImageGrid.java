package org.repcon.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Tiles grayscale images into a grid, optionally with a caption under each tile and a title.
 *
 * <p>Each image is {@code double[rows][cols]} with row 0 at the top and values in [0, 1]
 * (0 = black, values are clamped, NaN is drawn red). Tiles are magnified by an integer
 * {@link #scale(int)} with nearest-neighbour sampling; differently sized images are centred in
 * cells of the largest size.
 */
public final class ImageGrid {
    private record Tile(double[][] pixels, String caption) {
    }

    private final List<Tile> tiles = new ArrayList<>();
    private String title = "";
    private int columns = 8;
    private int scale = 3;
    private int padding = 6;

    /** Adds an image without caption. */
    public ImageGrid add(double[][] image) {
        return add(image, null);
    }

    /** Adds an image with a caption (may be null). */
    public ImageGrid add(double[][] image, String caption) {
        if (image.length == 0 || image[0].length == 0) {
            throw new IllegalArgumentException("empty image");
        }
        for (double[] row : image) {
            if (row.length != image[0].length) {
                throw new IllegalArgumentException("image is not rectangular");
            }
        }
        tiles.add(new Tile(image, caption == null ? "" : caption));
        return this;
    }

    /** Title above the grid. */
    public ImageGrid title(String title) {
        this.title = title == null ? "" : title;
        return this;
    }

    /** Number of tiles per row (default 8). */
    public ImageGrid columns(int columns) {
        if (columns < 1) {
            throw new IllegalArgumentException("columns must be >= 1");
        }
        this.columns = columns;
        return this;
    }

    /** Integer magnification of each image pixel (default 3). */
    public ImageGrid scale(int scale) {
        if (scale < 1) {
            throw new IllegalArgumentException("scale must be >= 1");
        }
        this.scale = scale;
        return this;
    }

    /** Gap between tiles in pixels (default 6). */
    public ImageGrid padding(int padding) {
        this.padding = Math.max(0, padding);
        return this;
    }

    /** Renders the grid; the image size follows from tiles, columns, scale and padding. */
    public BufferedImage render() {
        if (tiles.isEmpty()) {
            throw new IllegalStateException("no images added");
        }
        ReportFiles.ensureHeadless();
        int maxR = 0;
        int maxC = 0;
        boolean captions = false;
        for (Tile t : tiles) {
            maxR = Math.max(maxR, t.pixels.length);
            maxC = Math.max(maxC, t.pixels[0].length);
            captions |= !t.caption.isEmpty();
        }
        int cols = Math.min(columns, tiles.size());
        int rows = (tiles.size() + cols - 1) / cols;
        int cellW = maxC * scale;
        int cellH = maxR * scale;
        Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
        Font titleFont = font.deriveFont(Font.BOLD, 14f);
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D pg = probe.createGraphics();
        FontMetrics fm = pg.getFontMetrics(font);
        FontMetrics tfm = pg.getFontMetrics(titleFont);
        pg.dispose();
        int capH = captions ? fm.getHeight() + 2 : 0;
        int titleH = title.isEmpty() ? 0 : tfm.getHeight() + padding;
        int w = Math.max(cols * cellW + (cols + 1) * padding, title.isEmpty() ? 0 : tfm.stringWidth(title) + 2 * padding);
        int h = titleH + rows * (cellH + capH) + (rows + 1) * padding;
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
            int x0 = (w - (cols * cellW + (cols + 1) * padding)) / 2;
            for (int k = 0; k < tiles.size(); k++) {
                Tile t = tiles.get(k);
                int cx = x0 + padding + (k % cols) * (cellW + padding);
                int cy = titleH + padding + (k / cols) * (cellH + capH + padding);
                int ox = cx + (cellW - t.pixels[0].length * scale) / 2;
                int oy = cy + (cellH - t.pixels.length * scale) / 2;
                paint(img, t.pixels, ox, oy);
                if (!t.caption.isEmpty()) {
                    String s = ReportFiles.fitText(t.caption, fm, cellW + padding);
                    g.drawString(s, cx + (cellW - fm.stringWidth(s)) / 2, cy + cellH + 1 + fm.getAscent());
                }
            }
        } finally {
            g.dispose();
        }
        return img;
    }

    private void paint(BufferedImage img, double[][] px, int ox, int oy) {
        for (int r = 0; r < px.length; r++) {
            for (int c = 0; c < px[r].length; c++) {
                double v = px[r][c];
                int rgb;
                if (Double.isNaN(v)) {
                    rgb = 0xff0000;
                } else {
                    int gray = (int) Math.round(Math.max(0, Math.min(1, v)) * 255);
                    rgb = (gray << 16) | (gray << 8) | gray;
                }
                for (int dy = 0; dy < scale; dy++) {
                    for (int dx = 0; dx < scale; dx++) {
                        img.setRGB(ox + c * scale + dx, oy + r * scale + dy, rgb);
                    }
                }
            }
        }
    }

    /** Writes the grid as PNG, creating parent directories. */
    public void savePng(Path png) throws IOException {
        ReportFiles.write(render(), png);
    }
}
