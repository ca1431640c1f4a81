package org.repcon.report;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Package-private helpers: PNG encoding and atomic file writes. */
final class ReportFiles {
    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private ReportFiles() {
    }

    /** Makes sure AWT starts headless unless the application decided otherwise. */
    static void ensureHeadless() {
        // the static initialiser does the work
    }

    static byte[] encode(BufferedImage img) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            if (!ImageIO.write(img, "png", out)) {
                throw new IllegalStateException("no PNG writer available");
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(BufferedImage img, Path png) throws IOException {
        writeAtomically(png, encode(img));
    }

    /** Writes bytes to a temporary sibling file, then moves it over {@code target}. */
    static void writeAtomically(Path target, byte[] bytes) throws IOException {
        org.repcon.io.AtomicFiles.write(target, bytes);
    }

    /** Starts a drawing: anti-aliased text and a white background over {@code w x h}. */
    static void paintWhite(java.awt.Graphics2D g, int w, int h) {
        g.setRenderingHint(java.awt.RenderingHints.KEY_TEXT_ANTIALIASING, java.awt.RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, w, h);
    }

    /** {@code s}, cut and ended with an ellipsis where it is wider than {@code width} pixels in {@code fm}. */
    static String fitText(String s, java.awt.FontMetrics fm, int width) {
        if (fm.stringWidth(s) <= width) {
            return s;
        }
        while (s.length() > 1 && fm.stringWidth(s + "\u2026") > width) {
            s = s.substring(0, s.length() - 1);
        }
        return s + "\u2026";
    }
}
