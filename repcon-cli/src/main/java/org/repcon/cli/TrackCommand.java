package org.repcon.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.repcon.data.DataException;
import org.repcon.data.ImageSet;
import org.repcon.io.AtomicFiles;
import org.repcon.tracking.inference.TrainedTracker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code repcon track --model RUN_DIR --input DIR_OR_PNG --out tracks.csv [--overlay DIR]}. Every output file is
 * written atomically: a failed write (a full disk) leaves no partial file and exits with 2 and a message naming the
 * file.
 */
@Command(name = "track", description = "Find straight tracks in PNG images with a trained tracker run; one CSV row per track "
        + "(file,slot,presence,angle_rad,offset_px,x1,y1,x2,y2; conventions in the README).")
final class TrackCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "RUN_DIR", description = "a completed tracker run directory")
    Path model;

    @Option(names = "--input", required = true, paramLabel = "DIR_OR_PNG", description = "a PNG image or a folder of them, of the model's size")
    Path input;

    @Option(names = "--out", required = true, paramLabel = "CSV", description = "output CSV")
    Path out;

    @Option(names = "--overlay", paramLabel = "DIR", description = "also write each image with its found tracks drawn")
    Path overlay;

    @Override
    public Integer call() throws Exception {
        try (TrainedTracker tracker = TrainedTracker.load(model)) {
            ImageSet images = tracker.readImages(input);
            if (overlay != null) { // before anything is written: overlay names clash, or the folder cannot be made
                TrainedTracker.overlayFiles(overlay, images);
                AtomicFiles.createDirectories(overlay);
            }
            var tracks = tracker.track(images);
            TrainedTracker.writeCsv(out, images, tracks, tracker.width(), tracker.height());
            if (overlay != null) {
                tracker.writeOverlays(overlay, images, tracks);
            }
            long found = tracks.stream().mapToLong(List::size).sum();
            System.out.println("tracked " + images.size() + " image(s) from " + input + ": " + found + " track(s) in " + out);
            return 0;
        } catch (DataException | IllegalArgumentException | java.io.IOException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        }
    }
}
