package org.repcon.tracking.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.repcon.data.DataException;
import org.repcon.data.ImageFiles;
import org.repcon.data.ImageFolder;
import org.repcon.data.ImageSet;
import org.repcon.tracking.geometry.Line;

/**
 * A {@link TrackImageSet} on disk: a folder of 8-bit grayscale PNGs (named as in the set, by default
 * {@code img00000.png}, ...) and {@code truth.csv}, one row per track:
 * <pre>
 *   file,track,angle_rad,offset_px,x1,y1,x2,y2
 *   img00000.png,0,1.0471975511965976,-3.25,12.1234,64.0000,49.0000,0.1234
 * </pre>
 * {@code angle_rad} and {@code offset_px} are the {@link Line} (angle in [0, pi) from +x towards +y, y down; offset
 * the signed distance from the image centre (W/2, H/2) along the normal (-sin, cos)), written exactly
 * ({@link Double#toString}); (x1, y1) and (x2, y2) are where the line enters and leaves the image in pixel
 * coordinates (origin at the top-left corner of the top-left pixel), from {@link Line#clip}, rounded to 1e-4 and
 * empty if the line misses the image; they are for people and other tools, and are not read back. {@code track}
 * numbers the tracks of one image from 0. An image without tracks has no rows. File names must not contain commas or
 * quotes (no CSV quoting is used).
 */
public final class TrackImageFiles {
    /** The truth file's name in a track image folder. */
    public static final String TRUTH_FILE = "truth.csv";
    /** The truth file's header line. */
    public static final String HEADER = "file,track,angle_rad,offset_px,x1,y1,x2,y2";

    private TrackImageFiles() {}

    /** Writes the set's images as PNGs and its truth as {@code truth.csv} into {@code dir} (created if needed). */
    public static void write(Path dir, TrackImageSet set) {
        ImageSet images = set.images();
        int h = images.height();
        int w = images.width();
        int per = images.imageSize();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new DataException("cannot create folder " + dir + ": " + e + "; check that its parent is writable.", e);
        }
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        for (int n = 0; n < set.size(); n++) {
            String name = images.names() == null ? TrackImageSet.fileName(n) : images.names().get(n);
            if (name.contains(",") || name.contains("\"") || name.contains("\n")) {
                throw new IllegalArgumentException("image name '" + name + "' contains a comma, quote or line break");
            }
            float[] one = new float[per];
            System.arraycopy(images.pixels(), n * per, one, 0, per);
            ImageFiles.writePng(dir.resolve(name), one, 1, h, w);
            List<Line> lines = set.truth(n);
            for (int k = 0; k < lines.size(); k++) {
                Line line = lines.get(k);
                csv.append(name).append(',').append(k).append(',').append(line.angle()).append(',')
                        .append(line.offset());
                double[] ends = line.clip(w, h);
                for (int c = 0; c < 4; c++) {
                    csv.append(',');
                    if (ends != null) {
                        // rounded first so that tiny negatives print as 0.0000, not -0.0000
                        csv.append(String.format(Locale.ROOT, "%.4f", Math.round(ends[c] * 1e4) / 1e4 + 0.0));
                    }
                }
                csv.append('\n');
            }
        }
        Path file = dir.resolve(TRUTH_FILE);
        try {
            Files.writeString(file, csv, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DataException("cannot write " + file + ": " + e + "; check that the folder is writable.", e);
        }
    }

    /**
     * The truth in {@code csv}: for each file named in it (in order of first appearance), its lines in row order.
     *
     * @throws DataException if the file is missing or unreadable, its header is not {@link #HEADER}, or a row has the
     *     wrong number of fields, an empty file name, a track number that is not a non-negative integer, or an angle
     *     or offset that is not a finite number (the message names the file and the line number)
     */
    public static Map<String, List<Line>> readTruth(Path csv) {
        if (!Files.isRegularFile(csv)) {
            throw new DataException("truth file " + csv + (Files.exists(csv) ? " is not a file" : " does not exist")
                    + "; a track image folder holds " + TRUTH_FILE + " next to its images (TrackImageFiles.write).");
        }
        List<String> rows;
        try {
            rows = Files.readAllLines(csv, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DataException("cannot read truth file " + csv + ": " + e, e);
        }
        if (rows.isEmpty() || !rows.get(0).strip().equals(HEADER)) {
            throw new DataException("truth file " + csv + " line 1: header is '"
                    + (rows.isEmpty() ? "" : rows.get(0).strip()) + "', expected '" + HEADER + "'.");
        }
        Map<String, List<Line>> truth = new LinkedHashMap<>();
        for (int r = 1; r < rows.size(); r++) {
            String row = rows.get(r);
            if (row.isBlank()) {
                continue;
            }
            String where = "truth file " + csv + " line " + (r + 1) + ": ";
            String[] f = row.split(",", -1);
            if (f.length != 8) {
                throw new DataException(where + f.length + " fields, expected 8 (" + HEADER + "): '" + row + "'.");
            }
            String name = f[0].strip();
            if (name.isEmpty()) {
                throw new DataException(where + "the file name is empty.");
            }
            try {
                if (Integer.parseInt(f[1].strip()) < 0) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                throw new DataException(where + "track '" + f[1] + "' is not a non-negative integer.");
            }
            double angle = number(f[2], "angle_rad", where);
            double offset = number(f[3], "offset_px", where);
            truth.computeIfAbsent(name, k -> new ArrayList<>()).add(new Line(angle, offset));
        }
        Map<String, List<Line>> out = new LinkedHashMap<>();
        truth.forEach((k, v) -> out.put(k, List.copyOf(v)));
        return out;
    }

    /**
     * The track image folder {@code dir} as a set: all images in it (sorted by file name, read as grayscale at the
     * size of the first one, see {@link ImageFolder}) and their truth from {@code truth.csv} (no rows: no tracks).
     *
     * @throws DataException if the folder or its truth file is missing or malformed, or the truth names a file that is
     *     not an image of the folder
     */
    public static TrackImageSet read(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new DataException("track image folder " + dir + " does not exist or is not a folder.");
        }
        Map<String, List<Line>> truth = readTruth(dir.resolve(TRUTH_FILE));
        Path first;
        try (Stream<Path> files = Files.list(dir)) {
            first = files.filter(p -> Files.isRegularFile(p) && ImageFolder.isImageFile(p)
                    && !p.getFileName().toString().startsWith(".")).sorted().findFirst().orElse(null);
        } catch (IOException e) {
            throw new DataException("cannot list folder " + dir + ": " + e, e);
        }
        if (first == null) {
            throw new DataException("track image folder " + dir + " holds no images.");
        }
        ImageFiles.Decoded d = ImageFiles.read(first, 1);
        ImageSet images = ImageFolder.load(dir, 1, d.height(), d.width());
        List<List<Line>> lines = new ArrayList<>(images.size());
        for (String name : images.names()) {
            lines.add(truth.getOrDefault(name, List.of()));
        }
        for (String name : truth.keySet()) {
            if (!images.names().contains(name)) {
                throw new DataException("truth file " + dir.resolve(TRUTH_FILE) + " names " + name
                        + ", which is not an image in " + dir + ".");
            }
        }
        return new TrackImageSet(images, lines);
    }

    private static double number(String field, String column, String where) {
        double v;
        try {
            v = Double.parseDouble(field.strip());
        } catch (NumberFormatException e) {
            throw new DataException(where + column + " '" + field + "' is not a number.");
        }
        if (!Double.isFinite(v)) {
            throw new DataException(where + column + " '" + field + "' is not finite.");
        }
        return v;
    }
}
