package org.repcon.diffusion.experiment;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;

/** Pictures side by side in one image (white background), for strips and multi-panel figures. */
final class Panels {
    private Panels() {}

    static BufferedImage row(List<BufferedImage> panels) {
        int w = panels.stream().mapToInt(BufferedImage::getWidth).sum();
        int h = panels.stream().mapToInt(BufferedImage::getHeight).max().orElse(1);
        BufferedImage out = new BufferedImage(Math.max(1, w), h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, out.getWidth(), h);
            int x = 0;
            for (BufferedImage p : panels) {
                g.drawImage(p, x, 0, null);
                x += p.getWidth();
            }
        } finally {
            g.dispose();
        }
        return out;
    }
}
