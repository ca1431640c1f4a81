package org.repcon.tracking.inference;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.repcon.data.ImageFiles;
import org.repcon.data.ImageFolder;
import org.repcon.data.ImageSet;
import org.repcon.experiment.TrainedRun;
import org.repcon.io.AtomicFiles;
import org.repcon.tracking.geometry.Line;
import org.repcon.tracking.model.Slots;
import org.repcon.tracking.model.TrackerModel;
import org.repcon.tracking.experiment.TrackerConfig;
import org.repcon.tracking.experiment.TrackerExperiment;

/**
 * A trained tracker loaded from its run directory (spec.yaml rebuilds the model, model.bin holds the weights), the
 * Java side of {@code repcon track --model RUN_DIR --input DIR_OR_PNG --out tracks.csv [--overlay DIR]}:
 * <pre>{@code
 * try (TrainedTracker t = TrainedTracker.load(runDir)) {
 *     ImageSet images = t.readImages(input);          // rejects images of another size
 *     List<List<Slots.Predicted>> tracks = t.track(images);
 *     TrainedTracker.writeCsv(out, images, tracks, t.width(), t.height());
 *     t.writeOverlays(overlayDir, images, tracks);
 * }
 * }</pre>
 */
public final class TrainedTracker implements AutoCloseable {
    /** Header of the tracks CSV; angle, offset and end points in {@link Line}'s conventions. */
    public static final String HEADER = "file,slot,presence,angle_rad,offset_px,x1,y1,x2,y2";

    private static final TrainedRun.Family<TrackerConfig, TrackerModel> FAMILY = new TrainedRun.Family<>("tracker", "the tracker",
            TrackerConfig::read, c -> c.training().dtype(), (c, seed, parameters) -> TrackerExperiment.build(c, parameters, seed));

    private final TrainedRun<TrackerConfig, TrackerModel> run;

    private TrainedTracker(TrainedRun<TrackerConfig, TrackerModel> run) {
        this.run = run;
    }

    /** Loads the model of a completed {@code tracker} run; IllegalArgumentException if it is not one. */
    public static TrainedTracker load(Path runDir) {
        return new TrainedTracker(FAMILY.load(runDir));
    }

    /** The run's config. */
    public TrackerConfig config() {
        return run.config();
    }

    /** The trained model (its arrays live as long as this tracker). */
    public TrackerModel model() {
        return run.model();
    }

    /** The run the model came from: its seed, resolved spec and provenance. */
    public TrainedRun<TrackerConfig, TrackerModel> run() {
        return run;
    }

    public int width() {
        return model().width();
    }

    public int height() {
        return model().height();
    }

    /**
     * One PNG/JPEG file or a folder of them (sorted by name), as grayscale; an image whose size is not the model's
     * is rejected (IllegalArgumentException naming the file and both sizes), never resized: line parameters are in
     * pixels.
     */
    public ImageSet readImages(Path input) throws IOException {
        List<Path> files;
        if (Files.isDirectory(input)) {
            try (Stream<Path> s = Files.list(input)) {
                files = s.filter(ImageFolder::isImageFile).sorted().toList();
            }
            if (files.isEmpty()) {
                throw new IllegalArgumentException(input + " holds no PNG/JPEG images");
            }
        } else if (Files.isRegularFile(input)) {
            files = List.of(input);
        } else {
            throw new IllegalArgumentException(input + " does not exist");
        }
        int w = width();
        int h = height();
        float[] pixels = new float[files.size() * w * h];
        List<String> names = new ArrayList<>();
        for (int n = 0; n < files.size(); n++) {
            ImageFiles.Decoded d = ImageFiles.read(files.get(n), 1);
            if (d.width() != w || d.height() != h) {
                throw new IllegalArgumentException(files.get(n) + " is " + d.width() + "x" + d.height()
                        + " pixels but the model was trained on " + w + "x" + h + " images (images are not resized: "
                        + "track parameters are in pixels)");
            }
            System.arraycopy(d.pixels(), 0, pixels, n * w * h, w * h);
            names.add(files.get(n).getFileName().toString());
        }
        return new ImageSet(input.toString(), 1, h, w, pixels, null, names);
    }

