package org.repcon.autoencoders.experiment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.repcon.data.ImageSet;
import org.repcon.io.AtomicFiles;

/**
 * The latents file of {@code repcon encode} / {@code repcon decode}: a header {@code name,label,z0,z1,...}
 * and one row per image (label empty when unknown). Matrix latents [D, h, w] are flattened row-major.
 */
public final class LatentCsv {
    /** Latents read back: one name and one row of values per image. */
    public record Latents(List<String> names, double[][] values) {}

    private LatentCsv() {}

    /** Writes {@code z} (one row per image of {@code images}) atomically. */
    public static void write(Path file, ImageSet images, double[][] z) throws IOException {
        StringBuilder b = new StringBuilder("name,label");
        for (int j = 0; j < z[0].length; j++) {
            b.append(",z").append(j);
        }
        b.append('\n');
        for (int i = 0; i < z.length; i++) {
            String name = images.names() != null ? images.names().get(i) : Integer.toString(i);
            b.append(name.replace(',', '_').replace('\n', '_')).append(',');
            if (images.labels() != null) {
                b.append(images.labels()[i]);
            }
            for (double v : z[i]) {
                b.append(',').append(String.format(Locale.ROOT, "%.7g", v));
            }
            b.append('\n');
        }
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        AtomicFiles.write(file, b.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads a latents file; every row must have {@code size} values.
     *
     * @throws IllegalArgumentException naming the file, line and problem
     */
    public static Latents read(Path file, int size) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("latents file not found: " + file);
        }
        if (lines.isEmpty() || !lines.get(0).startsWith("name,")) {
            throw new IllegalArgumentException(file + ": expected a header row 'name,label,z0,...' as written by 'repcon encode'");
        }
        String[] header = lines.get(0).split(",", -1);
        int first = header.length > 1 && header[1].equals("label") ? 2 : 1;
        if (header.length - first != size) {
            throw new IllegalArgumentException(file + ": the header has " + (header.length - first) + " latent columns but the model's latent has "
                    + size + " values");
        }
        List<String> names = new ArrayList<>();
        List<double[]> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split(",", -1);
            if (cells.length != header.length) {
                throw new IllegalArgumentException(file + " line " + (i + 1) + ": " + cells.length + " cells, the header has " + header.length);
            }
            double[] z = new double[size];
            for (int j = 0; j < size; j++) {
                try {
                    z[j] = Double.parseDouble(cells[first + j]);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(file + " line " + (i + 1) + ", column " + header[first + j] + ": not a number: '"
                            + cells[first + j] + "'");
                }
                if (!Double.isFinite(z[j])) {
                    throw new IllegalArgumentException(file + " line " + (i + 1) + ", column " + header[first + j] + ": not finite");
                }
            }
            names.add(cells[0]);
            rows.add(z);
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(file + " has no rows of latents");
        }
        return new Latents(names, rows.toArray(double[][]::new));
    }

    /** A safe PNG file name for a row: its name with folders joined by '_' and without extension, else its index. */
    public static String pngName(String name, int index) {
        String base = name == null || name.isBlank() ? Integer.toString(index) : name.replaceAll("[/\\\\]", "_").replaceAll("\\.[A-Za-z]+$", "");
        base = base.replaceAll("[^A-Za-z0-9._-]", "_");
        return (base.isEmpty() ? Integer.toString(index) : base) + ".png";
    }
}
