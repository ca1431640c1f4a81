package org.repcon.diffusion.experiment;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.repcon.io.AtomicFiles;

/** Writes a composed picture as a PNG, atomically. */
final class Png {
    private Png() {}

    static void write(BufferedImage image, Path png) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        if (!ImageIO.write(image, "png", bytes)) {
            throw new IOException("no PNG writer available for " + png);
        }
        Files.createDirectories(png.toAbsolutePath().getParent());
        AtomicFiles.write(png, bytes.toByteArray());
    }
}