    /** The tracks of every image (present slots, strongest first, refined, duplicates dropped: {@link TrackFinder}). */
    public List<List<Slots.Predicted>> track(ImageSet images) {
        if (images.channels() != 1 || images.width() != width() || images.height() != height()) {
            throw new IllegalArgumentException("the tracker takes 1x" + height() + "x" + width() + " images, got "
                    + images.channels() + "x" + images.height() + "x" + images.width());
        }
        return TrackerExperiment.finder(config(), model()).find(images, config().training().dtype(), run.manager());
    }

    /**
     * Writes the tracks as CSV ({@link #HEADER}); a line that misses the image has empty end points. Atomic
     * ({@link AtomicFiles}): if the write fails (a full disk), {@code csv} is left as it was.
     */
    public static void writeCsv(Path csv, ImageSet images, List<List<Slots.Predicted>> tracks, int width, int height)
            throws IOException {
        AtomicFiles.write(csv, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            w.write(HEADER + "\n");
            for (int n = 0; n < tracks.size(); n++) {
                String name = images.names() != null ? images.names().get(n) : String.valueOf(n);
                for (Slots.Predicted p : tracks.get(n)) {
                    Line l = p.line();
                    double[] seg = l.clip(width, height);
                    String ends = seg == null ? ",,," : String.format(Locale.ROOT, "%.3f,%.3f,%.3f,%.3f", seg[0], seg[1], seg[2], seg[3]);
                    w.write(String.format(Locale.ROOT, "%s,%d,%.4f,%.6f,%.4f,%s%n", name, p.slot(), p.presence(), l.angle(),
                            l.offset(), ends));
                }
            }
            w.flush();
        });
    }

    /**
     * The overlay file of each image in {@code dir}: DIR/&lt;name without extension&gt;.png.
     *
     * @throws IllegalArgumentException if two images would share a file (e.g. a.png and a.jpg), naming both
     */
    public static List<Path> overlayFiles(Path dir, ImageSet images) {
        List<Path> files = new ArrayList<>();
        Map<Path, String> from = new HashMap<>();
        for (int n = 0; n < images.size(); n++) {
            String name = images.names() != null ? images.names().get(n) : String.format(Locale.ROOT, "img%05d.png", n);
            String base = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
            Path png = dir.resolve(base + ".png");
            String before = from.putIfAbsent(png, name);
            if (before != null) {
                throw new IllegalArgumentException("images " + before + " and " + name + " would both be drawn to " + png
                        + "; rename one of them");
            }
            files.add(png);
        }
        return files;
    }

    /**
     * Writes each image, enlarged 4x, with its predicted tracks in red, as {@link #overlayFiles}, each file
     * atomically ({@link AtomicFiles}); nothing is written if two images would share a file.
     */
    public void writeOverlays(Path dir, ImageSet images, List<List<Slots.Predicted>> tracks) throws IOException {
        List<Path> files = overlayFiles(dir, images);
        AtomicFiles.createDirectories(dir);
        int w = width();
        int h = height();
        int zoom = 4;
        for (int n = 0; n < images.size(); n++) {
            BufferedImage img = new BufferedImage(w * zoom, h * zoom, BufferedImage.TYPE_INT_RGB);
            for (int i = 0; i < h * zoom; i++) {
                for (int j = 0; j < w * zoom; j++) {
                    int v = Math.max(0, Math.min(255, Math.round(images.pixels()[n * w * h + (i / zoom) * w + j / zoom] * 255)));
                    img.setRGB(j, i, (v << 16) | (v << 8) | v);
                }
            }
            Graphics2D g = img.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(new Color(255, 40, 40));
            g.setStroke(new BasicStroke(1.5f));
            for (Slots.Predicted p : tracks.get(n)) {
                double[] seg = p.line().clip(w, h);
                if (seg != null) {
                    g.drawLine((int) Math.round(seg[0] * zoom), (int) Math.round(seg[1] * zoom), (int) Math.round(seg[2] * zoom),
                            (int) Math.round(seg[3] * zoom));
                }
            }
            g.dispose();
            AtomicFiles.write(files.get(n), out -> {
                if (!ImageIO.write(img, "png", out)) {
                    throw new IOException("no PNG writer in this Java runtime");
                }
            });
        }
    }

    @Override
    public void close() {
        run.close();
    }
}
